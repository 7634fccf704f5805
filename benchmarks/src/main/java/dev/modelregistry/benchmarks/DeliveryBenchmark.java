package dev.modelregistry.benchmarks;

import dev.modelregistry.Registry;
import dev.modelregistry.embedded.EmbeddedRegistry;
import dev.modelregistry.events.Dispatcher;
import dev.modelregistry.events.RegistryEvent;
import dev.modelregistry.journal.JournalEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Event delivery from an embedded registry (H2 file) through its dispatcher (lease, stored cursor,
 * delivery log), against a plain client loop sending the same events to the same receiver in the
 * same run. The target is {@code bench.target}: {@code webhooks} (a JDK HTTP receiver on 127.0.0.1;
 * the plain side is an {@code HttpClient} loop) or {@code rabbitmq} (the broker on 127.0.0.1:5672,
 * a consumer on a bound queue; the plain side is an amqp-client publish + waitForConfirms loop).
 * <ul>
 *   <li>sustained events per second: {@code bench.events} changes (default 2,000) committed while
 *       delivery is stopped, then delivered until the stored cursor reaches the head, against the
 *       plain loop sending the same events one after another;</li>
 *   <li>commit-to-arrival latency: {@code bench.latencies} single changes (default 300), one at a
 *       time, each timed from the return of the commit to its arrival at the receiver, against
 *       the plain loop's send-to-arrival time.</li>
 * </ul>
 * Runs {@code bench.rounds} rounds (default 3), the two sides one after the other in each, and
 * prints Markdown tables.
 */
public final class DeliveryBenchmark {

    /** Where events go, for the registry's dispatcher and for the plain loop. */
    interface Target extends AutoCloseable {

        /** Prepares a fresh registry (a webhook subscription, say) and returns the consumer name. */
        String prepare(Registry registry);

        /** Starts the registry's delivery. */
        Dispatcher start(Registry registry);

        /** Sends one event the plain way; returns once the target acknowledged it. */
        void sendPlain(RegistryEvent event) throws Exception;

        /** When the event of this id first arrived ({@link System#nanoTime()}), waiting for it. */
        long awaitArrival(String id) throws InterruptedException;

        @Override
        void close() throws Exception;
    }

    private DeliveryBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args ignored; {@code -Dbench.target}, {@code -Dbench.events}, {@code -Dbench.latencies},
     *             {@code -Dbench.rounds} and {@code -Dbench.dir} are read
     * @throws Exception if the registry or the target fails
     */
    public static void main(String[] args) throws Exception {
        String target = System.getProperty("bench.target", "webhooks");
        int events = Integer.getInteger("bench.events", 2000);
        int latencies = Integer.getInteger("bench.latencies", 300);
        int rounds = Integer.getInteger("bench.rounds", 3);
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-work")).resolve("delivery-" + target);
        JournalBenchmark.deleteTree(dir);
        Files.createDirectories(dir);
        System.out.println(MachineInfo.describe(dir));
        StringBuilder throughput = new StringBuilder("| round | registry events/s | plain events/s | ratio |\n"
                + "|---|---|---|---|\n");
        StringBuilder latency = new StringBuilder("| round | registry p50 ms | p99 ms | plain p50 ms | p99 ms |\n"
                + "|---|---|---|---|---|\n");
        try (Target t = target.equals("rabbitmq") ? new RabbitMqTarget() : new WebhookTarget()) {
            for (int round = 1; round <= rounds; round++) {
                double ours;
                List<RegistryEvent> sent;
                long[] ourLatencies;
                try (Registry registry = EmbeddedRegistry.open(dir.resolve("round-" + round))) {
                    String consumer = t.prepare(registry);
                    registry.createModel("bench-model", "", Map.of());
                    long from = registry.journal().head();
                    for (int i = 0; i < events; i++) {
                        registry.tagModel("bench-model", "k" + (i % 50), "v" + i);
                    }
                    sent = events(registry, from, events);
                    long head = registry.journal().head();
                    long start = System.nanoTime();
                    try (Dispatcher d = t.start(registry)) {
                        while (registry.deliveries().status(consumer).orElseThrow().position() < head) {
                            Thread.sleep(1);
                        }
                        ours = events / ((System.nanoTime() - start) / 1e9);
                        ourLatencies = registryLatencies(registry, t, latencies);
                    }
                }
                long start = System.nanoTime();
                for (RegistryEvent e : sent) {
                    t.sendPlain(plain(e, "plain-" + round + "-"));
                }
                double plain = sent.size() / ((System.nanoTime() - start) / 1e9);
                long[] plainLatencies = new long[Math.min(latencies, sent.size())];
                for (int i = 0; i < plainLatencies.length; i++) {
                    RegistryEvent e = plain(sent.get(i), "latency-" + round + "-");
                    long at = System.nanoTime();
                    t.sendPlain(e);
                    plainLatencies[i] = t.awaitArrival(e.source() + e.id()) - at;
                }
                throughput.append(String.format("| %d | %.0f | %.0f | %.2f |%n", round, ours, plain, ours / plain));
                latency.append(String.format("| %d | %s | %s | %s | %s |%n", round, ms(ourLatencies, 50),
                        ms(ourLatencies, 99), ms(plainLatencies, 50), ms(plainLatencies, 99)));
            }
        }
        System.out.println("\nSustained delivery to " + target + ", " + events + " events\n\n" + throughput);
        System.out.println("Commit (or send) to arrival, " + latencies + " events one at a time\n\n" + latency);
    }

    /** The registry's events, as the dispatcher sends them (same source, type, size of data). */
    private static List<RegistryEvent> events(Registry registry, long from, int count) {
        List<RegistryEvent> list = new ArrayList<>(count);
        for (JournalEntry e : registry.journal().after(from, count)) {
            list.add(new RegistryEvent(e.sequence(), "urn:dev.modelregistry:registry",
                    RegistryEvent.TYPE_PREFIX + e.operation(), e.at(), e.model(), e.version(), e.details()));
        }
        return list;
    }

    /** The same event under another source, so that the receiver tells the plain side's arrivals apart. */
    private static RegistryEvent plain(RegistryEvent e, String source) {
        return new RegistryEvent(e.sequence(), source, e.type(), e.time(), e.model(), e.version(), e.data());
    }

    private static long[] registryLatencies(Registry registry, Target target, int count) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            registry.tagModel("bench-model", "latency", Integer.toString(i));
            long committed = System.nanoTime();
            nanos[i] = target.awaitArrival("urn:dev.modelregistry:registry" + registry.journal().head()) - committed;
        }
        return nanos;
    }

    private static String ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return String.format("%.2f", sorted[Math.max(0, index)] / 1e6);
    }
}
