package dev.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionConflictException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real threads against the embedded registry (H2 file database + files). */
class ConcurrencyTest {

    private static final int THREADS = 8;

    @TempDir
    Path dir;

    private Registry registry;
    private ExecutorService pool;

    @BeforeEach
    void open() {
        registry = EmbeddedRegistry.open(dir);
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        registry.close();
    }

    private <T> List<T> runTogether(int tasks, IntFunctionWithException<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            int n = i;
            futures.add(pool.submit((Callable<T>) () -> {
                start.await();
                return task.apply(n);
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    @FunctionalInterface
    interface IntFunctionWithException<T> {
        T apply(int n) throws Exception;
    }

    @Test
    void versionNumbersNeverRepeatOrSkipUnderConcurrentRegistration() throws Exception {
        int perThread = 25;
        List<List<Integer>> perThreadVersions = runTogether(THREADS, t -> {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                ModelVersion v = registry.register("shared").content("model.bin", bytes("thread " + t + " item " + i))
                        .param("thread", Integer.toString(t)).commit();
                mine.add(v.version());
            }
            return mine;
        });

        List<Integer> all = perThreadVersions.stream().flatMap(List::stream).sorted().toList();
        assertThat(all).containsExactlyElementsOf(IntStream.rangeClosed(1, THREADS * perThread).boxed().toList());
        assertThat(registry.model("shared").orElseThrow().latestVersion()).isEqualTo(THREADS * perThread);
        for (ModelVersion v : registry.versions("shared")) {
            try (InputStream in = registry.open(v, "model.bin")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .startsWith("thread " + v.params().get("thread") + " item ");
            }
        }
    }

    @Test
    void concurrentFirstRegistrationsOfManyNewModelsAllSucceed() throws Exception {
        List<ModelVersion> versions = runTogether(THREADS * 4, n ->
                registry.register("model-" + (n % THREADS)).content("f", bytes("n" + n)).commit());

        assertThat(versions).hasSize(THREADS * 4);
        assertThat(registry.models()).hasSize(THREADS);
        registry.models().forEach(m -> assertThat(m.latestVersion()).isEqualTo(4));
    }

    @RepeatedTest(5)
    void concurrentPromotionsOfDifferentVersionsLeaveExactlyOneInProduction() throws Exception {
        List<ModelVersion> candidates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            candidates.add(registry.register("ranker").content("f", bytes("v" + i)).commit());
        }

        List<String> outcomes = runTogether(candidates.size(), n -> {
            try {
                registry.transition(candidates.get(n), Stage.PRODUCTION, "promote " + n);
                return "promoted";
            } catch (VersionConflictException e) {
                return "conflict";
            }
        });

        assertThat(outcomes).contains("promoted");
        List<ModelVersion> inProduction = registry.versions("ranker").stream()
                .filter(v -> v.stage().equals(Stage.PRODUCTION)).toList();
        assertThat(inProduction).hasSize(1);
        long archived = registry.versions("ranker").stream().filter(v -> v.stage().equals(Stage.ARCHIVED)).count();
        assertThat(archived).isEqualTo(outcomes.stream().filter("promoted"::equals).count() - 1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
