package dev.modelregistry.benchmarks;

import dev.modelregistry.Registry;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.core.InMemoryArtifactStore;
import dev.modelregistry.core.Registries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The metadata suite of issues 3 and 4: for each scale (default 10k and 1M versions, 100 per model)
 * every database (embedded H2 file, PostgreSQL) is bulk-loaded with the same synthetic registry, then
 * registering a small version, resolving {@code name@version} and {@code name@stage}, and listing
 * one model's versions are timed through the public API, side by side: each operation runs in ten
 * rounds that alternate between the databases, so that a noisy neighbour on a shared machine slows
 * both alike and the ratios stay fair. Prints a Markdown report on standard output (progress goes to
 * standard error) and saves it under {@code bench.out}. Run it as docs/PERFORMANCE.md says; options
 * are in {@link MetadataOptions}.
 */
public final class MetadataBenchmark {

    private static final int ROUNDS = 10;
    private static final int FSYNCS_PER_ROUND = 20;

    private MetadataBenchmark() {
    }

    /**
     * Runs the suite.
     *
     * @param args ignored; options are system properties
     * @throws IOException  if the scratch directory or the report cannot be written
     * @throws SQLException if loading a database fails
     */
    public static void main(String[] args) throws IOException, SQLException {
        MetadataOptions options = MetadataOptions.fromSystemProperties();
        List<MetadataRun.Result> results = new ArrayList<>();
        Set<String> settings = new LinkedHashSet<>();
        Set<String> skipped = new LinkedHashSet<>();
        Map<Long, Latencies> fsyncs = new LinkedHashMap<>();
        Map<String, String> plans = new LinkedHashMap<>();
        List<AccessReport.Result> access = new ArrayList<>();
        Set<String> grantNotes = new LinkedHashSet<>();
        try (Workspace workspace = new Workspace(options.workDir().resolve("metadata"))) {
            for (long versions : options.scales()) {
                SyntheticCatalog catalog = catalog(versions, options.versionsPerModel());
                SyntheticGrants grants = options.access() ? new SyntheticGrants(catalog) : null;
                if (grants != null) {
                    grantNotes.add(MetadataOptions.human(versions) + ": " + grants);
                }
                List<TargetDatabase> targets = new ArrayList<>();
                try {
                    Map<TargetDatabase, MetadataRun.Load> loads = new LinkedHashMap<>();
                    for (String database : options.databases()) {
                        Optional<TargetDatabase> target = open(database, workspace, versions);
                        if (target.isEmpty()) {
                            skipped.add(database);
                            continue;
                        }
                        targets.add(target.get());
                        MetadataRun.Load load = MetadataRun.load(target.get(), catalog, options.loadThreads(),
                                grants);
                        loads.put(target.get(), load);
                        settings.add(load.settings());
                    }
                    try (FsyncProbe fsync = new FsyncProbe(workspace.root())) {
                        results.addAll(measure(loads, catalog, grants, options, fsync, plans, access));
                        fsyncs.put(versions, fsync.latencies());
                    }
                } finally {
                    targets.forEach(TargetDatabase::close);
                }
            }
            String report = report(options, workspace.root(), results, fsyncs, settings, skipped, plans)
                    + accessReport(options, access, grantNotes);
            System.out.println(report);
            save(options.outDir(), report);
        }
    }

