package dev.modelregistry.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start as whole processes, timed from outside them: a JVM that opens the embedded registry,
 * registers a 1-byte version and closes it, on a new directory and on one that exists, side by side
 * with an empty JVM, interleaved run by run. With {@code -Dbench.baseline=CLASSPATH} the same
 * processes also run on another build's classes (an earlier commit's), so that before and after are
 * measured in the same run. Options: {@code bench.runs} (default 15), {@code bench.dir}, {@code bench.out}.
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int runs = Integer.parseInt(System.getProperty("bench.runs", "15"));
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.dir", "target/bench-work"))
                .toAbsolutePath().resolve("startup"));
        Path out = Files.createDirectories(Path.of(System.getProperty("bench.out", "target/bench-results")));
        Map<String, String> builds = new LinkedHashMap<>();
        builds.put("this build", System.getProperty("java.class.path"));
        String baseline = System.getProperty("bench.baseline", "");
        if (!baseline.isBlank()) {
            builds.put("baseline", baseline);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, List<Long>> wall = new LinkedHashMap<>();
        Map<String, List<long[]>> phases = new LinkedHashMap<>();
        for (Map.Entry<String, String> build : builds.entrySet()) {
            // the existing registry, made once, untimed
            probe(java, build.getValue(), "registry", work.resolve(slug(build.getKey()) + "-existing"));
        }
        for (int run = 0; run < runs; run++) {
            time(wall, "empty JVM", List.of(java, "-cp", builds.get("this build"), StartupProbe.class.getName(), "empty"),
                    work);
            for (Map.Entry<String, String> build : builds.entrySet()) {
                Path fresh = work.resolve(slug(build.getKey()) + "-new-" + run);
                measure(wall, phases, build.getKey() + ", new registry", java, build.getValue(), fresh);
                measure(wall, phases, build.getKey() + ", existing registry", java, build.getValue(),
                        work.resolve(slug(build.getKey()) + "-existing"));
                Workspace.delete(fresh);
            }
            System.out.printf("[startup] run %d of %d%n", run + 1, runs);
        }
        String report = report(runs, wall, phases);
        System.out.print(report);
        Files.writeString(out.resolve("startup.md"), report, StandardCharsets.UTF_8);
        Workspace.delete(work);
    }

    private static String slug(String build) {
        return build.replace(' ', '-');
    }

    private static void measure(Map<String, List<Long>> wall, Map<String, List<long[]>> phases, String label,
                                String java, String classpath, Path dir) throws IOException {
        long start = System.nanoTime();
        String line = probe(java, classpath, "registry", dir);
        wall.computeIfAbsent(label, k -> new ArrayList<>()).add(System.nanoTime() - start);
        phases.computeIfAbsent(label, k -> new ArrayList<>())
                .add(Arrays.stream(line.trim().split(" ")).mapToLong(Long::parseLong).toArray());
    }

    private static void time(Map<String, List<Long>> wall, String label, List<String> command, Path dir)
            throws IOException {
        wall.computeIfAbsent(label, k -> new ArrayList<>()).add(Processes.run(command, dir));
    }

    /** Runs one registry probe and returns the line it printed. */
    private static String probe(String java, String classpath, String mode, Path dir) throws IOException {
        Path output = Files.createTempFile("startup", ".txt");
        try {
            Process p = new ProcessBuilder(java, "-cp", classpath, StartupProbe.class.getName(), mode, dir.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(output.toFile()).redirectErrorStream(true).start();
            int exit = p.waitFor();
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (exit != 0) {
                throw new IOException("the start-up probe exited with " + exit + ": " + text);
            }
            String[] lines = text.strip().split("\n");
            return lines[lines.length - 1];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String report(int runs, Map<String, List<Long>> wall, Map<String, List<long[]>> phases) {
        double empty = median(wall.get("empty JVM"));
        MarkdownTable table = new MarkdownTable("process", "median", "min", "max", "minus the empty JVM",
                "open", "register", "close");
        for (Map.Entry<String, List<Long>> e : wall.entrySet()) {
            double m = median(e.getValue());
            List<long[]> p = phases.get(e.getKey());
            table.row(e.getKey(), seconds(m), seconds(e.getValue().stream().mapToLong(Long::longValue).min().orElse(0)),
                    seconds(e.getValue().stream().mapToLong(Long::longValue).max().orElse(0)),
                    p == null ? "" : seconds(m - empty),
                    p == null ? "" : phase(p, 0), p == null ? "" : phase(p, 1), p == null ? "" : phase(p, 2));
        }
        return "## Cold start\n\n" + MachineInfo.describe(Path.of(".")) + "- load: " + MachineLoad.oneMinute() + "\n\n" + runs
                + " runs of each, interleaved; wall time from process start to exit, measured by the parent."
                + " Phases are medians reported by the process itself, in ms.\n\n" + table;
    }

    private static String phase(List<long[]> runs, int i) {
        List<Long> values = runs.stream().map(r -> r[i]).toList();
        return String.format("%.0f ms", median(values));
    }

    private static double median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static String seconds(double nanos) {
        return String.format("%.3f s", nanos / 1e9);
    }
}
