package dev.modelregistry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The end-to-end artifact suite of issue 4: registering a large file and a directory of files side by
 * side with reference tools, re-registering identical content, and reading back with verification.
 * Prints a Markdown report on standard output (progress goes to standard error) and saves it under
 * {@code bench.out}. Run it as docs/PERFORMANCE.md says; options are in {@link BenchOptions}.
 */
public final class ArtifactBenchmark {

    private ArtifactBenchmark() {
    }

    /**
     * Runs the suite.
     *
     * @param args ignored; options are system properties
     * @throws IOException if a data set cannot be written or a reference tool fails
     */
    public static void main(String[] args) throws IOException {
        BenchOptions options = BenchOptions.fromSystemProperties();
        StringBuilder report = new StringBuilder("## Artifact path\n\n");
        report.append(MachineInfo.describe(options.workDir().getParent())).append('\n');
        report.append("Repetitions: ").append(options.reps()).append(", median reported, ratios against the durable")
                .append(" copy measured in the same run.\n\n");
        if (HeapPeak.max() > 64L * 1024 * 1024) {
            report.append("**Warning:** not run with -Xmx64m, so the memory target is not proven by this run.\n\n");
        }
        try (Workspace workspace = new Workspace(options.workDir())) {
            List<Reference> references = References.of(options.tools(), workspace.root());
            if (options.runs("file") || options.runs("read")) {
                Progress.note("writing " + BenchOptions.human(options.fileSize()) + " of random bytes");
                Dataset file = Dataset.file(Files.createDirectories(workspace.root().resolve("data"))
                        .resolve("model.bin"), options.fileSize(), 1);
                PageCache.settle(workspace.root());
                if (options.runs("file")) {
                    report.append(new RegisterComparison("One file", file, references, workspace, options.reps()).run());
                }
                if (options.runs("read")) {
                    report.append(new ReadComparison(file, workspace, options.reps()).run());
                }
                Workspace.delete(file.root());
            }
            if (options.runs("dir")) {
                Progress.note("writing " + options.dirFiles() + " files, " + BenchOptions.human(options.dirSize()));
                Dataset dir = Dataset.directory(workspace.root().resolve("data").resolve("model-dir"),
                        options.dirSize(), options.dirFiles(), 2);
                PageCache.settle(workspace.root());
                report.append(new RegisterComparison("A directory", dir, references, workspace, options.reps()).run());
                Workspace.delete(dir.root());
            }
        }
        System.out.println(report);
        save(options.outDir(), report.toString());
    }

    private static void save(Path outDir, String report) throws IOException {
        Files.createDirectories(outDir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = outDir.resolve("artifacts-" + stamp + ".md");
        Files.writeString(file, report);
        Progress.note("report saved to " + file);
    }
}
