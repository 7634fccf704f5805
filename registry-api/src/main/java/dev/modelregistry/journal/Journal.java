package dev.modelregistry.journal;

import java.util.List;

/**
 * The journal of a registry: every committed change, in commit order, hash-chained. It is the
 * change feed that deployment pipelines follow from a cursor and the audit trail; the format of
 * its entries and of their hashes is in docs/JOURNAL.md.
 *
 * <p>Implementations are thread-safe. Reads see entries written by every process that uses the
 * same metadata store.
 */
public interface Journal {

    /** Most entries one {@link #after} call or one {@link JournalFollower#poll} returns. */
    int MAX_PAGE = 10_000;

    /**
     * At most {@code limit} entries with a sequence above {@code sequence}, in sequence order.
     * Pass 0 to read from the start, then the last entry's sequence to read on.
     *
     * @throws dev.modelregistry.InvalidInputException if {@code sequence} is negative or {@code limit}
     *         is not between 1 and {@link #MAX_PAGE}
     */
    List<JournalEntry> after(long sequence, int limit);

    /** The sequence of the newest entry, 0 if the journal is empty. */
    long head();

    /**
     * Follows the journal from a cursor: each {@link JournalFollower#poll} returns the entries
     * committed after the ones it returned before, whichever process committed them, so that a
     * follower sees every entry exactly once and in order. Closing it releases nothing but itself.
     *
     * @param afterSequence the sequence after which to start, 0 for the start of the journal
     * @throws dev.modelregistry.InvalidInputException if {@code afterSequence} is negative
     */
    JournalFollower follow(long afterSequence);

    /**
     * Calls {@code listener} with the entries of every change this registry (or a view of it, see
     * {@link dev.modelregistry.Registry#as}) commits from now on, right after the commit, on the
     * thread that made the change and before the operation returns. A listener that throws is
     * logged and fails neither the operation nor the other listeners. Changes made by other
     * registries or processes are not reported here; {@link #follow} sees them.
     *
     * @return a subscription whose {@code close()} stops the calls
     */
    Subscription subscribe(JournalListener listener);

    /**
     * Walks the whole chain and reports the first entry that was altered, removed, inserted or
     * reordered since it was written, or that the chain is intact.
     *
     * @return the report
     */
    JournalReport verify();

    /**
     * The entries an audit query selects, in sequence order, at most {@code query.limit()} of them;
     * with access control, only those the principal may read (docs/ACCESS.md). Page on with
     * {@code query.withAfter(page.next())} while {@link JournalPage#more()}.
     *
     * @throws dev.modelregistry.InvalidInputException if the query names an invalid model
     */
    JournalPage query(JournalQuery query);

    /**
     * Writes every entry the query selects, from {@code query.after()} to the end (its limit is the
     * page size of the reads), to {@code out} as JSON lines (docs/JOURNAL.md, "Exporting"): one
     * object per entry with every field its hash covers, so that {@code AuditVerifier} (a separate
     * program) can check each entry's hash and the chain between consecutive ones. Needs
     * {@link dev.modelregistry.access.Action#AUDIT}. The stream is flushed, not closed.
     *
     * @return how many entries were written
     * @throws java.io.UncheckedIOException if writing fails
     */
    long export(JournalQuery query, java.io.OutputStream out);

    /** A registered listener; closing it is idempotent. */
    interface Subscription extends AutoCloseable {

        /** Stops the calls to the listener. */
        @Override
        void close();
    }
}
