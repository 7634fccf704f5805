package dev.modelregistry.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the metadata benchmark runs, read from system properties so that a smoke run
 * ({@code -Dbench.scales=10k -Dbench.databases=h2}) needs no code change.
 *
 * @param databases        any of {@code h2}, {@code postgresql} ({@code bench.databases}, default both)
 * @param scales           total versions of each run ({@code bench.scales}, default {@code 10k,1m});
 *                         {@code k} and {@code m} are decimal thousands and millions
 * @param versionsPerModel versions of every model ({@code bench.versionsPerModel}, default 100), so
 *                         1m is 10,000 models and 10k is 100 models
 * @param lookups          timed resolutions of each kind ({@code bench.lookups}, default 10,000)
 * @param registers        timed registrations ({@code bench.registers}, default 2,000)
 * @param lists            timed listings of one model's versions ({@code bench.lists}, default 1,000)
 * @param impacts          timed impact queries ({@code bench.impacts}, default 500)
 * @param upstreams        timed upstream walks ({@code bench.upstreams}, default 2,000)
 * @param searches         timed searches of each kind ({@code bench.searches}, default 200)
 * @param loadThreads      connections the bulk loader inserts on at once ({@code bench.loadThreads}, default 2)
 * @param warmup           untimed rounds of both resolutions (and a listing every tenth round) on
 *                         each database before anything is timed ({@code bench.warmup}, default 5,000);
 *                         each operation also runs an untimed tenth of its count before its timed runs
 * @param access           also measure a registry under access control side by side with the open one, on the
 *                         same database after {@link SyntheticGrants} are stored ({@code bench.access}, default false)
 * @param workDir          where H2 databases are written, deleted afterwards ({@code bench.dir})
 * @param outDir           where the Markdown report is saved ({@code bench.out})
 */
record MetadataOptions(List<String> databases, List<Long> scales, int versionsPerModel, int lookups,
                       int registers, int lists, int impacts, int upstreams, int searches, int loadThreads, int warmup,
                       boolean access, Path workDir, Path outDir) {

    static MetadataOptions fromSystemProperties() {
        return new MetadataOptions(
                list(System.getProperty("bench.databases", "h2,postgresql")),
                list(System.getProperty("bench.scales", "10k,1m")).stream().map(MetadataOptions::count).toList(),
                Integer.parseInt(System.getProperty("bench.versionsPerModel", "100")),
                Integer.parseInt(System.getProperty("bench.lookups", "10000")),
                Integer.parseInt(System.getProperty("bench.registers", "2000")),
                Integer.parseInt(System.getProperty("bench.lists", "1000")),
                Integer.parseInt(System.getProperty("bench.impacts", "500")),
                Integer.parseInt(System.getProperty("bench.upstreams", "2000")),
                Integer.parseInt(System.getProperty("bench.searches", "200")),
                Math.max(1, Integer.parseInt(System.getProperty("bench.loadThreads", "2"))),
                Integer.parseInt(System.getProperty("bench.warmup", "5000")),
                Boolean.parseBoolean(System.getProperty("bench.access", "false")),
                Path.of(System.getProperty("bench.dir", "target/bench-work")).toAbsolutePath(),
                Path.of(System.getProperty("bench.out", "target/bench-results")).toAbsolutePath());
    }

    /** Parses {@code 10000}, {@code 10k} or {@code 1m} (decimal units: a scale is a count, not a size). */
    static long count(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'k' -> 1_000L;
            case 'm' -> 1_000_000L;
            default -> 1L;
        };
        return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    /** {@code 10k}, {@code 1M}, or the plain count. */
    static String human(long count) {
        if (count >= 1_000_000 && count % 1_000_000 == 0) {
            return count / 1_000_000 + "M";
        }
        if (count >= 1_000 && count % 1_000 == 0) {
            return count / 1_000 + "k";
        }
        return Long.toString(count);
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }
}
