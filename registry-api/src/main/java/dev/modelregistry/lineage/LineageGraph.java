package dev.modelregistry.lineage;

import dev.modelregistry.VersionRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The versions reachable from one version through recorded derivations, in one direction, up to a
 * depth.
 *
 * @param root      the version the walk started from
 * @param direction {@code UPSTREAM} (its parents, their parents, ...) or {@code DOWNSTREAM} (the
 *                  versions derived from it, and so on)
 * @param versions  every version reached, the root first, then in the order the walk reached them
 *                  (nearest first)
 * @param edges     every derivation between them
 * @param datasets  for an upstream graph, the datasets each version recorded; empty for a
 *                  downstream graph
 * @param truncated whether the depth limit stopped the walk before it ran out of versions
 */
public record LineageGraph(VersionRef root, Direction direction, List<VersionNode> versions,
                           List<LineageEdge> edges, Map<VersionRef, List<Dataset>> datasets, boolean truncated) {

    /** Which way a walk goes. */
    public enum Direction {
        /** Toward the versions a version was derived from. */
        UPSTREAM,
        /** Toward the versions derived from a version. */
        DOWNSTREAM
    }

    public LineageGraph {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(direction, "direction");
        versions = List.copyOf(versions);
        edges = List.copyOf(edges);
        datasets = Map.copyOf(datasets);
    }
}
