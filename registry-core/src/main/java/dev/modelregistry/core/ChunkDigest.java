package dev.modelregistry.core;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A SHA-256 over chunks handed over in order, hashed either at once on the caller's thread or, for
 * large content, on a pool thread while the caller goes on reading: SHA-256 runs at about one byte
 * per CPU cycle, slower than a page-cache read, so hashing in line would make a verified read about
 * half as fast as a plain one. The caller gets chunk buffers from here ({@link #take}) and gives them
 * back filled ({@link #submit}); at most a few are in flight, so a slow hasher slows the reader
 * instead of filling memory. Used by one reading thread at a time.
 */
final class ChunkDigest {

    // Daemon threads that die after a minute idle; the work is bounded by the chunks in flight, so an
    // abandoned stream leaves no thread behind.
    private static final ExecutorService HASHERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "registry-verify");
        thread.setDaemon(true);
        return thread;
    });

    private final MessageDigest digest = Digests.sha256();
    private final int chunkSize;
    private final int maxChunks;
    private final boolean async;
    private final BlockingQueue<byte[]> free = new LinkedBlockingQueue<>();
    private final Queue<Job> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private int allocated;

    private record Job(byte[] chunk, int length) {
    }

    private ChunkDigest(int chunkSize, int maxChunks, boolean async) {
        this.chunkSize = chunkSize;
        this.maxChunks = maxChunks;
        this.async = async;
    }

    /** Hashes on the caller's thread, one reusable chunk. */
    static ChunkDigest inline(int chunkSize) {
        return new ChunkDigest(chunkSize, 1, false);
    }

    /** Hashes on a pool thread, with up to {@code maxChunks} chunks in flight. */
    static ChunkDigest pipelined(int chunkSize, int maxChunks) {
        return new ChunkDigest(chunkSize, maxChunks, true);
    }

    /** A chunk to fill; waits while all chunks are still being hashed. */
    byte[] take() throws InterruptedIOException {
        byte[] chunk = free.poll();
        if (chunk != null) {
            return chunk;
        }
        if (allocated < maxChunks) {
            allocated++;
            return new byte[chunkSize];
        }
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while verifying");
        }
    }

    /** Gives back a chunk taken but not filled. */
    void putBack(byte[] chunk) {
        free.add(chunk);
    }

    /**
     * Hashes the first {@code length} bytes of {@code chunk} after all chunks submitted before it. The
     * chunk comes back through {@link #take} once hashed; until then the caller may only read it.
     */
    void submit(byte[] chunk, int length) {
        if (!async) {
            digest.update(chunk, 0, length);
            free.add(chunk);
            return;
        }
        pending.add(new Job(chunk, length));
        if (draining.compareAndSet(false, true)) {
            HASHERS.execute(this::drain);
        }
    }

    /** The digest of everything submitted, once all of it is hashed. */
    byte[] digest() throws InterruptedIOException {
        List<byte[]> all = new ArrayList<>(allocated);
        try {
            // every chunk comes back to the free queue once hashed; the queue's hand-over makes the
            // hasher's updates to the digest visible here
            while (all.size() < allocated) {
                all.add(free.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while verifying");
        } finally {
            free.addAll(all);
        }
        return digest.digest();
    }

    /** Hashes pending chunks in order; at most one drain runs at a time, so the order holds. */
    private void drain() {
        do {
            for (Job job = pending.poll(); job != null; job = pending.poll()) {
                digest.update(job.chunk(), 0, job.length());
                free.add(job.chunk());
            }
            draining.set(false);
        } while (!pending.isEmpty() && draining.compareAndSet(false, true));
    }
}
