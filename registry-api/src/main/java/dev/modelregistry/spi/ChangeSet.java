package dev.modelregistry.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything one operation changes, as the core decided it: the preconditions it relies on, the
 * mutations, and the journal entries that record them. A store applies a change set completely, in
 * one transaction, or not at all (see {@link MetadataStore#apply(ChangeSet)}).
 *
 * @param requestId     identifies this change set and every attempt to apply it: a store that lost
 *                      its connection while committing finds out from the journal whether an
 *                      attempt committed, instead of applying it twice
 * @param principal     who makes the change; recorded on every history row and journal entry
 * @param at            when, to the millisecond
 * @param preconditions checked under the store's locks before anything is written
 * @param mutations     applied in order
 * @param entries       appended to the journal in order, at least one
 */
public record ChangeSet(String requestId, String principal, Instant at, List<Precondition> preconditions,
                        List<Mutation> mutations, List<EntryDraft> entries) {

    public ChangeSet {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(at, "at");
        preconditions = List.copyOf(preconditions);
        mutations = List.copyOf(mutations);
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a change set records at least one journal entry");
        }
        long inserts = mutations.stream().filter(m -> m instanceof Mutation.InsertVersion).count();
        if (inserts > 1) {
            throw new IllegalArgumentException("a change set inserts at most one version, not " + inserts);
        }
        if (inserts == 0 && entries.stream().anyMatch(EntryDraft::ofInsertedVersion)) {
            throw new IllegalArgumentException("an entry names the inserted version, but nothing is inserted");
        }
    }

    /** The names of every model the change set reads or writes, sorted: the order a store locks them in. */
    public List<String> models() {
        TreeSet<String> models = new TreeSet<>();
        preconditions.forEach(p -> models.add(p.model()));
        mutations.forEach(m -> models.add(m.model()));
        entries.forEach(e -> models.add(e.target().model()));
        return List.copyOf(models);
    }

    /**
     * What the change set does, for messages: {@code apply} and its last entry's operation and
     * target, such as {@code apply version.stage_changed (fraud-detector v7)}.
     */
    public String describe() {
        EntryDraft last = entries.get(entries.size() - 1);
        return "apply " + last.operation() + " (" + last.target() + ")";
    }
}
