package dev.modelregistry.spi;

/**
 * The result of {@link ArtifactStore#put}.
 *
 * @param sha256  lower-case hex SHA-256 of the content
 * @param size    content length in bytes
 * @param written whether new bytes were written; {@code false} when the content was already stored
 */
public record StoredBlob(String sha256, long size, boolean written) {
}
