package dev.modelregistry.benchmarks;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.StandardStage;
import dev.modelregistry.VersionRef;
import dev.modelregistry.lineage.Impact;
import dev.modelregistry.lineage.ImpactQuery;
import dev.modelregistry.lineage.LineageGraph;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The timed operations of the metadata benchmark on one registry, each called through the public
 * {@link Registry} API on a loaded {@link SyntheticCatalog}, on models and versions drawn uniformly
 * at random, so that lookups are spread over the whole database as a fleet of serving jobs would
 * spread them. Each operation has its own random sequence with a fixed seed, so every database sees
 * the same lookups in the same order. Every result is checked, so a fast wrong answer cannot pass
 * for a fast right one. Not thread-safe.
 */
final class MetadataOps {

    /** The operations, in the order they run; registering last leaves the loaded versions as loaded for the reads. */
    enum Op {
        RESOLVE_VERSION("resolve name@version"),
        RESOLVE_STAGE("resolve name@stage (PRODUCTION)"),
        LIST("list the versions of one model"),
        IMPACT("impact: PRODUCTION versions depending on a dataset"),
        UPSTREAM("upstream lineage of a depth-5 chain"),
        SEARCH_TAG_METRIC(SearchOps.Kind.TAG_METRIC),
        SEARCH_STAGE(SearchOps.Kind.STAGE),
        SEARCH_NAME_PREFIX(SearchOps.Kind.NAME_PREFIX),
        SEARCH_TWO_TAGS(SearchOps.Kind.TWO_TAGS),
        SEARCH_DATASET(SearchOps.Kind.DATASET),
        SEARCH_DEEP_PAGE(SearchOps.Kind.DEEP_PAGE),
        REGISTER("register a small version");

        final String label;
        /** The search this operation runs; null for the others. */
        final SearchOps.Kind search;

        Op(String label) {
            this.label = label;
            this.search = null;
        }

        Op(SearchOps.Kind search) {
            this.label = search.label;
            this.search = search;
        }
    }

    private final Registry registry;
    private final SyntheticCatalog catalog;
    private final SyntheticLineage lineage;
    private final SearchOps searches;
    private final Map<Op, SplittableRandom> randoms = new EnumMap<>(Op.class);
    private final Map<Op, Latencies> latencies = new EnumMap<>(Op.class);
    private final Map<Op, Long> bestRoundMedians = new EnumMap<>(Op.class);
    private final Set<Op> runs;
    /** The models lookups and registrations draw from; null for every model of the catalog. */
    private final int[] readModels;
    private final int[] writeModels;
    private long registrations;

    MetadataOps(Registry registry, SyntheticCatalog catalog, List<List<SearchOps.Variant>> searches) {
        this(registry, catalog, searches, EnumSet.allOf(Op.class), null, null);
    }

    /**
     * Operations on some of the catalog only, for the access-control variant: only {@code runs} run
     * (the others are no-ops), lookups draw their models from {@code readModels} and registrations from
     * {@code writeModels} (both null for every model), so that a guarded registry is only asked what
     * its principal may do, and an open one the same questions in the same order.
     */
    MetadataOps(Registry registry, SyntheticCatalog catalog, List<List<SearchOps.Variant>> searches, Set<Op> runs,
                int[] readModels, int[] writeModels) {
        this.registry = registry;
        this.catalog = catalog;
        this.lineage = new SyntheticLineage(catalog);
        this.searches = new SearchOps(registry, searches);
        this.runs = Set.copyOf(runs);
        this.readModels = readModels == null ? null : readModels.clone();
        this.writeModels = writeModels == null ? null : writeModels.clone();
        for (Op op : Op.values()) {
            randoms.put(op, new SplittableRandom(20240601L + op.ordinal()));
            latencies.put(op, new Latencies(1024));
        }
    }

    /** The timed latencies so far. */
    Map<Op, Latencies> latencies() {
        return latencies;
    }

    /**
     * The lowest median of one timed round of each operation: on a shared machine, the round in
     * which the neighbours were quietest, so the closest estimate of what an idle machine would show.
     */
    Map<Op, Long> bestRoundMedians() {
        return bestRoundMedians;
    }

    /**
     * Runs every read operation {@code count} times, untimed, on a random sequence of its own, so
     * that the JIT has compiled the paths of this database's driver before anything is timed. Also
     * checks that a loaded version's file reads back verified, which proves the loader's manifests.
     */
    void warmUp(int count) {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < count; i++) {
            resolveVersion(random);
            resolveStage(random);
            if (i % 10 == 0 && runs.contains(Op.LIST)) {
                list(random);
                upstream(random);
            }
            if (i % 50 == 0) {
                if (runs.contains(Op.IMPACT)) {
                    impact(random).run();
                }
                for (SearchOps.Kind kind : SearchOps.Kind.values()) {
                    if (kind != SearchOps.Kind.DEEP_PAGE && runs.contains(Op.SEARCH_TAG_METRIC)) {
                        searches.run(kind, random);
                    }
                }
            }
        }
        if (runs.contains(Op.SEARCH_DEEP_PAGE)) {
            searches.walkToDeepPages();
        }
        try (InputStream in = registry.open(registry.version(SyntheticCatalog.modelName(0), 1).orElseThrow(),
                "model.onnx")) {
            in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code op} {@code count} times as one round; {@code timed} adds the latencies to the results. */
    void run(Op op, int count, boolean timed) {
        if (!runs.contains(op)) {
            return;
        }
        SplittableRandom random = randoms.get(op);
        Latencies round = new Latencies(count);
        for (int i = 0; i < count; i++) {
            Runnable call = op.search != null ? () -> searches.run(op.search, random) : switch (op) {
                case RESOLVE_VERSION -> () -> resolveVersion(random);
                case RESOLVE_STAGE -> () -> resolveStage(random);
                case LIST -> () -> list(random);
                case IMPACT -> impact(random);
                case UPSTREAM -> () -> upstream(random);
                case REGISTER -> () -> register(random);
                default -> throw new IllegalStateException(op.name());
            };
            long start = System.nanoTime();
            call.run();
            round.add(System.nanoTime() - start);
        }
        if (timed) {
            latencies.get(op).addAll(round);
            bestRoundMedians.merge(op, round.p50(), Math::min);
        }
    }

