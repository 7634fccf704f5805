package dev.modelregistry.journal;

import java.util.List;

/**
 * One page of an audit query ({@link Journal#query}).
 *
 * @param entries the entries, in sequence order
 * @param next    the sequence to pass as {@link JournalQuery#withAfter} for the next page: the last
 *                entry returned, or the query's own {@code after} if none was (entries the principal
 *                may not see leave no trace in a page)
 * @param more    whether there may be more entries after {@code next}
 */
public record JournalPage(List<JournalEntry> entries, long next, boolean more) {

    public JournalPage {
        entries = List.copyOf(entries);
    }
}
