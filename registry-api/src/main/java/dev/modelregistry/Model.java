package dev.modelregistry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A registered model: a name under which versions are registered.
 *
 * @param name          the model name, {@code name} or {@code namespace/name}
 * @param description   free text, possibly empty
 * @param tags          key/value labels of the model
 * @param createdBy     who created it
 * @param createdAt     when it was created
 * @param latestVersion the highest version number allocated so far, 0 if none
 */
public record Model(String name, String description, Map<String, String> tags, String createdBy,
                    Instant createdAt, int latestVersion) {

    public Model {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        tags = Map.copyOf(tags);
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
