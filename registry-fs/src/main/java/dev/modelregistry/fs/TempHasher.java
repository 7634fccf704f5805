package dev.modelregistry.fs;

import dev.modelregistry.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hashes a temp file while it is being written, reading back only the bytes the writer has finished.
 * Hashing what landed in the file, rather than what the source produced, means the digest names the
 * stored bytes even if the source changes under us. Once more than {@link #ASYNC_THRESHOLD} bytes
 * are written, hashing moves to its own thread, so that SHA-256 (about 1.3–1.8 GB/s per core) runs
 * alongside the copy and the fsync instead of after them; small blobs are hashed inline, where a
 * thread would cost more than it saves.
 *
 * <p>One writer thread calls {@link #advance}, {@link #finish} or {@link #abort}, then {@link #result}.
 */
final class TempHasher {

    static final long ASYNC_THRESHOLD = 4L * 1024 * 1024;
    private static final int CHUNK = 1024 * 1024;
    private static final int INLINE_CHUNK = 64 * 1024;

    // Daemon threads that die after a minute idle, each with one reused direct buffer: a buffer per
    // blob made a 200-file registration under a 64 MiB heap hit the direct-memory limit (which
    // defaults to the heap size) and trigger a dozen full GCs.
    private static final ExecutorService HASHERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "blob-hasher");
        thread.setDaemon(true);
        return thread;
    });
    private static final ThreadLocal<ByteBuffer> BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK));

    /** The SHA-256 of a temp file's bytes and its {@linkplain Fingerprints fingerprint}. */
    record Digests(String sha256, String fingerprint) {
    }

    private final FileChannel temp;
    private long written;
    private boolean finished;
    private boolean aborted;
    private Future<Digests> async;

    TempHasher(FileChannel temp) {
        this.temp = temp;
    }

    /** The writer has written {@code total} bytes to the temp file so far. */
    void advance(long total) {
        synchronized (this) {
            written = total;
            notifyAll();
        }
        if (async == null && total >= ASYNC_THRESHOLD) {
            async = HASHERS.submit(() -> hash(BUFFER.get()));
        }
    }

    /** The writer is done: the temp file is complete. */
    synchronized void finish() {
        finished = true;
        notifyAll();
    }

    /** The writer failed: stops hashing and waits for the hashing thread to end, so the temp file can be deleted. */
    void abort() {
        synchronized (this) {
            aborted = true;
            notifyAll();
        }
        if (async != null) {
            try {
                async.get();
            } catch (ExecutionException e) {
                // the writer's failure is the one to report
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The digests of the complete file, after {@link #finish}: waits for the hashing thread, or hashes
     * inline if none was started.
     *
     * @throws StorageException if the temp file cannot be read back, or the wait is interrupted
     */
    Digests result() {
        if (async == null) {
            return hash(ByteBuffer.allocate(INLINE_CHUNK));
        }
        try {
            return async.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StorageException s ? s : new StorageException("cannot hash", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new StorageException("interrupted while hashing a blob", e);
        }
    }

    /**
     * Hashes the file as the writer extends it. The hashing thread reads into its direct buffer (one
     * copy fewer); inline hashing of small blobs uses a small heap buffer so that many small puts do
     * not churn direct memory.
     */
    private Digests hash(ByteBuffer buffer) {
        MessageDigest sha256 = sha256();
        MessageDigest fingerprint = sha256();
        int chunk = buffer.capacity();
        long hashed = 0;
        try {
            for (long upTo = awaitBeyond(hashed); upTo > hashed; upTo = awaitBeyond(hashed)) {
                while (hashed < upTo) {
                    buffer.clear().limit((int) Math.min(chunk, upTo - hashed));
                    int n = temp.read(buffer, hashed);
                    if (n < 0) {
                        throw new IOException("temp file shorter than the " + upTo + " bytes written");
                    }
                    buffer.flip();
                    Fingerprints.updateHead(fingerprint, buffer, hashed);
                    sha256.update(buffer);
                    hashed += n;
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot read back the temp file being written", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while hashing a blob", e);
        }
        HexFormat hex = HexFormat.of();
        return new Digests(hex.formatHex(sha256.digest()), Fingerprints.finish(fingerprint, hashed));
    }

    /**
     * Waits until more than {@code hashed} bytes are written, or the writer finished; returns how many
     * are written (equal to {@code hashed} when there is nothing left), or -1 once aborted.
     */
    private synchronized long awaitBeyond(long hashed) throws InterruptedException {
        while (written <= hashed && !finished && !aborted) {
            wait();
        }
        return aborted ? -1 : written;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
