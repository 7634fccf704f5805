package dev.modelregistry.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link RegistryChild} JVM as the parent test sees it: the lines it printed so far, read by a
 * thread of its own, and ways to wait for lines, to stop it and to kill it with SIGKILL
 * ({@link Process#destroyForcibly()}). Waits are generous, because the test machine may be small
 * and busy; they bound a hang, they do not measure speed. Thread-safe.
 */
final class Child {

    /** How long any single wait may take before the test fails instead of hanging. */
    static final long PATIENCE_SECONDS = 180;

    private final String name;
    private final Process process;
    private final Path stderr;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private Child(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::read, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a child JVM on the test's class path, running {@link RegistryChild} with {@code args}
     * against {@code backend}; its standard error goes to {@code <logs>/<name>.err}.
     */
    static Child start(String name, Backend backend, Path logs, String... args) throws IOException {
        return start(RegistryChild.class, name, backend, logs, args);
    }

    /** Starts a child JVM like {@link #start(String, Backend, Path, String...)}, running {@code main}. */
    static Child start(Class<?> main, String name, Backend backend, Path logs, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small, quick-starting JVMs: several share two cores with the build.
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(logs);
        Path stderr = logs.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        backend.exportTo(builder.environment());
        return new Child(name, builder.start(), stderr);
    }

    private void read() {
        // A copy beside the standard error, for reading what happened after a failed run.
        Path copy = stderr.resolveSibling(name + ".out");
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
            for (String line; (line = out.readLine()) != null; ) {
                log.write(line + "\n");
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // killed mid-line: what was read is what the child acknowledged
        } finally {
            synchronized (lines) {
                lines.add(null); // end of output
                lines.notifyAll();
            }
        }
    }

    String name() {
        return name;
    }

    /** The complete lines printed so far. */
    List<String> lines() {
        synchronized (lines) {
            return lines.stream().filter(l -> l != null).toList();
        }
    }

    /** How many printed lines start with {@code prefix}. */
    long count(String prefix) {
        return lines().stream().filter(l -> l.startsWith(prefix)).count();
    }

    /**
     * Waits until at least {@code n} printed lines match.
     *
     * @throws AssertionError if the child ends, fails or the wait runs out of patience first
     */
    void awaitLines(Predicate<String> match, long n, String what) throws InterruptedException {
        awaitLines(match, n, what, PATIENCE_SECONDS);
    }

    /**
     * Waits until at least {@code n} printed lines match, for at most {@code seconds}.
     *
     * @throws AssertionError if the child ends, fails or the wait runs out of time first
     */
    void awaitLines(Predicate<String> match, long n, String what, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lines) {
            while (true) {
                long found = lines.stream().filter(l -> l != null && match.test(l)).count();
                if (found >= n) {
                    return;
                }
                checkNoError();
                if (!lines.isEmpty() && lines.get(lines.size() - 1) == null) {
                    throw new AssertionError(name + " ended before " + what + "; " + describe());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + " did not " + what + " within " + seconds + " s; "
                            + describe());
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** Waits for {@code READY}: the child's registry is open. */
    Child awaitReady() throws InterruptedException {
        awaitLines("READY"::equals, 1, "open the registry");
        return this;
    }

    /**
     * Waits for the child to end by itself with status 0, having printed all its output.
     *
     * @throws AssertionError if it fails or runs out of patience
     */
    void awaitSuccess() throws InterruptedException {
        awaitLines("DONE"::equals, 1, "finish");
        if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not exit; " + describe());
        }
        reader.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        checkNoError();
        if (process.exitValue() != 0) {
            throw new AssertionError(name + " exited with " + process.exitValue() + "; " + describe());
        }
    }

    /** Closes the child's standard input, which tells the modes that wait for it to finish. */
    void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Kills the child with SIGKILL and waits until it is gone and its output is read. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL");
        }
        reader.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
    }

    /**
     * Ends the child with SIGTERM ({@link Process#destroy()}), which runs its shutdown hooks, and
     * waits until it is gone and its output is read.
     */
    void terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not exit on SIGTERM; " + describe());
        }
        reader.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** @throws AssertionError if the child reported a failed operation */
    void checkNoError() {
        for (String line : lines()) {
            if (line.startsWith("ERROR")) {
                throw new AssertionError(name + " failed: " + line.replace('|', '\n'));
            }
        }
    }

    private String describe() {
        List<String> all = lines();
        String err;
        try {
            err = Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            err = e.toString();
        }
        return "last output " + all.subList(Math.max(0, all.size() - 5), all.size()) + ", stderr: " + err;
    }

    /** Kills the child if it is still running, so that no test leaves processes behind. */
    void killIfAlive() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
