package dev.modelregistry.lineage;

import dev.modelregistry.VersionRef;
import java.util.List;
import java.util.Objects;

/**
 * A version an {@link ImpactQuery} found, and how it depends on what was asked about.
 *
 * @param version  the version, with its stage and aliases
 * @param distance how many derivations lie between it and what was asked about: 0 for a version that
 *                 recorded the dataset itself, 1 for a version derived from such a version (or from
 *                 the version asked about), and so on
 * @param path     the versions from the start of the dependency to this one, this one last: for a
 *                 dataset, the version that recorded it first
 */
public record Impact(VersionNode version, int distance, List<VersionRef> path) {

    public Impact {
        Objects.requireNonNull(version, "version");
        path = List.copyOf(path);
    }
}
