package dev.modelregistry.spi;

import dev.modelregistry.FileEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A version to insert; already validated by the core, its files already stored.
 *
 * @param model        model name; the model is created if it does not exist
 * @param stage        initial stage name
 * @param description  description, possibly empty
 * @param params       training parameters
 * @param metrics      registration metrics
 * @param tags         version tags
 * @param files        files sorted by path
 * @param digest       manifest digest
 * @param createdBy    who registers it
 * @param createdAt    commit time
 * @param lineage      its lineage; parents exist
 */
public record NewVersion(String model, String stage, String description, Map<String, String> params,
                         Map<String, Double> metrics, Map<String, String> tags, List<FileEntry> files,
                         String digest, String createdBy, Instant createdAt, LineageRecord lineage) {

    public NewVersion {
        params = Map.copyOf(params);
        metrics = Map.copyOf(metrics);
        tags = Map.copyOf(tags);
        files = List.copyOf(files);
        java.util.Objects.requireNonNull(lineage, "lineage");
    }

    /** A version without lineage. */
    public NewVersion(String model, String stage, String description, Map<String, String> params,
                      Map<String, Double> metrics, Map<String, String> tags, List<FileEntry> files,
                      String digest, String createdBy, Instant createdAt) {
        this(model, stage, description, params, metrics, tags, files, digest, createdBy, createdAt,
                LineageRecord.NONE);
    }
}
