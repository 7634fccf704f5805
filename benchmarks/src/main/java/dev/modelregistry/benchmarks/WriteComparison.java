package dev.modelregistry.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The write path before and after a change, side by side: builds the commit {@code bench.before}
 * (default: the last commit before the change-set write path and the journal) from this repository
 * into a scratch directory, compiles {@link WriteWorkload} against it, and then runs the workload
 * in alternating child JVMs of that build and of this one, for 1 writer, 8 writers to one model and
 * 8 writers to 8 models, on H2 (the embedded default's file store) and PostgreSQL. Every run gets
 * a new database. Prints one Markdown table of medians over the rounds and saves it under
 * {@code bench.out}.
 *
 * <p>Properties: {@code bench.before} (commit), {@code bench.rounds} (5), {@code bench.count}
 * (timed registrations per writer with one writer, 600; with 8 writers an eighth of it),
 * {@code bench.warmup} (300, split the same way), {@code bench.databases} ({@code h2,postgresql}),
 * {@code bench.dir}, {@code bench.out}.
 */
public final class WriteComparison {

    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private WriteComparison() {
    }

    /** One case: which database, how many writers, how many models they share. */
    private record Case(String database, int writers, int models) {

        String label() {
            String db = database.equals("h2") ? "H2" : "PostgreSQL";
            return db + ", " + writers + (writers == 1 ? " writer" : " writers") + " → "
                    + models + (models == 1 ? " model" : " models");
        }
    }

    /** What one run printed. */
    private record Result(long p50Micros, long p99Micros, double perSecond) {
    }

    /**
     * Runs the comparison; see the class comment.
     *
     * @param args ignored; everything comes from system properties
     * @throws Exception if a build, a run or a database fails
     */
    public static void main(String[] args) throws Exception {
        String before = System.getProperty("bench.before", "4267cb9");
        int rounds = Integer.getInteger("bench.rounds", 5);
        int count = Integer.getInteger("bench.count", 600);
        int warmup = Integer.getInteger("bench.warmup", 300);
        List<String> databases = List.of(System.getProperty("bench.databases", "h2,postgresql").split(","));
        Path work = Path.of(System.getProperty("bench.dir", "target/bench-work")).toAbsolutePath().resolve("write");
        Path out = Path.of(System.getProperty("bench.out", "target/bench-results")).toAbsolutePath();
        Files.createDirectories(work);

        Map<String, String> classpaths = new LinkedHashMap<>();
        classpaths.put("before", buildBefore(before, work));
        classpaths.put("after", System.getProperty("java.class.path"));

        List<Case> cases = new ArrayList<>();
        for (String db : databases) {
            cases.add(new Case(db, 1, 1));
            cases.add(new Case(db, 8, 1));
            cases.add(new Case(db, 8, 8));
        }
        Map<Case, Map<String, List<Result>>> results = new LinkedHashMap<>();
        String loadBefore = MachineLoad.oneMinute();
        for (int round = 0; round < rounds; round++) {
            for (Case c : cases) {
                List<String> order = round % 2 == 0 ? List.of("before", "after") : List.of("after", "before");
                for (String build : order) {
                    int perWriter = Math.max(1, count / c.writers());
                    int warm = Math.max(1, warmup / c.writers());
                    Result r = runOnce(classpaths.get(build), c, perWriter, warm, work.resolve("run"));
                    results.computeIfAbsent(c, k -> new LinkedHashMap<>()).computeIfAbsent(build, k -> new ArrayList<>()).add(r);
                    Progress.note(String.format(Locale.ROOT, "round %d %s %s: p50 %d µs, %.0f/s", round + 1,
                            c.label(), build, r.p50Micros(), r.perSecond()));
                }
            }
        }

        MarkdownTable table = new MarkdownTable("case", "before p50", "after p50", "after / before p50",
                "before p99", "after p99", "before registrations/s", "after registrations/s", "after / before throughput");
        for (Map.Entry<Case, Map<String, List<Result>>> e : results.entrySet()) {
            Result b = median(e.getValue().get("before"));
            Result a = median(e.getValue().get("after"));
            table.row(e.getKey().label(), ms(b.p50Micros()), ms(a.p50Micros()), ratio(a.p50Micros(), b.p50Micros()),
                    ms(b.p99Micros()), ms(a.p99Micros()), String.format(Locale.ROOT, "%.0f", b.perSecond()),
                    String.format(Locale.ROOT, "%.0f", a.perSecond()), ratio(a.perSecond(), b.perSecond()));
        }
        String report = "Write path, before (" + before + ") and after, " + rounds + " alternating rounds, medians of the"
                + " per-run figures; " + count + " timed registrations per run after " + warmup + " untimed ones"
                + " (split among the writers); 1-min load average " + loadBefore + " → " + MachineLoad.oneMinute()
                + "\n\n" + MachineInfo.describe(work) + "\n" + table;
        System.out.println(report);
        Files.createDirectories(out);
        Files.writeString(out.resolve("write-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md"),
                report, StandardCharsets.UTF_8);
    }

    /** Builds {@code commit} once into {@code work}; returns the class path of its workload. */
    private static String buildBefore(String commit, Path work) throws IOException, InterruptedException {
        Path tree = work.resolve("before-" + commit);
        Path classpathFile = tree.resolve("benchmarks/target/write-classpath.txt");
        if (!Files.exists(classpathFile)) {
            Path repo = Path.of(output(List.of("git", "rev-parse", "--show-toplevel"), Path.of("."))).toAbsolutePath();
            Files.createDirectories(tree);
            Progress.note("building " + commit + " in " + tree);
            Processes.run(List.of("sh", "-c", "git -C '" + repo + "' archive " + commit + " | tar -x -C '" + tree + "'"), tree);
            Processes.run(List.of("mvn", "-B", "-q", "-DskipTests", "-pl", "benchmarks", "-am", "package",
                    "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath",
                    "-Dmdep.outputFile=target/write-classpath.txt"), tree);
        }
        String dependencies = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
        Path classes = tree.resolve("write-workload");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path source = Path.of("src/main/java/dev/modelregistry/benchmarks/WriteWorkload.java").toAbsolutePath();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", dependencies, source.toString());
        if (status != 0) {
            throw new IllegalStateException("WriteWorkload does not compile against " + commit);
        }
        return classes + java.io.File.pathSeparator + dependencies;
    }

    private static Result runOnce(String classpath, Case c, int count, int warmup, Path dir) throws Exception {
        deleteTree(dir);
        Files.createDirectories(dir);
        String location;
        String schema = "mrbench_write";
        if (c.database().equals("h2")) {
            location = dir.resolve("registry").toString();
        } else {
            try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", null);
                 Statement s = admin.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                s.execute("CREATE SCHEMA " + schema);
            }
            location = PG_URL + "?currentSchema=" + schema;
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classpath, WriteWorkload.class.getName(), c.database(), location,
                Integer.toString(c.writers()), Integer.toString(c.models()), Integer.toString(count),
                Integer.toString(warmup));
        String result = output(command, dir);
        if (c.database().equals("postgresql")) {
            try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", null);
                 Statement s = admin.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                Progress.note("could not drop " + schema + ": " + e.getMessage());
            }
        }
        String[] f = result.lines().filter(l -> l.startsWith("RESULT ")).reduce((x, y) -> y)
                .orElseThrow(() -> new IllegalStateException("no RESULT line in: " + result)).split(" ");
        return new Result(Long.parseLong(f[2]), Long.parseLong(f[3]), Double.parseDouble(f[4]));
    }

    /** Runs {@code command} and returns its standard output, or throws with its output if it fails. */
    private static String output(List<String> command, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        StringBuilder text = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                text.append(line).append('\n');
            }
        }
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size()))) + "… failed:\n" + text);
        }
        return text.toString().strip();
    }

    private static Result median(List<Result> runs) {
        return new Result(
                runs.stream().map(Result::p50Micros).sorted().toList().get(runs.size() / 2),
                runs.stream().map(Result::p99Micros).sorted().toList().get(runs.size() / 2),
                runs.stream().map(Result::perSecond).sorted(Comparator.naturalOrder()).toList().get(runs.size() / 2));
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f ms", micros / 1000.0);
    }

    private static String ratio(double after, double before) {
        return String.format(Locale.ROOT, "%.2f×", after / before);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
