package dev.modelregistry.benchmarks;

import dev.modelregistry.events.EventSink;
import dev.modelregistry.events.RegistryEvent;
import dev.modelregistry.events.SendResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Publishes events through an {@link EventSink} one at a time, as the dispatcher calls it, and
 * measures throughput and the latency of each {@code send}. Any sink can be measured: RabbitMQ,
 * a plain client loop, later the registry's dispatcher end to end. Not thread-safe.
 */
final class SinkRun {

    /**
     * What one run measured.
     *
     * @param label     what was measured
     * @param events    timed sends
     * @param seconds   wall time of the timed sends
     * @param latencies each timed send, in nanoseconds
     */
    record Result(String label, int events, double seconds, Latencies latencies) {

        double perSecond() {
            return events / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %,d events in %.2f s, %,.0f events/s, p50 %s, p99 %s", label,
                    events, seconds, perSecond(), Latencies.millis(latencies.p50()), Latencies.millis(latencies.p99()));
        }
    }

    /**
     * One of the sinks compared by {@link #interleaved}.
     *
     * @param label what it is, for the report
     * @param sinks opens it; called once per run
     */
    record Side(String label, Supplier<? extends EventSink> sinks) {
    }

    private SinkRun() {
    }

    /**
     * Opens a sink, sends {@code warmup} events untimed and then {@code events} timed, each once and
     * in order, and closes the sink.
     *
     * @throws IllegalStateException if a send does not return delivered: a benchmark against a
     *         healthy broker retries nothing, so a retry is a fault to look at, not a figure
     */
    static Result publish(String label, Supplier<? extends EventSink> sinks, List<RegistryEvent> warmup,
                          List<RegistryEvent> events) {
        try (EventSink sink = sinks.get()) {
            for (RegistryEvent e : warmup) {
                check(sink.send(e), e, label);
            }
            Latencies latencies = new Latencies(events.size());
            long start = System.nanoTime();
            for (RegistryEvent e : events) {
                long before = System.nanoTime();
                SendResult result = sink.send(e);
                latencies.add(System.nanoTime() - before);
                check(result, e, label);
            }
            return new Result(label, events.size(), (System.nanoTime() - start) / 1e9, latencies);
        }
    }

    /**
     * Compares sinks under the same conditions: opens every side, warms each with {@code warmup},
     * then sends {@code events} to every side in blocks of {@code block}, alternating which side
     * goes first per block, so that a change in the machine's load during the run falls on all
     * sides alike. Each side gets every event once and in order; a side's time is the sum of its
     * blocks.
     *
     * @return one result per side, in the order given
     * @throws IllegalStateException if a send does not return delivered
     */
    static List<Result> interleaved(List<Side> sides, List<RegistryEvent> warmup, List<RegistryEvent> events,
                                    int block) {
        List<EventSink> open = new ArrayList<>();
        try {
            for (Side side : sides) {
                open.add(side.sinks().get());
            }
            for (int s = 0; s < sides.size(); s++) {
                for (RegistryEvent e : warmup) {
                    check(open.get(s).send(e), e, sides.get(s).label());
                }
            }
            long[] nanos = new long[sides.size()];
            List<Latencies> latencies = new ArrayList<>();
            sides.forEach(side -> latencies.add(new Latencies(events.size())));
            for (int from = 0, round = 0; from < events.size(); from += block, round++) {
                List<RegistryEvent> chunk = events.subList(from, Math.min(events.size(), from + block));
                for (int k = 0; k < sides.size(); k++) {
                    int s = round % 2 == 0 ? k : sides.size() - 1 - k;
                    EventSink sink = open.get(s);
                    long start = System.nanoTime();
                    for (RegistryEvent e : chunk) {
                        long before = System.nanoTime();
                        SendResult result = sink.send(e);
                        latencies.get(s).add(System.nanoTime() - before);
                        check(result, e, sides.get(s).label());
                    }
                    nanos[s] += System.nanoTime() - start;
                }
            }
            List<Result> results = new ArrayList<>();
            for (int s = 0; s < sides.size(); s++) {
                results.add(new Result(sides.get(s).label(), events.size(), nanos[s] / 1e9, latencies.get(s)));
            }
            return results;
        } finally {
            open.forEach(EventSink::close);
        }
    }

    /**
     * {@code count} events of the kind a deployment pipeline follows most ({@code version.stage_changed}),
     * sequences from {@code firstSequence}, spread over 50 models, each about 300 bytes of JSON.
     */
    static List<RegistryEvent> stageChanges(long firstSequence, int count) {
        List<RegistryEvent> events = new ArrayList<>(count);
        Instant time = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            long seq = firstSequence + i;
            String model = "team-" + (seq % 5) + "/fraud-detector-" + (seq % 50);
            int version = (int) (seq % 40) + 1;
            String data = "{\"model\":\"" + model + "\",\"version\":" + version + ",\"principal\":\"ci-bot\","
                    + "\"requestId\":\"" + String.format(Locale.ROOT, "00000000-0000-0000-0000-%012d", seq) + "\","
                    + "\"from\":\"STAGING\",\"to\":\"PRODUCTION\",\"comment\":\"beats the previous version on holdout\"}";
            events.add(new RegistryEvent(seq, "urn:model-registry:bench", RegistryEvent.TYPE_PREFIX + "version.stage_changed",
                    time.plusMillis(seq), model, version, data));
        }
        return events;
    }

    private static void check(SendResult result, RegistryEvent event, String label) {
        if (!result.isDelivered()) {
            throw new IllegalStateException(label + ": event " + event.id() + " not delivered: " + result);
        }
    }
}
