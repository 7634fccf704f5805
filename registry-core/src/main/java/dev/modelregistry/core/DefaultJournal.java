package dev.modelregistry.core;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.access.Action;
import dev.modelregistry.access.Scope;
import dev.modelregistry.journal.Journal;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalFollower;
import dev.modelregistry.journal.JournalListener;
import dev.modelregistry.journal.JournalPage;
import dev.modelregistry.journal.JournalQuery;
import dev.modelregistry.journal.JournalReport;
import dev.modelregistry.spi.MetadataStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The journal of a registry, read from its metadata store: reads, follows, subscriptions, audit
 * queries and exports return only the entries the principal may see ({@link AccessGuard#maySee}),
 * reading further store pages while some are dropped. Thread-safe.
 */
final class DefaultJournal implements Journal {

    private final MetadataStore store;
    private final Listeners listeners;
    private final Runnable checkOpen;
    private final AccessGuard guard;
    private final Predicate<JournalEntry> shown;

    DefaultJournal(MetadataStore store, Listeners listeners, Runnable checkOpen, AccessGuard guard) {
        this(store, listeners, checkOpen, guard, guard.enforced() ? guard::maySee : e -> true);
    }

    /** A journal whose reads return only the entries {@code shown} keeps. */
    DefaultJournal(MetadataStore store, Listeners listeners, Runnable checkOpen, AccessGuard guard,
                   Predicate<JournalEntry> shown) {
        this.store = store;
        this.listeners = listeners;
        this.checkOpen = checkOpen;
        this.guard = Objects.requireNonNull(guard, "guard");
        this.shown = Objects.requireNonNull(shown, "shown");
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
        return entries.stream().filter(shown).toList();
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
        Objects.requireNonNull(listener, "listener");
        if (!guard.enforced()) {
            return listeners.add(listener);
        }
        // Not the caller's listener itself: one that hands it only what the principal may see.
        return listeners.add(entries -> {
            List<JournalEntry> visible = visible(entries);
            if (!visible.isEmpty()) {
                listener.committed(visible);
            }
        });
    }

    /**
     * Reads on past the entries the principal may not see until the page is full or the journal
     * ends. What it returns, {@code next} included, depends only on the entries it shows, so that a
     * query cannot tell whether hidden entries match it; a query naming a model the principal may
     * not read is denied (and journaled as an attempt) whether or not the model exists.
     */
    @Override
    public JournalPage query(JournalQuery query) {
        Objects.requireNonNull(query, "query");
        checkOpen.run();
        query.model().ifPresent(Validation::modelName);
        query.model().ifPresent(guard::checkRead);
        List<JournalEntry> kept = new ArrayList<>();
        long read = query.after();
        while (true) {
            List<JournalEntry> page = store.journal(query.withAfter(read));
            for (JournalEntry e : page) {
                read = e.sequence();
                if (shown.test(e)) {
                    kept.add(e);
                    if (kept.size() == query.limit()) {
                        return new JournalPage(kept, read, true);
                    }
                }
            }
            if (page.size() < query.limit()) {
                long next = kept.isEmpty() ? query.after() : kept.get(kept.size() - 1).sequence();
                return new JournalPage(kept, next, false);
            }
        }
    }

    @Override
    public long export(JournalQuery query, OutputStream out) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(out, "out");
        checkOpen.run();
        guard.check(Action.AUDIT, Scope.registry(),
                dev.modelregistry.spi.Target.model(""));
        long written = 0;
        try {
            OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            JournalPage page;
            JournalQuery from = query;
            do {
                page = query(from);
                for (JournalEntry e : page.entries()) {
                    buffered.write(JournalLines.line(e));
                    written++;
                }
                from = query.withAfter(page.next());
            } while (page.more());
            buffered.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the journal export after entry " + written, e);
        }
        return written;
    }

    @Override
    public JournalReport verify() {
        checkOpen.run();
        guard.check(Action.AUDIT, Scope.registry(),
                dev.modelregistry.spi.Target.model(""));
        return new JournalVerifier(store, store).verify();
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
