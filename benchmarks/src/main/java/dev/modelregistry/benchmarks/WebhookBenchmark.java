package dev.modelregistry.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.modelregistry.Registry;
import dev.modelregistry.embedded.EmbeddedRegistry;
import dev.modelregistry.events.Deliveries;
import dev.modelregistry.events.DeliveryOptions;
import dev.modelregistry.events.Dispatcher;
import dev.modelregistry.events.Webhook;
import dev.modelregistry.journal.JournalEntry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook delivery from an embedded registry (H2 file) to a receiver on 127.0.0.1, against a plain
 * {@link HttpClient} loop posting the same bodies to the same receiver in the same run:
 * <ul>
 *   <li>sustained events per second: {@code bench.events} changes (default 2,000) committed while
 *       delivery is stopped, then delivered by a dispatcher (lease, stored cursor, delivery log,
 *       signature) until its cursor reaches the head, against the plain loop posting the same
 *       bodies one after another;</li>
 *   <li>commit-to-delivery latency: {@code bench.latencies} single changes (default 300), one at a
 *       time, each timed from the return of the commit to the receiver's arrival, against the
 *       plain loop's send-to-arrival time of one post.</li>
 * </ul>
 * Alternates the two sides for {@code bench.rounds} rounds (default 3) and prints Markdown tables.
 */
public final class WebhookBenchmark {

    private WebhookBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args ignored; {@code -Dbench.events}, {@code -Dbench.latencies}, {@code -Dbench.rounds}
     *             and {@code -Dbench.dir} are read
     * @throws Exception if the registry or the receiver fails
     */
    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 2000);
        int latencies = Integer.getInteger("bench.latencies", 300);
        int rounds = Integer.getInteger("bench.rounds", 3);
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-work")).resolve("webhooks");
        JournalBenchmark.deleteTree(dir);
        Files.createDirectories(dir);
        System.out.println(MachineInfo.describe(dir));
        StringBuilder throughput = new StringBuilder("| round | registry events/s | plain HttpClient events/s | ratio |\n"
                + "|---|---|---|---|\n");
        StringBuilder latency = new StringBuilder("| round | registry p50 ms | p99 ms | plain p50 ms | p99 ms |\n"
                + "|---|---|---|---|---|\n");
        try (Receiver receiver = new Receiver()) {
            for (int round = 1; round <= rounds; round++) {
                Path root = dir.resolve("round-" + round);
                double[] ours;
                List<String> bodies;
                long[] ourLatencies;
                try (Registry registry = EmbeddedRegistry.open(root)) {
                    Webhook hook = Webhook.to("bench", receiver.url()).withPrivateAddressesAllowed(true);
                    registry.deliveries().createWebhook(hook);
                    registry.createModel("bench-model", "", Map.of());
                    long from = registry.journal().head();
                    for (int i = 0; i < events; i++) {
                        registry.tagModel("bench-model", "k" + (i % 50), "v" + i);
                    }
                    bodies = bodies(registry, from, events);
                    receiver.reset();
                    long start = System.nanoTime();
                    try (Dispatcher d = registry.deliveries().startWebhooks(DeliveryOptions.defaults())) {
                        long head = registry.journal().head();
                        while (registry.deliveries().status(Deliveries.webhookConsumer("bench")).orElseThrow()
                                .position() < head) {
                            Thread.sleep(2);
                        }
                        ours = new double[] {events / ((System.nanoTime() - start) / 1e9)};
                        ourLatencies = registryLatencies(registry, receiver, latencies);
                    }
                }
                receiver.reset();
                double plain = plainThroughput(receiver, bodies);
                long[] plainLatencies = plainLatencies(receiver, bodies.subList(0, Math.min(latencies, bodies.size())));
                throughput.append(String.format("| %d | %.0f | %.0f | %.2f |%n", round, ours[0], plain,
                        ours[0] / plain));
                latency.append(String.format("| %d | %s | %s | %s | %s |%n", round, ms(ourLatencies, 50),
                        ms(ourLatencies, 99), ms(plainLatencies, 50), ms(plainLatencies, 99)));
            }
        }
        System.out.println("\nSustained delivery, " + events + " events\n\n" + throughput);
        System.out.println("Commit (or send) to arrival, " + latencies + " events one at a time\n\n" + latency);
    }

    private static List<String> bodies(Registry registry, long from, int count) {
        List<String> bodies = new ArrayList<>(count);
        for (JournalEntry e : registry.journal().after(from, count)) {
            bodies.add("{\"specversion\":\"1.0\",\"id\":\"" + e.sequence() + "\",\"data\":" + e.details() + "}");
        }
        return bodies;
    }

    private static long[] registryLatencies(Registry registry, Receiver receiver, int count) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            registry.tagModel("bench-model", "latency", Integer.toString(i));
            long committed = System.nanoTime();
            String id = Long.toString(registry.journal().head());
            nanos[i] = receiver.awaitArrival(id) - committed;
        }
        return nanos;
    }

    private static double plainThroughput(Receiver receiver, List<String> bodies) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        long start = System.nanoTime();
        for (String body : bodies) {
            post(http, receiver.url(), body, "plain-" + body.hashCode());
        }
        return bodies.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static long[] plainLatencies(Receiver receiver, List<String> bodies) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        long[] nanos = new long[bodies.size()];
        for (int i = 0; i < bodies.size(); i++) {
            String id = "latency-" + i;
            long sent = System.nanoTime();
            post(http, receiver.url(), bodies.get(i), id);
            nanos[i] = receiver.awaitArrival(id) - sent;
        }
        return nanos;
    }

    private static void post(HttpClient http, URI url, String body, String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).header("webhook-id", id)
                .header("content-type", "application/cloudevents+json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("receiver answered " + r.statusCode());
        }
    }

    private static String ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return String.format("%.2f", sorted[Math.max(0, index)] / 1e6);
    }

    /** A receiver that answers 204 and remembers when each {@code webhook-id} first arrived. */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        private final AtomicInteger count = new AtomicInteger();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                arrivals.putIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), System.nanoTime());
                count.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        }

        void reset() {
            arrivals.clear();
        }

        long awaitArrival(String id) throws InterruptedException {
            while (true) {
                Long at = arrivals.get(id);
                if (at != null) {
                    return at;
                }
                Thread.sleep(0, 200_000);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
