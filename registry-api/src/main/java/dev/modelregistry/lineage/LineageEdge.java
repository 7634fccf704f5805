package dev.modelregistry.lineage;

import dev.modelregistry.VersionRef;
import java.util.Objects;

/**
 * One recorded derivation: {@code child} was derived from {@code parent}.
 *
 * @param child    the derived version
 * @param parent   the version it was derived from
 * @param relation how
 */
public record LineageEdge(VersionRef child, VersionRef parent, Relation relation) {

    public LineageEdge {
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(relation, "relation");
    }
}
