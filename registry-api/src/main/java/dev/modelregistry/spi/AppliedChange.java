package dev.modelregistry.spi;

import dev.modelregistry.journal.JournalEntry;
import java.util.List;

/**
 * What applying a {@link ChangeSet} committed.
 *
 * @param entries         the journal entries appended, in sequence order
 * @param insertedVersion the number of the version inserted, or 0 if none
 */
public record AppliedChange(List<JournalEntry> entries, int insertedVersion) {

    public AppliedChange {
        entries = List.copyOf(entries);
    }
}