    /**
     * Times every operation on every loaded database, alternating between them round by round, and
     * the reference fsync in every timed round of registrations.
     */
    private static List<MetadataRun.Result> measure(Map<TargetDatabase, MetadataRun.Load> loads,
                                                    SyntheticCatalog catalog, SyntheticGrants grants,
                                                    MetadataOptions options, FsyncProbe fsync,
                                                    Map<String, String> plans, List<AccessReport.Result> access) {
        List<Registry> registries = new ArrayList<>();
        String scale = MetadataOptions.human(catalog.totalVersions());
        try {
            Progress.note(MetadataOptions.human(catalog.totalVersions()) + ": working out the expected search pages");
            List<List<SearchOps.Variant>> searches = SearchOps.prepare(catalog);
            List<MetadataOps> ops = new ArrayList<>();
            List<List<SearchOps.Variant>> guardedSearches = grants == null ? null
                    : SearchOps.prepare(catalog, grants::mayRead, grants.readableModels().length);
            Map<String, dev.modelregistry.jdbc.JdbcMetadataStore> stores = new LinkedHashMap<>();
            // per database, for the access variant: the open registry's ops on the guarded one's models, and the guarded one's
            List<MetadataOps[]> pairs = new ArrayList<>();
            for (TargetDatabase target : loads.keySet()) {
                InMemoryArtifactStore artifacts = new InMemoryArtifactStore();
                catalog.storeBlobs(artifacts);
                dev.modelregistry.jdbc.JdbcMetadataStore store = target.openStore();
                stores.put(target.name() + ", " + scale, store);
                Registry registry = Registries.builder().metadataStore(store).artifactStore(artifacts)
                        .principal("bench").build();
                registries.add(registry);
                ops.add(new MetadataOps(registry, catalog, searches));
                if (grants != null) {
                    // a second registry on the same store, as the guarded principal
                    Registry guarded = Registries.builder().metadataStore(store).artifactStore(artifacts)
                            .accessPolicy(AccessPolicy.grants()).principal(SyntheticGrants.principal()).build();
                    registries.add(guarded);
                    Set<MetadataOps.Op> lookups = EnumSet.of(MetadataOps.Op.RESOLVE_VERSION,
                            MetadataOps.Op.RESOLVE_STAGE, MetadataOps.Op.REGISTER);
                    Set<MetadataOps.Op> all = EnumSet.copyOf(lookups);
                    AccessReport.OPS.forEach(all::add);
                    pairs.add(new MetadataOps[] {
                        new MetadataOps(registry, catalog, searches, lookups, grants.readableModels(),
                                grants.writableModels()),
                        new MetadataOps(guarded, catalog, guardedSearches, all, grants.readableModels(),
                                grants.writableModels())});
                }
            }
            pairs.forEach(p -> ops.addAll(List.of(p)));
            Progress.note(scale + ": warming up, " + options.warmup() + " rounds on each database");
            ops.forEach(o -> o.warmUp(options.warmup()));
            for (MetadataOps.Op op : MetadataOps.Op.values()) {
                int count = switch (op) {
                    case RESOLVE_VERSION, RESOLVE_STAGE -> options.lookups();
                    case LIST -> options.lists();
                    case IMPACT -> options.impacts();
                    case UPSTREAM -> options.upstreams();
                    case SEARCH_TAG_METRIC, SEARCH_STAGE, SEARCH_NAME_PREFIX, SEARCH_TWO_TAGS, SEARCH_DATASET,
                         SEARCH_DEEP_PAGE -> options.searches();
                    case REGISTER -> options.registers();
                };
                Progress.note(scale + ": " + op.label + ", " + count + " timed on each database");
                int chunk = Math.max(1, count / ROUNDS);
                for (int round = 0; round <= ROUNDS; round++) {
                    // Round 0 is an untimed lead-in; the order flips every round so neither database always goes first.
                    for (int i = 0; i < ops.size(); i++) {
                        int which = round % 2 == 0 ? i : ops.size() - 1 - i;
                        ops.get(which).run(op, chunk, round > 0);
                    }
                    if (op == MetadataOps.Op.REGISTER && round > 0) {
                        fsync.run(FSYNCS_PER_ROUND);
                    }
                }
            }
            stores.forEach((name, store) -> plans.put(name, SearchOps.explain(store, searches)));
            List<MetadataRun.Result> results = new ArrayList<>();
            int i = 0;
            for (Map.Entry<TargetDatabase, MetadataRun.Load> e : loads.entrySet()) {
                MetadataOps o = ops.get(i);
                results.add(new MetadataRun.Result(e.getKey().name(), catalog.totalVersions(), catalog.models(),
                        e.getValue(), o.latencies(), o.bestRoundMedians()));
                if (grants != null) {
                    MetadataOps[] pair = pairs.get(i);
                    Map<MetadataOps.Op, Latencies> open = new EnumMap<>(MetadataOps.Op.class);
                    Map<MetadataOps.Op, Long> openBest = new EnumMap<>(MetadataOps.Op.class);
                    for (MetadataOps.Op op : AccessReport.OPS) {
                        // searches: the same queries on the open registry, unrestricted; the rest on the same models
                        MetadataOps source = op.search != null ? o : pair[0];
                        open.put(op, source.latencies().get(op));
                        openBest.put(op, source.bestRoundMedians().get(op));
                    }
                    access.add(new AccessReport.Result(e.getKey().name(), catalog.totalVersions(), open,
                            pair[1].latencies(), openBest, pair[1].bestRoundMedians()));
                }
                i++;
            }
            return results;
        } finally {
            registries.forEach(Registry::close);
        }
    }

