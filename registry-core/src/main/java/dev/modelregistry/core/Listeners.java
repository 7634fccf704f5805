package dev.modelregistry.core;

import dev.modelregistry.journal.Journal;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalListener;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The journal listeners and the {@linkplain Watches watches} of a registry and its views; thread-safe. */
final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<JournalListener> listeners = new CopyOnWriteArrayList<>();
    private final Object committed = new Object();
    private long commits;
    private final Watches watches = new Watches();

    /** The running watches, shared like the listeners by the registry and its views. */
    Watches watches() {
        return watches;
    }

    Journal.Subscription add(JournalListener listener) {
        Objects.requireNonNull(listener, "listener");
        // A wrapper per subscription, so that subscribing one listener twice gives two independent subscriptions.
        JournalListener own = listener::committed;
        listeners.add(own);
        return () -> listeners.remove(own);
    }

    /** Tells every listener, logging and swallowing what they throw, then wakes local followers. */
    void notify(List<JournalEntry> entries) {
        for (JournalListener listener : listeners) {
            try {
                listener.committed(entries);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw (VirtualMachineError) e;
                }
                LOG.warn("A journal listener failed on entries {}-{}; the change is committed",
                        entries.get(0).sequence(), entries.get(entries.size() - 1).sequence(), e);
            }
        }
        synchronized (committed) {
            commits++;
            committed.notifyAll();
        }
    }

    /** How many commits this registry has made; pass it to {@link #awaitCommit(long, long)}. */
    long commits() {
        synchronized (committed) {
            return commits;
        }
    }

    /**
     * Waits until this registry commits a change or the time is up (followers poll the store
     * anyway): until it has made more than {@code seen} commits or the time is up: a commit
     * made after {@code seen} was read (say, between a caller's read of the store and this call)
     * ends the wait at once instead of being missed.
     */
    void awaitCommit(long millis, long seen) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        synchronized (committed) {
            long left = millis;
            while (commits == seen && left > 0) {
                committed.wait(left);
                left = (end - System.nanoTime()) / 1_000_000;
            }
        }
    }
}
