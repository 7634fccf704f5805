package dev.modelregistry.spi;

import dev.modelregistry.FileEntry;
import dev.modelregistry.VersionRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored version as the metadata store returns it; the core maps the stage name to a stage.
 *
 * @param model       model name
 * @param version     version number
 * @param stage       current stage name
 * @param description description, possibly empty
 * @param params      training parameters
 * @param metrics     registration metrics
 * @param tags        current tags
 * @param files       files sorted by path
 * @param digest      manifest digest
 * @param createdBy   who registered it
 * @param createdAt   commit time
 */
public record VersionRecord(String model, int version, String stage, String description, Map<String, String> params,
                            Map<String, Double> metrics, Map<String, String> tags, List<FileEntry> files,
                            String digest, String createdBy, Instant createdAt) {

    public VersionRecord {
        description = description == null ? "" : description;
        params = Map.copyOf(params);
        metrics = Map.copyOf(metrics);
        tags = Map.copyOf(tags);
        files = List.copyOf(files);
    }

    /** A reference to this version. */
    public VersionRef ref() {
        return new VersionRef(model, version);
    }
}
