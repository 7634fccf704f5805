package dev.modelregistry.benchmarks;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.modelregistry.events.RegistryEvent;
import dev.modelregistry.rabbitmq.RabbitMqSink;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;

/**
 * RabbitMQ publishing, side by side in one run: {@link RabbitMqSink} against a plain amqp-client
 * loop with confirms ({@link PlainConfirmsSink}), both sending {@code bench.events} CloudEvents
 * (default 5,000) one at a time and waiting for each confirm, to one durable queue bound with
 * {@code #} on a scratch exchange. Each of {@code bench.rounds} rounds (default 3) opens both,
 * warms each with {@code bench.warmup} untimed events (default 500), then alternates between them
 * every {@code bench.block} events (default 250), so a shared machine's changing load falls on both
 * alike. After every round the queue must hold every event sent, and is purged. Prints one Markdown table: events/s, the ratio, and per-message
 * latency p50 and p99.
 *
 * <p>Properties: {@code bench.events}, {@code bench.rounds}, {@code bench.warmup}, {@code bench.block}, {@code bench.uri}
 * (default {@code amqp://guest:guest@127.0.0.1:5672}).
 */
public final class RabbitMqBenchmark {

    private RabbitMqBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args ignored; everything comes from system properties
     * @throws IOException if the broker cannot be reached or refuses the scratch exchange or queue
     * @throws TimeoutException if connecting to the broker times out
     */
    public static void main(String[] args) throws IOException, TimeoutException {
        int count = Integer.getInteger("bench.events", 5_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        int warmupCount = Integer.getInteger("bench.warmup", 500);
        int block = Integer.getInteger("bench.block", 250);
        String uri = System.getProperty("bench.uri", "amqp://guest:guest@127.0.0.1:5672");
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (URISyntaxException | GeneralSecurityException e) {
            throw new IllegalArgumentException("bench.uri is not a valid AMQP URI", e);
        }
        factory.setAutomaticRecoveryEnabled(false);

        String exchange = "model-registry-bench-" + UUID.randomUUID();
        String queue = exchange;
        List<RegistryEvent> warmup = SinkRun.stageChanges(1, warmupCount);
        List<RegistryEvent> events = SinkRun.stageChanges(warmupCount + 1L, count);
        List<SinkRun.Result> sink = new ArrayList<>();
        List<SinkRun.Result> plain = new ArrayList<>();
        MarkdownTable table = new MarkdownTable("round", "publisher", "events", "events/s", "p50", "p99", "load");
        try (Connection admin = factory.newConnection("model-registry bench admin"); Channel ch = admin.createChannel()) {
            ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueBind(queue, exchange, "#");
            try {
                List<SinkRun.Side> sides = List.of(
                        new SinkRun.Side("RabbitMqSink", () -> RabbitMqSink.builder().connectionFactory(factory)
                                .exchange(exchange).name("bench").build()),
                        new SinkRun.Side("plain amqp-client, publish + waitForConfirms",
                                () -> new PlainConfirmsSink(factory, exchange)));
                for (int round = 1; round <= rounds; round++) {
                    Progress.note("round " + round + " of " + rounds);
                    // the sides alternate in blocks within the round, and the round's first side alternates too
                    List<SinkRun.Side> order = round % 2 == 1 ? sides : List.of(sides.get(1), sides.get(0));
                    List<SinkRun.Result> results = SinkRun.interleaved(order, warmup, events, block);
                    long queued = ch.queueDeclarePassive(queue).getMessageCount();
                    long sent = 2L * (warmupCount + count);
                    if (queued != sent) {
                        throw new IllegalStateException("round " + round + ": queue holds " + queued
                                + " messages, sent " + sent);
                    }
                    ch.queuePurge(queue);
                    for (SinkRun.Result r : results) {
                        (r.label().equals("RabbitMqSink") ? sink : plain).add(r);
                        Progress.note(r.toString());
                        table.row(Integer.toString(round), r.label(), String.format(Locale.ROOT, "%,d", r.events()),
                                String.format(Locale.ROOT, "%,.0f", r.perSecond()), Latencies.millis(r.latencies().p50()),
                                Latencies.millis(r.latencies().p99()), MachineLoad.oneMinute());
                    }
                }
            } finally {
                ch.queueDelete(queue);
                ch.exchangeDelete(exchange);
            }
        }
        double sinkRate = median(sink, SinkRun.Result::perSecond);
        double plainRate = median(plain, SinkRun.Result::perSecond);
        System.out.println("## RabbitMQ: RabbitMqSink vs plain amqp-client with confirms\n");
        System.out.print(MachineInfo.describe(Path.of(".")));
        System.out.println("- broker: " + factory.getHost() + ":" + factory.getPort() + ", one durable queue bound"
                + " with #, persistent messages; " + count + " timed events per publisher and round after " + warmupCount
                + " untimed, alternating every " + block + "\n");
        System.out.print(table);
        StringBuilder perRound = new StringBuilder();
        for (int i = 0; i < sink.size(); i++) {
            perRound.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2fx",
                    sink.get(i).perSecond() / plain.get(i).perSecond()));
        }
        System.out.printf(Locale.ROOT, "%nMedian over %d rounds: RabbitMqSink %,.0f events/s (p50 %s, p99 %s),"
                        + " plain %,.0f events/s (p50 %s, p99 %s); ratio sink/plain %.2fx (per round: %s)%n", rounds,
                sinkRate, Latencies.millis((long) median(sink, r -> r.latencies().p50())),
                Latencies.millis((long) median(sink, r -> r.latencies().p99())), plainRate,
                Latencies.millis((long) median(plain, r -> r.latencies().p50())),
                Latencies.millis((long) median(plain, r -> r.latencies().p99())), sinkRate / plainRate, perRound);
    }

    private static double median(List<SinkRun.Result> results, ToDoubleFunction<SinkRun.Result> value) {
        List<Double> sorted = results.stream().map(value::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