    private static SyntheticCatalog catalog(long versions, int perModel) {
        if (versions % perModel != 0 || versions / perModel > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("scale " + versions + " is not a whole number of models of "
                    + perModel + " versions");
        }
        return new SyntheticCatalog((int) (versions / perModel), perModel);
    }

    private static Optional<TargetDatabase> open(String database, Workspace workspace, long versions)
            throws IOException {
        return switch (database) {
            case "h2" -> Optional.of(new H2Target(workspace.fresh("h2-" + MetadataOptions.human(versions))));
            case "postgresql", "postgres" -> PostgresTarget.create().map(t -> t);
            default -> throw new IllegalArgumentException("unknown database " + database
                    + " in bench.databases; use h2 and/or postgresql");
        };
    }

    private static String accessReport(MetadataOptions options, List<AccessReport.Result> access,
                                       Set<String> grantNotes) {
        if (access.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n## Access control\n\n");
        grantNotes.forEach(n -> out.append("- ").append(n).append('\n'));
        out.append(String.format(Locale.ROOT, "%nA second registry on each database's store, with"
                + " `accessPolicy(AccessPolicy.grants())` and that principal, timed in the same %d rounds as the"
                + " open one (same counts). Lookups and registrations: the open registry repeats the guarded one's"
                + " sequence (the same readable and writable models, in the same order). Searches: the same"
                + " queries on the open registry, unrestricted; the guarded pages hold the readable matches only"
                + " (checked against the catalog), and its paging query reads page 100 of smaller pages.%n%n",
                ROUNDS));
        out.append(new AccessReport(access).table()).append('\n');
        return out.toString();
    }

    private static String report(MetadataOptions options, Path workDir, List<MetadataRun.Result> results,
                                 Map<Long, Latencies> fsyncs, Set<String> settings, Set<String> skipped,
                                 Map<String, String> plans) {
        MetadataReport tables = new MetadataReport(results, fsyncs);
        StringBuilder out = new StringBuilder("## Metadata path\n\n");
        out.append(MachineInfo.describe(workDir));
        settings.forEach(s -> out.append("- database: ").append(s).append('\n'));
        if (!skipped.isEmpty()) {
            out.append("- **skipped** (server not reachable): ").append(String.join(", ", skipped)).append('\n');
        }
        out.append('\n').append(String.format(Locale.ROOT,
                "Each scale: a fresh database of each kind, %d versions per model (4 params, 3 metrics, 3 tags,"
                        + " 1–2 files, a lineage with 2 of %d datasets, code, run, environment and, in families of %d"
                        + " models, the parent it was fine-tuned from), bulk-loaded with JDBC batches, then timed through the public `Registry` API"
                        + " (`Registries.builder()` with `JdbcMetadataStore` and the in-memory artifact store;"
                        + " a registration carries one 64-byte file). Uniformly random models and versions, the"
                        + " same sequence on every database; %d lookups of each kind, %d listings, %d impact"
                        + " queries, %d upstream walks, %d searches of each kind (first pages of 100, newest first; the"
                        + " paging one reads page 100 through a cursor), %d registrations per database, in %d rounds alternating between the databases, after"
                        + " %d untimed warm-up rounds and an untimed lead-in of a tenth of each count.%n%n",
                options.versionsPerModel(), SyntheticLineage.DATASETS, SyntheticLineage.FAMILY, options.lookups(),
                options.lists(), options.impacts(), options.upstreams(), options.searches(), options.registers(), ROUNDS,
                options.warmup()));
        out.append("### Load\n\n").append(tables.loadTable()).append('\n');
        out.append(tables.apiLoadEstimate()).append('\n');
        out.append("### Operations\n\n").append(tables.operationsTable()).append('\n');
        plans.forEach((database, plan) -> out.append("### Search plans: ").append(database).append("\n\n").append(plan));
        return out.toString();
    }

    private static void save(Path outDir, String report) throws IOException {
        Files.createDirectories(outDir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = outDir.resolve("metadata-" + stamp + ".md");
        Files.writeString(file, report);
        Progress.note("report saved to " + file);
    }
}
