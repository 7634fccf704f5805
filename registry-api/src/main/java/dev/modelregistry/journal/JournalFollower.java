package dev.modelregistry.journal;

import java.time.Duration;
import java.util.List;

/**
 * A cursor on the journal that moves forward as it returns entries; see {@link Journal#follow}.
 * Not thread-safe: one thread polls it.
 */
public interface JournalFollower extends AutoCloseable {

    /**
     * Returns the next entries, at most {@code max}, waiting up to {@code timeout} for one to be
     * committed if there is none yet; empty if none came in time.
     *
     * @throws dev.modelregistry.InvalidInputException if {@code max} is not between 1 and {@link Journal#MAX_PAGE}
     * @throws IllegalStateException if the follower is closed
     */
    List<JournalEntry> poll(int max, Duration timeout);

    /** The sequence of the last entry returned, or the starting cursor if none yet. */
    long position();

    /** Closes the follower. Idempotent. */
    @Override
    void close();
}
