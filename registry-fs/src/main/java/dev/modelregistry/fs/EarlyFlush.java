package dev.modelregistry.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Starts writing a large temp file to disk while it is still being filled. Linux keeps up to a tenth
 * of free memory dirty before it writes anything back, so without this the disk idles during the
 * copy and the closing fsync does all the writing; with it, an {@code fdatasync} on a helper thread
 * after every {@link #EVERY} bytes overlaps the disk with the copy and the closing fsync only has the
 * tail to write. Failures are ignored here: the closing fsync reports them.
 *
 * <p>One writer thread calls {@link #written} and {@link #stop}.
 */
final class EarlyFlush {

    static final long EVERY = 64L * 1024 * 1024;

    private final FileChannel out;
    private long requestedAt;
    private Thread thread;
    private boolean pending;
    private boolean stopped;

    EarlyFlush(FileChannel out) {
        this.out = out;
    }

    /** The writer has written {@code total} bytes. */
    void written(long total) {
        if (total - requestedAt < EVERY) {
            return;
        }
        requestedAt = total;
        synchronized (this) {
            pending = true;
            notifyAll();
        }
        if (thread == null) {
            thread = new Thread(this::flushWhileAsked, "blob-flusher");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Waits for a flush in progress to end and stops the helper, before the closing fsync. */
    void stop() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void flushWhileAsked() {
        while (awaitRequest()) {
            try {
                out.force(false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private synchronized boolean awaitRequest() {
        while (!pending && !stopped) {
            try {
                wait();
            } catch (InterruptedException e) {
                return false;
            }
        }
        pending = false;
        return !stopped;
    }
}
