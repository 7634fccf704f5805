package dev.modelregistry.spi;

import dev.modelregistry.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
     * Stores the whole content of an open regular file, from offset 0 to its size, whatever the
     * channel's position; does not close it. The registry opens source files itself (without
     * following symbolic links) and hands over the channel, so that the file stored is the file it
     * checked. The default reads it through {@link #put(InputStream)}; implementations may do better,
     * for example not writing content they already hold.
     */
    default StoredBlob put(FileChannel file) {
        try {
            return put(Channels.newInputStream(file.position(0)));
        } catch (IOException e) {
            throw new StorageException("cannot read " + file, e);
        }
    }

    /** Opens the regular file {@code file} (following links) and stores it through {@link #put(FileChannel)}. */
    default StoredBlob put(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return put(channel);
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
