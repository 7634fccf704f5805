package dev.modelregistry.lineage;

import java.util.Objects;
import java.util.Optional;

/**
 * One way two versions differ.
 *
 * @param section what kind of thing differs: {@code dataset}, {@code code}, {@code run},
 *                {@code parent}, {@code environment}, {@code library}, {@code param}, {@code metric}
 *                or {@code file}
 * @param key     which one: the dataset's role and URI, the field name, the param, metric or file path
 * @param left    its value in the first version, or empty where the first version has none
 * @param right   its value in the second version, or empty where the second version has none
 */
public record Difference(String section, String key, Optional<String> left, Optional<String> right) {

    public Difference {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }
}
