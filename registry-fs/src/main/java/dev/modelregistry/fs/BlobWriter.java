package dev.modelregistry.fs;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.modelregistry.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Writes content to a new temp file and hashes it in the same pass: the copy runs on the calling
 * thread while a {@link TempHasher} follows it through the file.
 */
final class BlobWriter {

    // Large enough that copying and hashing run at disk and memory speed, small enough to allocate per put.
    private static final int CHUNK = 1024 * 1024;
    // Per transferTo call: the hasher learns of progress this often.
    private static final long TRANSFER_CHUNK = 8L * CHUNK;

    /** A complete temp file: its digest, size and fingerprint. */
    record Written(String sha256, long size, String fingerprint) {
    }

    /** Fills the temp file, reporting progress to {@code progress}; returns the byte count. */
    @FunctionalInterface
    private interface Filler {
        long fill(FileChannel out, Progress progress) throws IOException;
    }

    /** Where the filler reports how many bytes it has written so far. */
    @FunctionalInterface
    private interface Progress {
        void written(long total);
    }

    private BlobWriter() {
    }

    /**
     * Copies the file behind {@code source} to {@code temp} inside the kernel ({@code transferTo}, no
     * copy through the Java heap), flushing it to disk {@linkplain EarlyFlush as it goes}, and forces it
     * to disk while the hashing catches up.
     *
     * @throws StorageException if the copy or the fsync fails
     */
    static Written copy(FileChannel source, Path temp) {
        return write(temp, true, (out, progress) -> {
            long total = 0;
            long n;
            while ((n = source.transferTo(total, TRANSFER_CHUNK, out)) > 0) {
                total += n;
                progress.written(total);
            }
            return total;
        });
    }

    /**
     * Writes {@code content} to {@code temp}, to its end, without forcing it to disk: the caller forces
     * it only if the content turns out not to be stored already.
     *
     * @throws StorageException if {@code content} cannot be read (with its {@code IOException} as the
     *         cause) or the temp file cannot be written
     */
    static Written write(InputStream content, Path temp) {
        return write(temp, false, (out, progress) -> {
            byte[] buffer = new byte[CHUNK];
            long total = 0;
            for (int n = read(content, buffer); n > 0; n = read(content, buffer)) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                total += n;
                progress.written(total);
            }
            return total;
        });
    }

    private static Written write(Path temp, boolean force, Filler filler) {
        try (FileChannel out = FileChannel.open(temp, CREATE_NEW, READ, WRITE)) {
            TempHasher hasher = new TempHasher(out);
            EarlyFlush flush = force ? new EarlyFlush(out) : null;
            boolean hashed = false;
            try {
                long size = filler.fill(out, total -> {
                    hasher.advance(total);
                    if (flush != null) {
                        flush.written(total);
                    }
                });
                hasher.finish();
                if (flush != null) {
                    flush.stop();
                    out.force(true);
                }
                TempHasher.Digests digests = hasher.result();
                hashed = true;
                return new Written(digests.sha256(), size, digests.fingerprint());
            } finally {
                if (flush != null) {
                    flush.stop();
                }
                if (!hashed) {
                    hasher.abort();
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot write temp file " + temp, e);
        }
    }

    /** Fills {@code buffer} as far as the content allows; 0 at end of content. */
    private static int read(InputStream content, byte[] buffer) {
        try {
            return content.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            // Kept apart from write failures so the caller can tell its source failed, not the disk.
            throw new StorageException("cannot read the content to store: " + e.getMessage(), e);
        }
    }
}
