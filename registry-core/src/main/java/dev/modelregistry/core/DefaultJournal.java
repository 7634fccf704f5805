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

/**
 * The journal of a registry, read from its metadata store: under access control, only the entries
 * the principal may see ({@link AccessGuard#maySee}). Thread-safe.
 */
final class DefaultJournal implements Journal {

    private final MetadataStore store;
    private final Listeners listeners;
    private final Runnable checkOpen;
    private final AccessGuard guard;

    DefaultJournal(MetadataStore store, Listeners listeners, Runnable checkOpen, AccessGuard guard) {
        this.store = store;
        this.listeners = listeners;
        this.checkOpen = checkOpen;
        this.guard = guard;
    }

    /**
     * Entries after {@code sequence} that the principal may see: the first store page that holds
     * any, or the last page of the journal; so an empty answer means the journal ends there.
     */
    @Override
    public List<JournalEntry> after(long sequence, int limit) {
        checkOpen.run();
        long position = cursor(sequence);
        limit(limit);
        while (true) {
            List<JournalEntry> page = store.journal(position, limit);
            List<JournalEntry> visible = visible(page);
            if (!visible.isEmpty() || page.size() < limit) {
                return visible;
            }
            position = page.get(page.size() - 1).sequence();
        }
    }

    private List<JournalEntry> visible(List<JournalEntry> entries) {
        return guard.enforced() ? entries.stream().filter(guard::maySee).toList() : entries;
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
        java.util.Objects.requireNonNull(listener, "listener");
        if (!guard.enforced()) {
            return listeners.add(listener);
        }
        return listeners.add(entries -> {
            List<JournalEntry> visible = visible(entries);
            if (!visible.isEmpty()) {
                listener.committed(visible);
            }
        });
    }

    @Override
    public dev.modelregistry.journal.JournalPage query(dev.modelregistry.journal.JournalQuery query) {
        throw new UnsupportedOperationException("journal query");
    }

    @Override
    public long export(dev.modelregistry.journal.JournalQuery query, java.io.OutputStream out) {
        guard.check(dev.modelregistry.access.Action.AUDIT, dev.modelregistry.access.Scope.registry(),
                dev.modelregistry.spi.Target.model(""));
        throw new UnsupportedOperationException("journal export");
    }

    @Override
    public JournalReport verify() {
        checkOpen.run();
        guard.check(dev.modelregistry.access.Action.AUDIT, dev.modelregistry.access.Scope.registry(),
                dev.modelregistry.spi.Target.model(""));
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
                    List<JournalEntry> visible = visible(entries);
                    if (!visible.isEmpty()) {
                        return visible;
                    }
                    continue;
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
