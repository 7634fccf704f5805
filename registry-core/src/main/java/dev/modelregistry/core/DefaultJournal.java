package dev.modelregistry.core;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.journal.Journal;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalFollower;
import dev.modelregistry.journal.JournalListener;
import dev.modelregistry.journal.JournalReport;
import dev.modelregistry.spi.MetadataStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The journal of a registry, read from its metadata store. Thread-safe. */
final class DefaultJournal implements Journal {

    private final MetadataStore store;
    private final Listeners listeners;
    private final Runnable checkOpen;

    DefaultJournal(MetadataStore store, Listeners listeners, Runnable checkOpen) {
        this.store = store;
        this.listeners = listeners;
        this.checkOpen = checkOpen;
    }

    @Override
    public List<JournalEntry> after(long sequence, int limit) {
        checkOpen.run();
        return store.journal(cursor(sequence), limit(limit));
    }

    @Override
    public long head() {
        checkOpen.run();
        return store.journalHead().sequence();
    }

    @Override
    public JournalFollower follow(long afterSequence) {
        checkOpen.run();
        return new Follower(cursor(afterSequence));
    }

    @Override
    public Subscription subscribe(JournalListener listener) {
        checkOpen.run();
        return listeners.add(listener);
    }

    @Override
    public dev.modelregistry.journal.JournalPage query(dev.modelregistry.journal.JournalQuery query) {
        throw new UnsupportedOperationException("journal query");
    }

    @Override
    public long export(dev.modelregistry.journal.JournalQuery query, java.io.OutputStream out) {
        throw new UnsupportedOperationException("journal export");
    }

    @Override
    public JournalReport verify() {
        checkOpen.run();
        return new JournalVerifier(store).verify();
    }

    static long cursor(long sequence) {
        if (sequence < 0) {
            throw new InvalidInputException("journal sequence", Long.toString(sequence), "must not be negative");
        }
        return sequence;
    }

    static int limit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInputException("journal page size", Integer.toString(limit),
                    "must be between 1 and " + MAX_PAGE);
        }
        return limit;
    }

    /**
     * Polls the store: a change of this registry wakes it at once, a change of another process is
     * seen at the next poll, at most {@value #POLL_MILLIS} ms later.
     */
    private final class Follower implements JournalFollower {

        private static final long POLL_MILLIS = 50;
        private long position;
        private boolean closed;

        Follower(long position) {
            this.position = position;
        }

        @Override
        public List<JournalEntry> poll(int max, Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            limit(max);
            if (closed) {
                throw new IllegalStateException("The journal follower is closed");
            }
            long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
            while (true) {
                checkOpen.run();
                long commits = listeners.commits();
                List<JournalEntry> entries = store.journal(position, max);
                if (!entries.isEmpty()) {
                    position = entries.get(entries.size() - 1).sequence();
                    return entries;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return List.of();
                }
                try {
                    listeners.awaitCommit(Math.min(left, POLL_MILLIS), commits);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
            }
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
