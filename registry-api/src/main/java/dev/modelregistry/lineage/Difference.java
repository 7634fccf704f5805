package dev.modelregistry.lineage;

import java.util.Objects;
import java.util.Optional;

/**
 * One way two versions differ.
 *
 * @param section what kind of thing differs: {@code dataset}, {@code code}, {@code run},
 *                {@code parent}, {@code environment}, {@code library}, {@code param}, {@code metric}
 *                or {@code file}
 * @param key     which one: the dataset's role and URI ({@code train s3://data/a.parquet}), the code,
 *                run or environment field ({@code commit}, {@code runId}, {@code jvmVersion}), the parent
 *                version ({@code base v3}), the library name, the param or metric key, or the file path
 * @param left    its value in the first version, or empty where the first version has none: a dataset's
 *                digest (or {@code no digest}) and row count, a parent's relation, a metric in
 *                {@link Double#toString(double)} form, a file's {@code sha256:} digest and size
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
