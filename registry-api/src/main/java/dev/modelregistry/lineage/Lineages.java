package dev.modelregistry.lineage;

import dev.modelregistry.VersionRef;
import java.nio.file.Path;

/**
 * Lineage queries and views of one registry: where a version came from, what depends on what, what
 * differs between two versions, and a model card. Obtained from {@link dev.modelregistry.Registry#lineage()}.
 *
 * <p>Every walk is cycle-safe (a version is visited once) and depth-limited. Implementations are
 * thread-safe.
 */
public interface Lineages {

    /** The deepest an upstream or downstream walk goes. */
    int MAX_DEPTH = ImpactQuery.MAX_DEPTH;

    /**
     * The lineage recorded with a version; {@link Lineage#NONE} for a version registered before
     * lineage was recorded.
     *
     * @throws dev.modelregistry.VersionNotFoundException if there is no such version
     */
    Lineage of(VersionRef version);

    /**
     * The versions {@code version} was derived from, their parents, and so on, up to {@code depth}
     * derivations, with the datasets each recorded.
     *
     * @throws dev.modelregistry.VersionNotFoundException if there is no such version
     * @throws dev.modelregistry.InvalidInputException    if {@code depth} is not between 1 and {@link #MAX_DEPTH}
     */
    LineageGraph upstream(VersionRef version, int depth);

    /**
     * The versions derived from {@code version}, the versions derived from those, and so on, up to
     * {@code depth} derivations.
     *
     * @throws dev.modelregistry.VersionNotFoundException if there is no such version
     * @throws dev.modelregistry.InvalidInputException    if {@code depth} is not between 1 and {@link #MAX_DEPTH}
     */
    LineageGraph downstream(VersionRef version, int depth);

    /**
     * Every version that depends on a dataset or a version, filtered by stage and alias, nearest
     * first, then by model name and version number.
     *
     * @throws dev.modelregistry.VersionNotFoundException if the query starts from a version that does not exist
     */
    java.util.List<Impact> impact(ImpactQuery query);

    /**
     * What differs between two versions: datasets, code, run, parents, environment, params,
     * metrics and files.
     *
     * @throws dev.modelregistry.VersionNotFoundException if either version does not exist
     */
    LineageDiff diff(VersionRef left, VersionRef right);

    /**
     * A Markdown model card for a version (layout in {@code docs/LINEAGE.md}): description,
     * stage and aliases, metrics and evaluations, params, lineage, and stage and alias history.
     *
     * @throws dev.modelregistry.VersionNotFoundException if there is no such version
     */
    String modelCard(VersionRef version);

    /** The graph as a Mermaid flowchart, which renders on GitHub and GitLab. */
    String mermaid(LineageGraph graph);

    /** The graph in Graphviz DOT. */
    String dot(LineageGraph graph);

    /**
     * The content digest of a local file ({@code sha256:} and its SHA-256), or of a directory (its
     * regular files hashed as a version's files are, so that a directory registered as a version
     * and recorded as a dataset gets the same digest).
     *
     * @throws dev.modelregistry.InvalidInputException if {@code path} is neither a file nor a directory
     * @throws dev.modelregistry.StorageException      if it cannot be read
     */
    String digest(Path path);
}
