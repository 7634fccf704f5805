package dev.modelregistry.spi;

import java.util.Objects;

/**
 * A journal entry as the core drafts it; the store gives it its sequence, hashes and the change
 * set's time, principal and request id when it appends it (see {@link JournalHashes}).
 *
 * @param operation         what happened, such as {@code version.registered}
 * @param target            the model or version it happened to
 * @param ofInsertedVersion whether the entry is about the version the change set inserts, whose
 *                          number only the store knows: the store then records that number as the
 *                          entry's version, and {@code target} names only the model
 * @param details           what changed, as a JSON object
 */
public record EntryDraft(String operation, Target target, boolean ofInsertedVersion, String details) {

    public EntryDraft {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(details, "details");
        if (ofInsertedVersion && target.isVersion()) {
            throw new IllegalArgumentException("an entry of the inserted version names only its model, not "
                    + target);
        }
    }

    /** An entry about a model or an existing version. */
    public static EntryDraft of(String operation, Target target, String details) {
        return new EntryDraft(operation, target, false, details);
    }

    /** An entry about the version the change set inserts. */
    public static EntryDraft ofInsertedVersion(String operation, String model, String details) {
        return new EntryDraft(operation, Target.model(model), true, details);
    }
}
