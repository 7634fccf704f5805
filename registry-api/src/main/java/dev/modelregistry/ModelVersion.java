package dev.modelregistry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of one registered version of a model.
 *
 * <p>Files, params, metrics and the digest never change once a version is committed; description,
 * tags and stage can, so a snapshot may be out of date: read it again to see changes.
 *
 * @param model       the model name
 * @param version     the version number, from 1
 * @param stage       the lifecycle stage it was in when this snapshot was read
 * @param description free text, possibly empty
 * @param params      training parameters
 * @param metrics     metrics recorded at registration
 * @param tags        key/value labels
 * @param files       the files, in path order ({@link dev.modelregistry.spi.VersionDigests#FILE_ORDER})
 * @param digest      lower-case hex SHA-256 over the files' raw SHA-256 digests concatenated in
 *                    that order (the OpenSSF model-signing "files" root digest, see
 *                    {@link dev.modelregistry.spi.VersionDigests#manifest})
 * @param createdBy   who registered it
 * @param createdAt   when it was committed
 */
public record ModelVersion(String model, int version, Stage stage, String description,
                           Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags,
                           List<FileEntry> files, String digest, String createdBy, Instant createdAt) {

    public ModelVersion {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stage, "stage");
        description = description == null ? "" : description;
        params = Map.copyOf(params);
        metrics = Map.copyOf(metrics);
        tags = Map.copyOf(tags);
        files = List.copyOf(files);
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A reference to this version. */
    public VersionRef ref() {
        return new VersionRef(model, version);
    }

    /** The file at {@code path}, if this version has one. */
    public Optional<FileEntry> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** The total size of the version's files in bytes. */
    public long size() {
        return files.stream().mapToLong(FileEntry::size).sum();
    }
}
