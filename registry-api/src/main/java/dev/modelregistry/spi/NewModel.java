package dev.modelregistry.spi;

import java.time.Instant;
import java.util.Map;

/**
 * A model to create explicitly; already validated by the core.
 *
 * @param name        model name
 * @param description description, possibly empty
 * @param tags        model tags
 * @param createdBy   creator
 * @param createdAt   creation time
 */
public record NewModel(String name, String description, Map<String, String> tags, String createdBy, Instant createdAt) {

    public NewModel {
        tags = Map.copyOf(tags);
    }
}
