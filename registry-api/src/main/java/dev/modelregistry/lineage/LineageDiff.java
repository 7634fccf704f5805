package dev.modelregistry.lineage;

import dev.modelregistry.VersionRef;
import java.util.List;
import java.util.Objects;

/**
 * What differs between two versions, for reproducing one from the other: datasets, code, run,
 * parents, environment, params, metrics and files.
 *
 * @param left        the first version
 * @param right       the second version
 * @param differences every difference, grouped by section in the order listed in {@link Difference},
 *                    then by key
 */
public record LineageDiff(VersionRef left, VersionRef right, List<Difference> differences) {

    public LineageDiff {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        differences = List.copyOf(differences);
    }

    /** Whether the two versions were made the same way from the same inputs, with the same files. */
    public boolean isEmpty() {
        return differences.isEmpty();
    }

    /** The differences in one section. */
    public List<Difference> in(String section) {
        return differences.stream().filter(d -> d.section().equals(section)).toList();
    }
}
