package dev.modelregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.embedded.EmbeddedRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving example follows PRODUCTION while a deployer, another registry on the same embedded
 * directory, promotes, rolls back and promotes a version that cannot load; a client thread asks
 * for predictions all along, and each answer must be the exact prediction of the one version it
 * names. Waits are generous: they bound a hang and measure nothing.
 */
class ServingExampleTest {

    private static final long PATIENCE_SECONDS = 60;
    private static final Pattern PREDICTION =
            Pattern.compile("\\{\"model\":\"fraud-detector\",\"version\":(\\d+),\"probability\":([^,]+),\"fraud\":(true|false)}");
    private static final double AMOUNT = 0.7;
    private static final double NIGHT = 0.4;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;

    @Test
    void servesTheProductionVersionAndSwapsOnlyToFullyLoadedModels() throws Exception {
        Path root = dir.resolve("registry");
        // Two models that answer differently, so every answer tells which one computed it.
        FraudModel one = FraudModel.train(FraudModel.generate(1, 2_000), 20, 0.5);
        FraudModel two = FraudModel.train(FraudModel.generate(2, 2_000), 300, 0.5);
        Map<Integer, Double> expected = Map.of(1, one.fraudProbability(AMOUNT, NIGHT),
                2, two.fraudProbability(AMOUNT, NIGHT));
        assertThat(expected.get(1)).isNotEqualTo(expected.get(2));

        try (ServingExample serving = ServingExample.start(root, dir.resolve("work"), 0);
             Registry deployer = EmbeddedRegistry.at(root).principal("deployer").open()) {
            URI base = serving.uri();
            assertThat(get(base, "predict?amount=1&night=1").statusCode()).isEqualTo(503);

            ModelVersion v1 = register(deployer, one);
            deployer.transition(v1, Stage.PRODUCTION, "first release");
            awaitModel(base, "\"version\":1,\"production\":1");
            assertThat(predict(base)).isEqualTo(answer(1, expected.get(1)));

            List<String> wrong = new CopyOnWriteArrayList<>();
            Map<Integer, AtomicInteger> answered = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread client = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = get(base, "predict?amount=" + AMOUNT + "&night=" + NIGHT);
                        Matcher m = PREDICTION.matcher(r.body());
                        if (r.statusCode() != 200 || !m.matches()) {
                            wrong.add(r.statusCode() + " " + r.body());
                            continue;
                        }
                        int version = Integer.parseInt(m.group(1));
                        if (!r.body().equals(answer(version, expected.getOrDefault(version, Double.NaN)))) {
                            wrong.add("not the prediction of v" + version + ": " + r.body());
                        }
                        answered.computeIfAbsent(version, v -> new AtomicInteger()).incrementAndGet();
                    } catch (IOException | InterruptedException e) {
                        wrong.add(e.toString());
                    }
                }
            }, "client");
            client.start();
            try {
                ModelVersion v2 = register(deployer, two);
                deployer.transition(v2, Stage.PRODUCTION, "better on holdout");
                awaitModel(base, "\"version\":2,\"production\":2");
                assertThat(predict(base)).isEqualTo(answer(2, expected.get(2)));

                deployer.rollback(FraudTraining.MODEL, Stage.PRODUCTION, "v2 misbehaves");
                awaitModel(base, "\"version\":1,\"production\":1");
                assertThat(predict(base)).isEqualTo(answer(1, expected.get(1)));

                // A version that cannot load: the example logs it and goes on serving v1.
                ModelVersion broken = deployer.register(FraudTraining.MODEL)
                        .content("model.bin", new byte[] {1, 2, 3}).commit();
                deployer.transition(broken, Stage.PRODUCTION, "a bad upload");
                awaitModel(base, "\"version\":1,\"production\":3");
                assertThat(predict(base)).isEqualTo(answer(1, expected.get(1)));
                deployer.rollback(FraudTraining.MODEL, Stage.PRODUCTION, "v3 does not load");
                awaitModel(base, "\"version\":1,\"production\":1");
            } finally {
                running.set(false);
                client.join();
            }
            assertThat(wrong).isEmpty();
            assertThat(answered.get(1).get()).isPositive();
            System.out.println("answers by version: " + answered);
        }
        try (Stream<Path> left = Files.list(dir.resolve("work"))) {
            assertThat(left).as("copies left after close").isEmpty();
        }
    }

    private static ModelVersion register(Registry registry, FraudModel model) {
        return registry.register(FraudTraining.MODEL).content("model.bin", model.toBytes()).commit();
    }

    private static String answer(int version, double probability) {
        return "{\"model\":\"fraud-detector\",\"version\":" + version + ",\"probability\":" + probability
                + ",\"fraud\":" + (probability >= 0.5) + "}";
    }

    private String predict(URI base) throws IOException, InterruptedException {
        HttpResponse<String> r = get(base, "predict?amount=" + AMOUNT + "&night=" + NIGHT);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** Waits until {@code GET /model} answers with {@code part} in its body. */
    private void awaitModel(URI base, String part) throws IOException, InterruptedException {
        Predicate<String> match = body -> body.contains(part);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = get(base, "model").body();
            if (match.test(last)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("GET /model did not answer " + part + " within " + PATIENCE_SECONDS
                + " s; last: " + last);
    }

    private HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
