package dev.modelregistry.core;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.VersionReference;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalFollower;
import dev.modelregistry.serving.ModelListener;
import dev.modelregistry.serving.ModelUpdate;
import dev.modelregistry.serving.Watch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch of one reference: a daemon thread follows the journal from the head at the start, and
 * after entries of the reference's model resolves the reference again and calls the listener if
 * it resolves to another version than the one it delivered last. Reading the state after the
 * entries (instead of replaying them) keeps every rule in one place, {@link Aliases#resolve}; the
 * price is that quick successive changes can arrive as one update.
 */
final class ReferenceWatch implements Watch {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceWatch.class);

    /** Most journal entries read at once. */
    private static final int PAGE = 1_000;
    /** How long one poll waits before the thread looks whether it was closed. */
    private static final long WAIT_MILLIS = 100;
    /** Pause after a failed read or copy before trying again. */
    private static final long RETRY_MILLIS = 1_000;

    private final DefaultRegistry registry;
    private final Watches watches;
    private final String reference;
    private final String model;
    private final WorkDirectory work;
    private final ModelListener listener;
    private final JournalFollower follower;
    private final long start;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Held while the listener runs, so that close can wait for a call in progress. */
    private final Object calling = new Object();
    private final Object wake = new Object();
    private volatile ModelUpdate current;
    /** The journal sequence up to which the watch has acted on every entry. */
    private volatile long seen;

    /** The version number delivered last, 0 for none, -1 before the first call; thread-confined. */
    private int delivered = -1;

    private ReferenceWatch(DefaultRegistry registry, Watches watches, String reference, String model,
                           WorkDirectory work, ModelListener listener) {
        this.registry = registry;
        this.watches = watches;
        this.reference = reference;
        this.model = model;
        this.work = work;
        this.listener = listener;
        this.start = registry.journal().head();
        this.follower = registry.journal().follow(start);
        this.thread = new Thread(this::run, "model-watch " + reference);
        thread.setDaemon(true);
    }

    /** Checks everything, as {@link dev.modelregistry.Registry#watch} promises, before anything runs. */
    static ReferenceWatch create(DefaultRegistry registry, Watches watches, String reference, Path workDirectory,
                                 ModelListener listener) {
        Objects.requireNonNull(listener, "listener");
        String model = VersionReference.parse(reference).model();
        if (!Validation.isModelName(model)) {
            throw new InvalidInputException("version reference", reference,
                    "'" + model + "' can never be a model name, so nothing could ever resolve");
        }
        // As resolve does: refuses a stage the lifecycle lacks.
        registry.resolve(reference);
        WorkDirectory work = workDirectory == null ? null : WorkDirectory.open(workDirectory);
        return new ReferenceWatch(registry, watches, reference, model, work, listener);
    }

    void start() {
        thread.start();
    }

    @Override
    public String reference() {
        return reference;
    }

    @Override
    public Optional<ModelUpdate> current() {
        return Optional.ofNullable(current);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watches.remove(this);
        synchronized (wake) {
            wake.notifyAll();
        }
        // Waits for a listener call in progress (at once if the listener itself closes the watch).
        synchronized (calling) {
            LOG.debug("Watch of {} closed", reference);
        }
    }

    /** Waits until the watch's thread ended or the deadline ({@link System#nanoTime()}) passed. */
    void awaitEnd(long deadline) {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The journal sequence up to which the watch has acted on every entry: for tests. */
    long seen() {
        return seen;
    }

    @Override
    public String toString() {
        return "Watch[" + reference + (work == null ? "" : ", copying") + "]";
    }

    private void run() {
        boolean due = true;
        long cause = start;
        long retryAt = System.nanoTime();
        try (follower) {
            while (!closed.get()) {
                if (Thread.currentThread().isInterrupted()) {
                    LOG.info("Watch of {} interrupted; closing it", reference);
                    close();
                    return;
                }
                if (due && System.nanoTime() - retryAt >= 0) {
                    try {
                        deliver(cause);
                        due = false;
                    } catch (dev.modelregistry.AccessDeniedException e) {
                        // The principal lost access: trying again would only journal denial after denial.
                        LOG.warn("Watch of {} stops: {}", reference, e.getMessage());
                        close();
                        return;
                    } catch (RuntimeException e) {
                        if (stopping()) {
                            return;
                        }
                        LOG.warn("Watch of {} cannot deliver the change at journal sequence {}; trying again in {} ms",
                                reference, cause, RETRY_MILLIS, e);
                        retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
                    }
                }
                long wait = due ? TimeUnit.NANOSECONDS.toMillis(retryAt - System.nanoTime()) : WAIT_MILLIS;
                try {
                    for (JournalEntry entry : follower.poll(PAGE, Duration.ofMillis(Math.max(1,
                            Math.min(WAIT_MILLIS, wait))))) {
                        if (entry.model().equals(model)) {
                            due = true;
                            cause = entry.sequence();
                        }
                    }
                } catch (RuntimeException e) {
                    if (stopping()) {
                        return;
                    }
                    LOG.warn("Watch of {} cannot read the journal after sequence {}; trying again in {} ms",
                            reference, follower.position(), RETRY_MILLIS, e);
                    pause();
                }
                if (!due) {
                    seen = follower.position();
                }
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.error("Watch of {} stopped", reference, e);
        } finally {
            closed.set(true);
            watches.remove(this);
        }
    }

    /** Resolves the reference and, if it names another version than last time, tells the listener. */
    private void deliver(long cause) {
        Optional<ModelVersion> version = registry.resolve(reference);
        int number = version.map(ModelVersion::version).orElse(0);
        if (number == delivered) {
            return;
        }
        Path directory = work == null || version.isEmpty() ? null : work.copy(registry, version.get());
        ModelUpdate update = new ModelUpdate(reference, version, Optional.ofNullable(directory), cause);
        boolean returned;
        synchronized (calling) {
            if (closed.get()) {
                if (directory != null) {
                    WorkDirectory.delete(directory);
                }
                return;
            }
            delivered = number;
            current = update;
            returned = call(update);
        }
        if (work != null) {
            if (returned) {
                work.switchedTo(directory);
            } else {
                work.maybeSwitchedTo(directory);
            }
        }
    }

    private boolean call(ModelUpdate update) {
        try {
            listener.changed(update);
            return true;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            LOG.warn("The listener of the watch of {} failed on version {} (journal sequence {}); the watch goes on",
                    reference, update.version().map(v -> Integer.toString(v.version())).orElse("none"),
                    update.sequence(), e);
            return false;
        }
    }

    /** Whether the watch or its registry was closed, so that a failure is the end and not news. */
    private boolean stopping() {
        if (closed.get()) {
            return true;
        }
        try {
            registry.checkOpen();
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private void pause() {
        synchronized (wake) {
            if (!closed.get()) {
                try {
                    wake.wait(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
