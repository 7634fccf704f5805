package dev.modelregistry.testkit;

import dev.modelregistry.FileEntry;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.testkit.StoreOps.NewModel;
import dev.modelregistry.testkit.StoreOps.TransitionRequest;
import dev.modelregistry.testkit.StoreOps.VersionUpdate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Inputs and a concurrency harness shared by the {@link MetadataStoreContract} tests. */
final class MetadataStoreFixtures {

    /** Millisecond instants, because stores keep millisecond precision. */
    static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");

    static final String DEVELOPMENT = "DEVELOPMENT";
    static final String STAGING = "STAGING";
    static final String PRODUCTION = "PRODUCTION";
    static final String ARCHIVED = "ARCHIVED";

    private static final long CONCURRENT_TIMEOUT_SECONDS = 120;

    private MetadataStoreFixtures() {
    }

    static Instant at(int secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    static String sha(char hexDigit) {
        return String.valueOf(hexDigit).repeat(64);
    }

    static NewModel newModel(String name) {
        return new NewModel(name, "about " + name, Map.of("team", "risk"), "alice", T0);
    }

    /** A small version in DEVELOPMENT with one file. */
    static NewVersion newVersion(String model) {
        return newVersion(model, DEVELOPMENT, "bob", T0);
    }

    static NewVersion newVersion(String model, String stage, String createdBy, Instant createdAt) {
        return new NewVersion(model, stage, "", Map.of("max_depth", "6"), Map.of("auc", 0.931),
                Map.of("team", "risk"), List.of(new FileEntry("model.onnx", 42, sha('a'))), "sha256:" + sha('d'),
                createdBy, createdAt.truncatedTo(ChronoUnit.MILLIS));
    }

    static TransitionRequest move(String model, int version, String from, String to) {
        return new TransitionRequest(model, version, from, to, null, "carol", at(60), "why not");
    }

    static TransitionRequest promote(String model, int version, String from) {
        return new TransitionRequest(model, version, from, PRODUCTION, ARCHIVED, "carol", at(60), "beats the rest");
    }

    static VersionUpdate describe(String model, int version, String description) {
        return new VersionUpdate(model, version, description, Map.of(), Set.of(), "dave", at(120));
    }

    static VersionUpdate tags(String model, int version, Map<String, String> set, Set<String> remove) {
        return new VersionUpdate(model, version, null, set, remove, "dave", at(120));
    }

    /**
     * Runs {@code threads} tasks that all start at once and returns their results in task order.
     * A task's exception fails the calling test; tasks that expect exceptions catch them.
     */
    static <T> List<T> concurrently(int threads, IntFunction<Callable<T>> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> body = task.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return body.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get(CONCURRENT_TIMEOUT_SECONDS, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("a concurrent task failed: " + e.getCause(), e.getCause());
                } catch (TimeoutException e) {
                    throw new AssertionError("a concurrent task did not finish in "
                            + CONCURRENT_TIMEOUT_SECONDS + " s (deadlock?)", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
