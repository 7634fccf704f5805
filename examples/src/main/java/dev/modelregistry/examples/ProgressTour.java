package dev.modelregistry.examples;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Progress;
import dev.modelregistry.ProgressListener;
import dev.modelregistry.Registry;
import dev.modelregistry.embedded.EmbeddedRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A console progress bar while a large model file is registered and copied back out: {@code
 * commit(listener)} and {@code copyTo(version, directory, listener)} report bytes and files done on
 * the calling thread, at most once per {@link Progress#INTERVAL} between a file's first and final
 * reports, so the bar is redrawn in place with a carriage return and no locking.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.modelregistry.examples.ProgressTour -Dexec.args="1024"}: the argument is the
 * size of the generated file in MiB (default 256); the registry and the files live in a temporary
 * directory that is deleted afterwards.
 */
public final class ProgressTour {

    private static final long MIB = 1024 * 1024;

    private ProgressTour() {
    }

    /**
     * What the tour did.
     *
     * @param registered the version registered
     * @param copied     the copy of its file
     * @param reports    how many reports the bar received, registering and copying
     */
    record Output(ModelVersion registered, Path copied, int reports) {
    }

    /**
     * Runs the tour in a temporary directory.
     *
     * @param args the size of the generated file in MiB (default 256)
     * @throws IOException if the temporary files cannot be written
     */
    public static void main(String[] args) throws IOException {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 256) * MIB;
        Path work = Files.createTempDirectory("progress-tour");
        try {
            Output out = run(work, size, System.out);
            System.out.printf("registered %s and copied it to %s%n", out.registered().ref(), out.copied());
        } finally {
            deleteTree(work);
        }
    }

    static Output run(Path work, long size, PrintStream console) throws IOException {
        Path model = generate(work.resolve("build/model.safetensors"), size);
        try (Registry registry = EmbeddedRegistry.open(work.resolve("registry"))) {
            Bar registering = new Bar("register", console);
            ModelVersion v = registry.register("llm-checkpoint")
                    .file(model)
                    .tag("team", "nlp")
                    .commit(registering);                        // reports on this thread
            Bar copying = new Bar("copy    ", console);
            Path out = registry.copyTo(v, work.resolve("deploy"), copying);
            return new Output(v, out.resolve("model.safetensors"), registering.reports + copying.reports);
        }
    }

    /** Draws {@code [#####.....]  50%  128/256 MiB  model.safetensors} over itself, then ends the line. */
    static final class Bar implements ProgressListener {

        private static final int WIDTH = 30;

        private final String label;
        private final PrintStream console;
        private int reports;

        Bar(String label, PrintStream console) {
            this.label = label;
            this.console = console;
        }

        @Override
        public void progress(Progress p) {
            reports++;
            double fraction = p.fraction().orElse(0);
            int filled = (int) Math.round(fraction * WIDTH);
            String bytes = p.bytesTotal() == Progress.UNKNOWN
                    ? p.bytesDone() / MIB + " MiB"
                    : p.bytesDone() / MIB + "/" + p.bytesTotal() / MIB + " MiB";
            // padded, so that a shorter line leaves nothing of the longer one it overwrites
            console.printf("\r%s [%s%s] %3d%%  %-16s %-40s", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                    Math.round(fraction * 100), bytes, p.finished() ? p.filesDone() + " files done" : p.path());
            if (p.finished()) {
                console.println();
            }
            console.flush();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Stands in for a training job: writes {@code size} pseudo-random bytes (so nothing is deduplicated). */
    private static Path generate(Path file, long size) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] chunk = new byte[(int) Math.min(size, 4 * MIB)];
        Random random = new Random();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        }
        return file;
    }
}
