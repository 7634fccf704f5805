package dev.modelregistry.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.embedded.EmbeddedRegistry;
import dev.modelregistry.serving.ModelUpdate;
import dev.modelregistry.serving.Watch;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serving application: answers fraud predictions over HTTP with whatever version of
 * {@link FraudModel} is in PRODUCTION, and hot-swaps it when a deployment promotes another version
 * or rolls back, from this process or any other, without a restart.
 *
 * <p>It watches {@value #REFERENCE} in the copying form: each new production version arrives as a
 * complete, verified copy of its files, which is loaded completely into an immutable
 * {@link FraudModel} before one atomic swap makes it the served one. A request reads the served
 * model once, so every answer comes from one fully loaded version. A version that fails to load is
 * logged and the previous one goes on serving; an emptied stage answers 503.
 *
 * <ul>
 *   <li>{@code GET /predict?amount=1.5&night=0.8}: {@code {"model":"fraud-detector","version":2,
 *       "probability":0.93,"fraud":true}}</li>
 *   <li>{@code GET /model}: the version serving and the one in PRODUCTION (they differ while a
 *       version fails to load): {@code {"model":"fraud-detector","version":2,"production":2}}</li>
 * </ul>
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.modelregistry.examples.ServingExample -Dexec.args="model-registry 8080"}.
 * Thread-safe: requests are answered on several threads at once.
 */
public final class ServingExample implements AutoCloseable {

    /** What the example serves. */
    public static final String REFERENCE = FraudTraining.MODEL + "@PRODUCTION";

    private static final Logger LOG = LoggerFactory.getLogger(ServingExample.class);

    /** A completely loaded model and the version it came from. */
    private record Loaded(ModelVersion version, FraudModel model) {
    }

    private final AtomicReference<Loaded> serving = new AtomicReference<>();
    private final Registry registry;
    private final Watch watch;
    private final HttpServer server;
    private final ExecutorService requests = Executors.newFixedThreadPool(4);
    private final AtomicBoolean closed = new AtomicBoolean();

    private ServingExample(Registry registry, Path workDirectory, int port) throws IOException {
        this.registry = registry;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            requests.shutdown();
            throw e;
        }
        server.setExecutor(requests);
        server.createContext("/predict", exchange -> answer(exchange, this::predict));
        server.createContext("/model", exchange -> answer(exchange, this::model));
        try {
            this.watch = watch(registry, workDirectory);
        } catch (RuntimeException e) {
            server.stop(0);
            requests.shutdown();
            throw e;
        }
        server.start();
    }

    private Watch watch(Registry registry, Path workDirectory) {
        return registry.watch(REFERENCE, workDirectory, update -> {
            if (update.version().isEmpty()) {
                serving.set(null);                                                 // stage emptied: 503
                return;
            }
            try {
                Path file = update.directory().orElseThrow().resolve("model.bin"); // complete and verified
                FraudModel model = FraudModel.fromBytes(Files.readAllBytes(file)); // load it completely,
                serving.set(new Loaded(update.version().get(), model));            // then swap
            } catch (IOException | RuntimeException e) {                           // keep serving the old one
                LOG.error("Cannot load {}; still serving {}", update.version().get().ref(), describe(serving.get()), e);
            }
        });
    }

    /**
     * Opens the embedded registry under {@code registryRoot} and serves on 127.0.0.1.
     *
     * @param workDirectory where the watch copies production versions
     * @param port          the port, 0 for any free one ({@link #uri()} tells which)
     * @throws IOException if the server cannot listen there
     */
    public static ServingExample start(Path registryRoot, Path workDirectory, int port) throws IOException {
        Registry registry = EmbeddedRegistry.open(registryRoot);
        try {
            return new ServingExample(registry, workDirectory, port);
        } catch (IOException | RuntimeException e) {
            registry.close();                    // also stops a watch started before the failure
            throw e;
        }
    }

    /**
     * Serves until the process is stopped.
     *
     * @param args the registry directory (default: a new temporary one) and the port (default: any)
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path root = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("model-registry");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Path work = Files.createTempDirectory("fraud-serving");
        work.toFile().deleteOnExit();                // empty by then: close deletes the last copy
        ServingExample example = start(root, work, port);
        Runtime.getRuntime().addShutdownHook(new Thread(example::close, "stop-serving"));
        System.out.println("serving " + REFERENCE + " of the registry at " + root + " on " + example.uri()
                + ": GET /predict?amount=1.5&night=0.8 and GET /model");
        new CountDownLatch(1).await();
    }

    /** Where the server listens, such as {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Stops the server and the watch, deletes the last copy and closes the registry. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watch.close();
        server.stop(0);
        requests.shutdown();
        try {
            watch.current().flatMap(ModelUpdate::directory).ifPresent(ServingExample::delete);
        } finally {
            registry.close();
        }
    }

    private Response predict(Map<String, String> query) {
        Loaded loaded = serving.get();           // one model for the whole answer
        if (loaded == null) {
            return new Response(503, "{\"error\":\"no version of " + FraudTraining.MODEL + " in production\"}");
        }
        double amount;
        double night;
        try {
            amount = Double.parseDouble(query.getOrDefault("amount", ""));
            night = Double.parseDouble(query.getOrDefault("night", ""));
        } catch (NumberFormatException e) {
            return new Response(400, "{\"error\":\"amount and night must be numbers\"}");
        }
        if (!Double.isFinite(amount) || !Double.isFinite(night)) {
            return new Response(400, "{\"error\":\"amount and night must be finite\"}");
        }
        double p = loaded.model().fraudProbability(amount, night);
        return new Response(200, "{\"model\":\"" + FraudTraining.MODEL + "\",\"version\":" + loaded.version().version()
                + ",\"probability\":" + p + ",\"fraud\":" + (p >= 0.5) + "}");
    }

    private Response model(Map<String, String> query) {
        Loaded loaded = serving.get();
        int production = watch.current().flatMap(ModelUpdate::version).map(ModelVersion::version).orElse(0);
        return new Response(loaded == null ? 503 : 200, "{\"model\":\"" + FraudTraining.MODEL + "\",\"version\":"
                + (loaded == null ? "null" : loaded.version().version()) + ",\"production\":"
                + (production == 0 ? "null" : production) + "}");
    }

    private record Response(int status, String json) {
    }

    private interface Handler {
        Response handle(Map<String, String> query);
    }

    private static void answer(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            Response response = exchange.getRequestMethod().equals("GET")
                    ? handler.handle(query(exchange.getRequestURI().getRawQuery()))
                    : new Response(405, "{\"error\":\"only GET\"}");
            byte[] body = response.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static String describe(Loaded loaded) {
        return loaded == null ? "nothing" : loaded.version().ref().toString();
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
