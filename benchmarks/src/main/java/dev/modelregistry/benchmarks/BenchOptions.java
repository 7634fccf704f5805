package dev.modelregistry.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the end-to-end suite runs, read from system properties so that a quick smoke run
 * ({@code -Dbench.fileSize=64m -Dbench.dirSize=128m -Dbench.reps=1}) needs no code change.
 *
 * @param fileSize bytes of the single-file data set ({@code bench.fileSize}, default 1 GiB)
 * @param dirSize  total bytes of the directory data set ({@code bench.dirSize}, default 2 GiB)
 * @param dirFiles number of files in the directory data set ({@code bench.dirFiles}, default 200)
 * @param reps     repetitions of every measurement; the median is reported ({@code bench.reps}, default 5)
 * @param cases    which cases run: any of {@code file}, {@code dir}, {@code read} ({@code bench.cases})
 * @param tools    which reference tools run: any of {@code durable}, {@code cp}, {@code sha256sum},
 *                 {@code mvn}, {@code git} ({@code bench.tools}, default all)
 * @param workDir  where data sets and outputs are written, deleted afterwards ({@code bench.dir})
 * @param outDir   where the Markdown report is saved ({@code bench.out})
 */
record BenchOptions(long fileSize, long dirSize, int dirFiles, int reps, List<String> cases, List<String> tools,
                    Path workDir, Path outDir) {

    static final long MIB = 1024L * 1024;

    static BenchOptions fromSystemProperties() {
        return new BenchOptions(
                size(System.getProperty("bench.fileSize", "1g")),
                size(System.getProperty("bench.dirSize", "2g")),
                Integer.parseInt(System.getProperty("bench.dirFiles", "200")),
                Math.max(1, Integer.parseInt(System.getProperty("bench.reps", "5"))),
                List.of(System.getProperty("bench.cases", "file,dir,read").split(",")),
                List.of(System.getProperty("bench.tools", "durable,cp,sha256sum,mvn,git").split(",")),
                Path.of(System.getProperty("bench.dir", "target/bench-work")).toAbsolutePath(),
                Path.of(System.getProperty("bench.out", "target/bench-results")).toAbsolutePath());
    }

    boolean runs(String name) {
        return cases.contains(name);
    }

    /** Parses {@code 1073741824}, {@code 64k}, {@code 64m} or {@code 1g} (binary units). */
    static long size(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> MIB;
            case 'g' -> 1024 * MIB;
            default -> 1L;
        };
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        return Long.parseLong(digits) * unit;
    }

    /** {@code 1 GiB}, {@code 64 MiB}, or bytes. */
    static String human(long bytes) {
        if (bytes >= 1024 * MIB && bytes % (1024 * MIB) == 0) {
            return bytes / (1024 * MIB) + " GiB";
        }
        if (bytes >= MIB) {
            return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) MIB);
        }
        return bytes + " B";
    }
}
