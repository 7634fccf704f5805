package dev.modelregistry.core;

import dev.modelregistry.serving.ModelListener;
import dev.modelregistry.serving.Watch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The running watches of a registry and its views, so that closing the registry stops them all.
 * Thread-safe.
 */
final class Watches {

    /**
     * How long closing the registry waits in all for watch threads to finish what they are doing
     * (a read, a copy) before it closes the stores under them; a copy cut short that way fails and
     * is deleted.
     */
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final Set<ReferenceWatch> running = new HashSet<>();
    private boolean closed;

    /**
     * Validates and starts a watch of {@code reference} on {@code registry}.
     *
     * @param workDirectory where to copy versions, or null for a watch that does not copy
     */
    Watch start(DefaultRegistry registry, String reference, Path workDirectory, ModelListener listener) {
        ReferenceWatch watch = ReferenceWatch.create(registry, this, reference, workDirectory, listener);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("registry is closed");
            }
            running.add(watch);
        }
        watch.start();
        return watch;
    }

    synchronized void remove(ReferenceWatch watch) {
        running.remove(watch);
    }

    /** Stops every watch, waiting for listener calls in progress, and then briefly for their threads. */
    void closeAll() {
        List<ReferenceWatch> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(running);
            running.clear();
        }
        for (ReferenceWatch watch : all) {
            watch.close();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        for (ReferenceWatch watch : all) {
            watch.awaitEnd(deadline);
        }
    }
}
