package dev.modelregistry.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * One committed change, as the journal recorded it. Entries form a hash chain: each one's
 * {@code hash} covers its fields and the previous entry's hash (docs/JOURNAL.md specifies the
 * encoding byte for byte).
 *
 * @param sequence     position in the journal: 1 for the first entry, then one more for each
 *                     entry, without gaps, in commit order
 * @param at           when the change was made, to the millisecond
 * @param principal    who made it
 * @param operation    what happened, such as {@code version.registered} (see docs/JOURNAL.md)
 * @param model        the model it happened to
 * @param version      the version it happened to, or 0 if it happened to the model itself
 * @param details      what changed, as a JSON object
 * @param requestId    the id of the operation that made the change; the entries of one
 *                     operation share it
 * @param previousHash the hash of the entry before, or 64 zeros for the first entry
 * @param hash         SHA-256 of this entry's canonical encoding, lowercase hex
 */
public record JournalEntry(long sequence, Instant at, String principal, String operation, String model,
                           int version, String details, String requestId, String previousHash, String hash) {

    public JournalEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The target as text: {@code model} or {@code model@version}. */
    public String subject() {
        return version == 0 ? model : model + "@" + version;
    }
}