    /** Whether {@code op} runs here. */
    boolean runs(Op op) {
        return runs.contains(op);
    }

    private String randomModel(SplittableRandom random) {
        return SyntheticCatalog.modelName(random.nextInt(catalog.models()));
    }

    private String randomModel(SplittableRandom random, int[] pool) {
        return pool == null ? randomModel(random) : SyntheticCatalog.modelName(pool[random.nextInt(pool.length)]);
    }

    private void resolveVersion(SplittableRandom random) {
        String model = randomModel(random, readModels);
        int number = 1 + random.nextInt(catalog.versionsPerModel());
        ModelVersion v = registry.version(model, number).orElseThrow(() -> missing(model + " v" + number));
        check(v.version() == number && v.params().size() == 4 && !v.files().isEmpty(), v);
    }

    private void resolveStage(SplittableRandom random) {
        String model = randomModel(random, readModels);
        ModelVersion v = registry.find(model, StandardStage.PRODUCTION)
                .orElseThrow(() -> missing(model + "@PRODUCTION"));
        check(v.version() == catalog.versionsPerModel() - 2, v);
    }

    /** Lists a model's versions; registrations (which run last) may have added some. */
    private void list(SplittableRandom random) {
        String model = randomModel(random);
        int size = registry.versions(model).size();
        if (size < catalog.versionsPerModel()) {
            throw new IllegalStateException(model + " lists " + size + " versions, expected "
                    + catalog.versionsPerModel());
        }
    }

    /**
     * An impact query for a dataset some version recorded, as an incident would ask it: which
     * PRODUCTION versions used it, directly or through the versions they were fine-tuned from. The
     * expected answer is worked out from the catalog before the call, so that only the query is timed.
     */
    private Runnable impact(SplittableRandom random) {
        int dataset = SyntheticLineage.trainingSet(random.nextInt(catalog.models()),
                1 + random.nextInt(catalog.versionsPerModel()));
        Set<VersionRef> expected = lineage.impact(dataset, catalog.versionsPerModel() - 2);
        return () -> {
            List<Impact> found = registry.lineage().impact(ImpactQuery.datasetUri(SyntheticLineage.datasetUri(dataset))
                    .inStages(StandardStage.PRODUCTION));
            Set<VersionRef> refs = found.stream().map(i -> i.version().ref()).collect(Collectors.toSet());
            if (!refs.equals(expected)) {
                throw new IllegalStateException("impact of dataset " + dataset + " found " + refs + ", expected "
                        + expected);
            }
        };
    }

    /** The upstream graph of a random version of a family's last member: its whole chain, 5 deep at 6 models per family. */
    private void upstream(SplittableRandom random) {
        int families = catalog.models() / SyntheticLineage.FAMILY;
        int model = families == 0 ? catalog.models() - 1
                : random.nextInt(families) * SyntheticLineage.FAMILY + SyntheticLineage.FAMILY - 1;
        VersionRef ref = VersionRef.of(SyntheticCatalog.modelName(model), 1 + random.nextInt(catalog.versionsPerModel()));
        LineageGraph graph = registry.lineage().upstream(ref, SyntheticLineage.FAMILY - 1);
        int chain = SyntheticLineage.generation(model) + 1;
        if (graph.versions().size() != chain || graph.edges().size() != chain - 1 || graph.truncated()
                || graph.datasets().size() != chain) {
            throw new IllegalStateException("upstream of " + ref + " is " + graph);
        }
    }

    /** A version shaped like the loaded ones, with 64 bytes of new content so that the artifact path stays negligible. */
    private void register(SplittableRandom random) {
        long serial = registrations++;
        byte[] content = String.format(Locale.ROOT, "bench registration %045d", serial)
                .getBytes(StandardCharsets.US_ASCII);
        ModelVersion v = registry.register(randomModel(random, writeModels))
                .content("model.onnx", content)
                .param("max_depth", "6")
                .param("learning_rate", "0.05")
                .param("n_estimators", "300")
                .param("seed", Long.toString(serial))
                .metric("auc", 0.93)
                .metric("logloss", 0.21)
                .metric("accuracy", 0.88)
                .tag("team", "bench")
                .tag("dataset", "ds-" + serial % 20)
                .tag("batch", "batch-" + serial % SyntheticCatalog.BATCHES)
                .commit();
        check(v.version() > catalog.versionsPerModel(), v);
    }

    private static IllegalStateException missing(String what) {
        return new IllegalStateException(what + " was not found; the load is broken");
    }

    private static void check(boolean ok, ModelVersion v) {
        if (!ok) {
            throw new IllegalStateException("unexpected result " + v.ref() + " in " + v.stage());
        }
    }
}
