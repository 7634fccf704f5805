package dev.modelregistry.benchmarks;

import dev.modelregistry.Registry;
import dev.modelregistry.core.InMemoryArtifactStore;
import dev.modelregistry.core.Registries;
import dev.modelregistry.jdbc.JdbcMetadataStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One run of {@link WriteComparison}, in a JVM of its own on the class path of the build under test:
 * {@code writers} threads register small versions at once (thread {@code w} to model
 * {@code m-<w mod models>}), first {@code warmup} untimed rounds, then {@code count} timed
 * registrations each. Prints {@code RESULT <registrations> <p50 µs> <p99 µs> <per second>}.
 *
 * <p>It uses nothing but the public API that every build since the metadata benchmark has, so the
 * same source compiles against the build before a change and after it.
 *
 * <p>Arguments: {@code h2 <database file without extension>} or {@code postgresql <JDBC URL>}, then
 * writers, models, count, warmup.
 */
public final class WriteWorkload {

    private WriteWorkload() {
    }

    /**
     * Runs the workload; see the class comment.
     *
     * @param args database kind, location, writers, models, count, warmup
     * @throws Exception if the registry fails
     */
    public static void main(String[] args) throws Exception {
        int writers = Integer.parseInt(args[2]);
        int models = Integer.parseInt(args[3]);
        int count = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        JdbcMetadataStore store = args[0].equals("h2")
                ? JdbcMetadataStore.h2File(Path.of(args[1]))
                : JdbcMetadataStore.create(args[1], "postgres", null);
        try (Registry registry = Registries.builder().metadataStore(store)
                .artifactStore(new InMemoryArtifactStore()).principal("bench").build()) {
            run(registry, writers, models, warmup, "warmup");
            long started = System.nanoTime();
            long[] nanos = run(registry, writers, models, count, "timed");
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(nanos);
            System.out.printf("RESULT %d %d %d %.1f%n", nanos.length, nanos[nanos.length / 2] / 1000,
                    nanos[(int) Math.min(nanos.length - 1, Math.ceil(nanos.length * 0.99) - 1)] / 1000,
                    nanos.length / seconds);
        }
    }

    /** Each writer registers {@code count} versions; returns every registration's latency. */
    private static long[] run(Registry registry, int writers, int models, int count, String phase) throws Exception {
        long[] nanos = new long[writers * count];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < count; i++) {
                        byte[] content = (phase + " " + writer + " " + i + " ").repeat(4).getBytes(StandardCharsets.UTF_8);
                        long t0 = System.nanoTime();
                        registry.register("m-" + (writer % models))
                                .content("model.onnx", content)
                                .param("max_depth", Integer.toString(4 + i % 8))
                                .param("learning_rate", "0.1")
                                .param("writer", Integer.toString(writer))
                                .param("seed", Integer.toString(i))
                                .metric("auc", 0.9 + i % 10 / 100.0)
                                .metric("f1", 0.8)
                                .metric("loss", 0.25)
                                .tag("team", "risk")
                                .tag("phase", phase)
                                .commit();
                        nanos[writer * count + i] = System.nanoTime() - t0;
                    }
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                }
            }, "writer-" + w);
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " writers failed", failures.get(0));
        }
        return nanos;
    }
}
