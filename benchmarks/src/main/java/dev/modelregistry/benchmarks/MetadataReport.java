package dev.modelregistry.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Markdown report of the metadata benchmark: how each database was loaded, then every operation
 * side by side on each database, with the ratio of PostgreSQL to H2 and the design's targets.
 */
final class MetadataReport {

    /** Targets of the design (docs/DESIGN.md, "Performance targets") and of issue 3. */
    static final long RESOLVE_TARGET_NANOS = 1_000_000;
    static final long REGISTER_TARGET_NANOS = 5_000_000;
    /** Targets of issue 12 (lineage). */
    static final long IMPACT_TARGET_NANOS = 100_000_000;
    static final long UPSTREAM_TARGET_NANOS = 5_000_000;
    static final long SEARCH_TARGET_NANOS = 100_000_000;
    static final double SERVER_RATIO_TARGET = 3.0;

    private static final String H2 = "H2";
    private static final String POSTGRES = "PostgreSQL";

    private final List<MetadataRun.Result> results;
    private final Map<Long, Latencies> fsyncs;

    MetadataReport(List<MetadataRun.Result> results, Map<Long, Latencies> fsyncs) {
        this.results = List.copyOf(results);
        this.fsyncs = Map.copyOf(fsyncs);
    }

    String loadTable() {
        MarkdownTable table = new MarkdownTable("versions", "models", "database", "rows inserted", "bulk load",
                "rows/s", "statistics", "size", "1-min load avg (before → after)");
        for (MetadataRun.Result r : results) {
            MetadataRun.Load l = r.load();
            table.row(MetadataOptions.human(r.versions()), Integer.toString(r.models()), r.database(),
                    Long.toString(l.rows()), seconds(l.loadNanos()),
                    String.format(Locale.ROOT, "%.0f", l.rows() / (l.loadNanos() / 1e9)), seconds(l.analyzeNanos()),
                    Samples.mib(l.sizeBytes()), l.loadAverage());
        }
        return table.toString();
    }

    String operationsTable() {
        List<String> databases = results.stream().map(MetadataRun.Result::database).distinct().toList();
        List<String> header = new ArrayList<>(List.of("versions", "operation"));
        databases.forEach(d -> {
            header.add(d + " p50");
            header.add(d + " p99");
            header.add(d + " best round p50");
        });
        boolean ratio = databases.contains(H2) && databases.contains(POSTGRES);
        if (ratio) {
            header.add("PostgreSQL / H2 p50");
            header.add("PostgreSQL / H2 p99");
        }
        header.add("targets");
        MarkdownTable table = new MarkdownTable(header.toArray(String[]::new));
        for (Map.Entry<Long, Map<String, MetadataRun.Result>> scale : byScale().entrySet()) {
            for (MetadataOps.Op op : MetadataOps.Op.values()) {
                List<String> row = new ArrayList<>(List.of(MetadataOptions.human(scale.getKey()), op.label));
                for (String d : databases) {
                    Optional<Latencies> l = latencies(scale.getValue(), d, op);
                    row.add(l.map(x -> Latencies.millis(x.p50())).orElse("–"));
                    row.add(l.map(x -> Latencies.millis(x.p99())).orElse("–"));
                    row.add(Optional.ofNullable(scale.getValue().get(d)).map(r -> r.bestRoundMedians().get(op))
                            .map(Latencies::millis).orElse("–"));
                }
                Optional<Latencies> h2 = latencies(scale.getValue(), H2, op);
                Optional<Latencies> pg = latencies(scale.getValue(), POSTGRES, op);
                if (ratio) {
                    row.add(ratio(h2, pg, true));
                    row.add(ratio(h2, pg, false));
                }
                row.add(targets(op, h2, pg));
                table.row(row.toArray(String[]::new));
            }
            Latencies fsync = fsyncs.get(scale.getKey());
            if (fsync != null && fsync.count() > 0) {
                List<String> row = new ArrayList<>(List.of(MetadataOptions.human(scale.getKey()),
                        "reference: 4 KiB append + fsync, no database"));
                databases.forEach(d -> {
                    row.add(Latencies.millis(fsync.p50()));
                    row.add(Latencies.millis(fsync.p99()));
                    row.add("–");
                });
                if (ratio) {
                    row.add("–");
                    row.add("–");
                }
                row.add("measured between the registration rounds");
                table.row(row.toArray(String[]::new));
            }
        }
        return table.toString();
    }

    /** What loading one by one through the API would cost, at each database's measured registration median. */
    String apiLoadEstimate() {
        StringBuilder out = new StringBuilder();
        for (MetadataRun.Result r : results) {
            long p50 = r.ops().get(MetadataOps.Op.REGISTER).p50();
            out.append(String.format(Locale.ROOT, "- %s, %s versions: registering them one by one at the measured"
                            + " median of %s would take %s (one writer), against %s for the bulk load.%n",
                    r.database(), MetadataOptions.human(r.versions()), Latencies.millis(p50),
                    duration(r.versions() * p50), duration(r.load().loadNanos())));
        }
        return out.toString();
    }

    private static String targets(MetadataOps.Op op, Optional<Latencies> h2, Optional<Latencies> pg) {
        List<String> verdicts = new ArrayList<>();
        long absolute = switch (op) {
            case RESOLVE_VERSION, RESOLVE_STAGE -> RESOLVE_TARGET_NANOS;
            case REGISTER -> REGISTER_TARGET_NANOS;
            case IMPACT -> IMPACT_TARGET_NANOS;
            case UPSTREAM -> UPSTREAM_TARGET_NANOS;
            case LIST -> 0;
            default -> SEARCH_TARGET_NANOS;
        };
        if (absolute > 0 && h2.isPresent()) {
            verdicts.add("H2 p50 < " + absolute / 1_000_000 + " ms: " + verdict(h2.get().p50() < absolute));
        }
        if (h2.isPresent() && pg.isPresent()) {
            double r = pg.get().p50() / (double) h2.get().p50();
            verdicts.add("PostgreSQL ≤ 3× H2: " + verdict(r <= SERVER_RATIO_TARGET));
        }
        return verdicts.isEmpty() ? "–" : String.join("; ", verdicts);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    private static String ratio(Optional<Latencies> h2, Optional<Latencies> pg, boolean median) {
        if (h2.isEmpty() || pg.isEmpty()) {
            return "–";
        }
        double r = median ? pg.get().p50() / (double) h2.get().p50() : pg.get().p99() / (double) h2.get().p99();
        return Samples.ratio(r);
    }

    private Map<Long, Map<String, MetadataRun.Result>> byScale() {
        Map<Long, Map<String, MetadataRun.Result>> scales = new LinkedHashMap<>();
        results.forEach(r -> scales.computeIfAbsent(r.versions(), v -> new LinkedHashMap<>()).put(r.database(), r));
        return scales;
    }

    private static Optional<Latencies> latencies(Map<String, MetadataRun.Result> scale, String database,
                                                 MetadataOps.Op op) {
        return Optional.ofNullable(scale.get(database)).map(r -> r.ops().get(op));
    }

    /** {@code 57 min} or {@code 17 s}. */
    private static String duration(double nanos) {
        double seconds = nanos / 1e9;
        return seconds >= 120 ? String.format(Locale.ROOT, "%.0f min", seconds / 60)
                : String.format(Locale.ROOT, "%.0f s", seconds);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
