package dev.modelregistry.spi;

import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalQuery;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the journal. Entries become visible in sequence order: a reader that has seen entry
 * {@code n} never later sees a new entry below {@code n}. Implementations must be thread-safe.
 */
public interface JournalReader {

    /** At most {@code limit} entries with a sequence above {@code afterSequence}, in sequence order. */
    List<JournalEntry> journal(long afterSequence, int limit);

    /** The recorded head of the journal. */
    JournalHead journalHead();

    /** The entry whose stored hash is {@code hash}, if any; used to diagnose a broken chain. */
    Optional<JournalEntry> journalEntryWithHash(String hash);

    /**
     * The entries about one model with one of the given operations, in sequence order: what a
     * rollback replays to find where a stage or an alias was before.
     */
    List<JournalEntry> journalOf(String model, Set<String> operations);

    /**
     * The entries that meet every condition of {@code query}, with a sequence above
     * {@code query.after()}, in sequence order, at most {@code query.limit()}.
     */
    List<JournalEntry> journal(JournalQuery query);
}
