package dev.modelregistry.spi;

import dev.modelregistry.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Content-addressed blob storage: blobs are identified by the SHA-256 of their bytes, and identical
 * content is stored once. The store knows nothing of models or versions.
 *
 * <p>A blob becomes visible only when all its bytes are durably stored; a failed or interrupted
 * {@code put} leaves nothing visible. {@code open} returns the stored bytes without verifying them;
 * the registry verifies. Implementations must be thread-safe, also across processes sharing the
 * same storage; failures are reported as {@link dev.modelregistry.StorageException}.
 */
public interface ArtifactStore extends AutoCloseable {

    /**
     * Reads {@code content} to its end (without closing it), stores the bytes and returns their digest.
     * If the content is already stored, nothing new becomes visible and {@link StoredBlob#written()} is false.
     */
    StoredBlob put(InputStream content);

    /**
     * Stores the content of a regular file. The default reads it through {@link #put(InputStream)};
     * implementations may do better, for example not writing content they already hold.
     */
    default StoredBlob put(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return put(in);
        } catch (IOException e) {
            throw new StorageException("cannot read " + file, e);
        }
    }

    /** The stored bytes of blob {@code sha256}, unverified, or empty if there is no such blob. The caller closes the stream. */
    Optional<InputStream> open(String sha256);

    /** Whether blob {@code sha256} is stored. */
    boolean exists(String sha256);

    /** Deletes blob {@code sha256}; returns whether it existed. For garbage collection only. */
    boolean delete(String sha256);

    /** The digests of all stored blobs, in no particular order. The caller closes the stream. */
    Stream<String> list();

    /** Releases resources. Idempotent. */
    @Override
    void close();
}
