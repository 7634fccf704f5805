package dev.modelregistry.spi;

import dev.modelregistry.VersionRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads recorded lineage and walks its index one step at a time; the core does the walking, so
 * every backend answers the same small questions. Each method reads one committed state.
 * Collections passed in may hold thousands of versions; implementations split them as their
 * database needs. Implementations must be thread-safe.
 */
public interface LineageReader {

    /** The recorded lineage text of each given version that has one; versions without are left out. */
    Map<VersionRef, String> lineages(Collection<VersionRef> versions);

    /**
     * The versions that recorded a dataset with this URI hash, or with this digest; exactly one of the
     * two is non-null. Each version once, in no particular order.
     */
    List<LineageNode> datasetUsers(String uriHash, String digest);

    /** Every derivation whose parent is one of {@code parents}, with the child's node; in no particular order. */
    List<LineageStep> children(Collection<VersionRef> parents);

    /** Every derivation whose child is one of {@code children}, with the parent's node; in no particular order. */
    List<LineageStep> parents(Collection<VersionRef> children);

    /**
     * A version as a lineage answer shows it.
     *
     * @param ref     the version
     * @param stage   its stage name
     * @param aliases the aliases pointing at it
     */
    record LineageNode(VersionRef ref, String stage, Set<String> aliases) {

        public LineageNode {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(stage, "stage");
            aliases = Set.copyOf(aliases);
        }
    }

    /**
     * One derivation found by a step of a walk.
     *
     * @param child    the derived version
     * @param parent   the version it was derived from
     * @param relation the relation's text form
     * @param reached  the version at the far end of the step: the child for {@link #children}, the parent
     *                 for {@link #parents}
     */
    record LineageStep(VersionRef child, VersionRef parent, String relation, LineageNode reached) {

        public LineageStep {
            Objects.requireNonNull(child, "child");
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(relation, "relation");
            Objects.requireNonNull(reached, "reached");
        }
    }
}
