package dev.modelregistry.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Running the reference tools: wall time from process start to exit, output discarded. */
final class Processes {

    private Processes() {
    }

    /** The executable {@code name} on the {@code PATH}, if installed. */
    static Optional<Path> which(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code command} in {@code dir} and returns its wall time in nanoseconds.
     *
     * @throws IOException naming the command and quoting its error output, if it exits non-zero
     */
    static long run(List<String> command, Path dir) throws IOException {
        Path errors = Files.createTempFile("bench-stderr", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            int exit = waitFor(process);
            long elapsed = System.nanoTime() - start;
            if (exit != 0) {
                String stderr = Files.readString(errors, StandardCharsets.UTF_8);
                throw new IOException(abbreviate(command) + " exited with " + exit + ": "
                        + stderr.substring(Math.max(0, stderr.length() - 2000)).strip());
            }
            return elapsed;
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** Like {@link #run} but reports failure as false instead of an exception (for probes). */
    static boolean succeeds(List<String> command, Path dir) {
        try {
            run(command, dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int waitFor(Process process) throws IOException {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String abbreviate(List<String> command) {
        String text = String.join(" ", command);
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
