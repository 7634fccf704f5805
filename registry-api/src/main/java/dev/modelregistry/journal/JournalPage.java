package dev.modelregistry.journal;

import java.util.List;

/**
 * One page of an audit query ({@link Journal#query}).
 *
 * @param entries the entries, in sequence order
 * @param next    the sequence to pass as {@link JournalQuery#withAfter} for the next page: the last
 *                entry read, which may be past the last one returned if later ones were not readable
 * @param more    whether there may be more entries after {@code next}
 */
public record JournalPage(List<JournalEntry> entries, long next, boolean more) {

    public JournalPage {
        entries = List.copyOf(entries);
    }
}
