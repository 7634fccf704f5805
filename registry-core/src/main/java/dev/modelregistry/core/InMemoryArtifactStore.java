package dev.modelregistry.core;

import dev.modelregistry.StorageException;
import dev.modelregistry.spi.ArtifactStore;
import dev.modelregistry.spi.StoredBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

/**
 * An {@link ArtifactStore} that keeps blobs on the heap: the reference implementation, for tests
 * and throw-away registries. Nothing survives the JVM, and a single blob is limited to what a
 * {@code byte[]} holds (just under 2 GiB).
 *
 * <p>Instances are thread-safe. A blob becomes visible only once all its bytes have been read, so a
 * failed {@code put} leaves nothing behind.
 */
public final class InMemoryArtifactStore implements ArtifactStore {

    private final ConcurrentMap<String, byte[]> blobs = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryArtifactStore() {
    }

    /**
     * {@inheritDoc}
     *
     * @throws StorageException if reading {@code content} throws an {@link IOException}, which is the cause
     */
    @Override
    public StoredBlob put(InputStream content) {
        Objects.requireNonNull(content, "content");
        byte[] bytes;
        try {
            bytes = content.readAllBytes();
        } catch (IOException e) {
            throw new StorageException("cannot read the content to store", e);
        }
        String sha256 = HexFormat.of().formatHex(Digests.sha256().digest(bytes));
        boolean written = blobs.putIfAbsent(sha256, bytes) == null;
        return new StoredBlob(sha256, bytes.length, written);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code sha256} is not 64 lower-case hex digits
     */
    @Override
    public Optional<InputStream> open(String sha256) {
        // ByteArrayInputStream never exposes or changes the array, so sharing it is safe.
        return Optional.ofNullable(blobs.get(checkDigest(sha256))).map(ByteArrayInputStream::new);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code sha256} is not 64 lower-case hex digits
     */
    @Override
    public boolean exists(String sha256) {
        return blobs.containsKey(checkDigest(sha256));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code sha256} is not 64 lower-case hex digits
     */
    @Override
    public boolean delete(String sha256) {
        return blobs.remove(checkDigest(sha256)) != null;
    }

    /** {@inheritDoc} The stream is a snapshot taken when this method is called. */
    @Override
    public Stream<String> list() {
        return List.copyOf(blobs.keySet()).stream();
    }

    /** Does nothing: the blobs stay readable until the store is garbage collected. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "InMemoryArtifactStore[" + blobs.size() + " blobs]";
    }

    // Rejects what could never be a key, so callers get the same answer from every backend.
    private static String checkDigest(String sha256) {
        Objects.requireNonNull(sha256, "sha256");
        boolean valid = sha256.length() == 64
                && sha256.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        if (!valid) {
            throw new IllegalArgumentException(
                    "not a SHA-256 digest (64 lower-case hex digits): '" + sha256 + "'");
        }
        return sha256;
    }
}
