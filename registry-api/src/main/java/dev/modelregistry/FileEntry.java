package dev.modelregistry;

import java.util.Objects;

/**
 * One file of a model version.
 *
 * @param path   the file's relative POSIX path inside the version, for example {@code weights/layer1.bin}
 * @param size   its size in bytes
 * @param sha256 the lower-case hex SHA-256 of its content
 */
public record FileEntry(String path, long size, String sha256) {

    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0: " + size);
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
    }
}
