package dev.modelregistry.lineage;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionRef;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which versions depend on something: a dataset (by URI or by digest) or a version. Start with
 * {@link #datasetUri}, {@link #datasetDigest} or {@link #derivedFrom}, then narrow it:
 *
 * <pre>{@code
 * ImpactQuery.datasetUri("s3://data/transactions-2026-10.parquet").inStages(Stage.PRODUCTION)
 * }</pre>
 *
 * @param datasetUri    versions that recorded a dataset with this URI, and the versions derived from them
 * @param datasetDigest versions that recorded a dataset with this digest, and the versions derived from them
 * @param derivedFrom   versions derived from this version
 * @param stages        keep only versions in one of these stages (by name); empty keeps every stage
 * @param aliases       keep only versions that hold one of these aliases; empty keeps every version,
 *                      unless {@code anyAlias}
 * @param anyAlias      keep only versions that hold some alias
 * @param depth         how many derivations to follow: 0 finds only the versions that recorded the
 *                      dataset (or, for {@code derivedFrom}, nothing), 1 adds the versions derived from
 *                      those, and so on, up to {@link #MAX_DEPTH}
 */
public record ImpactQuery(Optional<String> datasetUri, Optional<String> datasetDigest, Optional<VersionRef> derivedFrom,
                          Set<String> stages, Set<String> aliases, boolean anyAlias, int depth) {

    /** The deepest a walk goes; also the depth a new query follows. */
    public static final int MAX_DEPTH = 32;

    public ImpactQuery {
        Objects.requireNonNull(datasetUri, "datasetUri");
        Objects.requireNonNull(datasetDigest, "datasetDigest");
        Objects.requireNonNull(derivedFrom, "derivedFrom");
        long starts = (datasetUri.isPresent() ? 1 : 0) + (datasetDigest.isPresent() ? 1 : 0)
                + (derivedFrom.isPresent() ? 1 : 0);
        if (starts != 1) {
            throw new IllegalArgumentException("an impact query starts from exactly one of a dataset URI,"
                    + " a dataset digest or a version; it has " + starts);
        }
        datasetUri.ifPresent(uri -> LineageText.check("dataset uri", uri, Dataset.URI_LENGTH));
        datasetDigest = datasetDigest.map(Dataset::checkDigest);
        stages = Set.copyOf(stages);
        aliases = Set.copyOf(aliases);
        if (depth < 0 || depth > MAX_DEPTH) {
            throw new InvalidInputException("impact depth", Integer.toString(depth), "not between 0 and " + MAX_DEPTH);
        }
    }

    /** Versions that used the dataset at {@code uri}, and every version derived from them. */
    public static ImpactQuery datasetUri(String uri) {
        return new ImpactQuery(Optional.of(uri), Optional.empty(), Optional.empty(), Set.of(), Set.of(), false,
                MAX_DEPTH);
    }

    /** Versions that used a dataset with this content digest, and every version derived from them. */
    public static ImpactQuery datasetDigest(String digest) {
        return new ImpactQuery(Optional.empty(), Optional.of(digest), Optional.empty(), Set.of(), Set.of(), false,
                MAX_DEPTH);
    }

    /** Every version derived from {@code version}, transitively. */
    public static ImpactQuery derivedFrom(VersionRef version) {
        return new ImpactQuery(Optional.empty(), Optional.empty(), Optional.of(version), Set.of(), Set.of(), false,
                MAX_DEPTH);
    }

    /** Only versions in one of these stages. */
    public ImpactQuery inStages(Stage... stages) {
        Set<String> names = Arrays.stream(stages).map(Stage::name).collect(Collectors.toCollection(TreeSet::new));
        return new ImpactQuery(datasetUri, datasetDigest, derivedFrom, names, aliases, anyAlias, depth);
    }

    /** Only versions holding one of these aliases. */
    public ImpactQuery withAlias(String... aliases) {
        return new ImpactQuery(datasetUri, datasetDigest, derivedFrom, stages, Set.of(aliases), anyAlias, depth);
    }

    /** Only versions holding some alias. */
    public ImpactQuery withAnyAlias() {
        return new ImpactQuery(datasetUri, datasetDigest, derivedFrom, stages, aliases, true, depth);
    }

    /** Follows at most {@code depth} derivations. */
    public ImpactQuery depth(int depth) {
        return new ImpactQuery(datasetUri, datasetDigest, derivedFrom, stages, aliases, anyAlias, depth);
    }

    /** Only the versions that recorded the dataset themselves: {@code depth(0)}. */
    public ImpactQuery directOnly() {
        return depth(0);
    }
}
