package dev.modelregistry.lineage;

import dev.modelregistry.VersionRef;
import java.util.Objects;

/**
 * A version this one was derived from.
 *
 * @param version  the parent version, in this registry
 * @param relation how this version relates to it
 */
public record ParentModel(VersionRef version, Relation relation) {

    public ParentModel {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(relation, "relation");
    }
}
