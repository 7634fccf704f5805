package dev.modelregistry.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The access-control table of the metadata benchmark ({@code bench.access}): each operation on the
 * open registry and on the guarded one, on the same database in the same rounds, with the ratio
 * guarded / open and the targets: at most 1.10× for a lookup and a registration, and for a search
 * filtered by permissions the search targets (H2 p50 under 100 ms, PostgreSQL within 3× of H2).
 */
final class AccessReport {

    /** The most a check may add to a lookup's or a registration's median. */
    static final double OVERHEAD_TARGET = 1.10;

    /** The operations compared. */
    static final List<MetadataOps.Op> OPS = List.of(MetadataOps.Op.RESOLVE_VERSION, MetadataOps.Op.RESOLVE_STAGE,
            MetadataOps.Op.REGISTER, MetadataOps.Op.SEARCH_TAG_METRIC, MetadataOps.Op.SEARCH_STAGE,
            MetadataOps.Op.SEARCH_NAME_PREFIX, MetadataOps.Op.SEARCH_TWO_TAGS, MetadataOps.Op.SEARCH_DATASET,
            MetadataOps.Op.SEARCH_DEEP_PAGE);

    /**
     * What one database measured at one scale.
     *
     * @param open        the open registry's latencies: of the same lookups and registrations as the guarded
     *                    one (its readable and writable models), and of the unrestricted searches
     * @param guarded     the guarded registry's latencies
     * @param openBest    the open registry's best round medians
     * @param guardedBest the guarded registry's best round medians
     */
    record Result(String database, long versions, Map<MetadataOps.Op, Latencies> open,
                  Map<MetadataOps.Op, Latencies> guarded, Map<MetadataOps.Op, Long> openBest,
                  Map<MetadataOps.Op, Long> guardedBest) {
    }

    private final List<Result> results;

    AccessReport(List<Result> results) {
        this.results = List.copyOf(results);
    }

    String table() {
        MarkdownTable table = new MarkdownTable("versions", "database", "operation", "open p50", "open p99",
                "guarded p50", "guarded p99", "guarded / open p50", "guarded / open p99",
                "guarded / open best round p50", "target");
        for (Result r : results) {
            for (MetadataOps.Op op : OPS) {
                Latencies open = r.open().get(op);
                Latencies guarded = r.guarded().get(op);
                if (open == null || guarded == null || open.count() == 0 || guarded.count() == 0) {
                    continue;
                }
                table.row(MetadataOptions.human(r.versions()), r.database(), op.label,
                        Latencies.millis(open.p50()), Latencies.millis(open.p99()),
                        Latencies.millis(guarded.p50()), Latencies.millis(guarded.p99()),
                        Samples.ratio(guarded.p50() / (double) open.p50()),
                        Samples.ratio(guarded.p99() / (double) open.p99()),
                        Samples.ratio(r.guardedBest().get(op) / (double) r.openBest().get(op)),
                        target(r, op, guarded));
            }
        }
        return table.toString();
    }

    private String target(Result r, MetadataOps.Op op, Latencies guarded) {
        if (op.search == null) {
            double ratio = guarded.p50() / (double) r.open().get(op).p50();
            return String.format(Locale.ROOT, "guarded ≤ %.2f× open: %s", OVERHEAD_TARGET,
                    verdict(ratio <= OVERHEAD_TARGET));
        }
        List<String> verdicts = new ArrayList<>();
        if (r.database().equals("H2")) {
            verdicts.add("guarded H2 p50 < 100 ms: "
                    + verdict(guarded.p50() < MetadataReport.SEARCH_TARGET_NANOS));
        } else {
            Optional<Latencies> h2 = results.stream()
                    .filter(x -> x.database().equals("H2") && x.versions() == r.versions())
                    .map(x -> x.guarded().get(op)).findFirst();
            h2.ifPresent(h -> verdicts.add("guarded PostgreSQL ≤ 3× guarded H2 ("
                    + Samples.ratio(guarded.p50() / (double) h.p50()) + "): "
                    + verdict(guarded.p50() <= MetadataReport.SERVER_RATIO_TARGET * h.p50())));
        }
        return verdicts.isEmpty() ? "–" : String.join("; ", verdicts);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }
}
