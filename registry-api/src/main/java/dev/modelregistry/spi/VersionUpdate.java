package dev.modelregistry.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A change to the mutable metadata of a version; already validated by the core.
 *
 * @param model       model name
 * @param version     version number
 * @param description the new description, or {@code null} to leave it unchanged
 * @param setTags     tags to add or overwrite
 * @param removeTags  tag keys to remove
 * @param actor       who changes it
 * @param at          when
 */
public record VersionUpdate(String model, int version, String description, Map<String, String> setTags,
                            Set<String> removeTags, String actor, Instant at) {

    public VersionUpdate {
        setTags = Map.copyOf(setTags);
        removeTags = Set.copyOf(removeTags);
    }
}
