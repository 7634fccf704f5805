package dev.modelregistry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.events.EventSink;
import dev.modelregistry.events.RegistryEvent;
import dev.modelregistry.events.SendResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the sink harness honest without a broker: an in-memory sink that records what it got. */
class SinkRunTest {

    /** Delivers everything, except that it retries event {@code failAt}; records the ids sent. */
    static class RecordingSink implements EventSink {
        final List<String> sent = new ArrayList<>();
        final long failAt;
        boolean closed;

        RecordingSink(long failAt) {
            this.failAt = failAt;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public SendResult send(RegistryEvent event) {
            sent.add(event.id());
            return event.sequence() == failAt ? SendResult.retry(0, "broker gone", null) : SendResult.delivered(0);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void everyEventIsSentOnceInOrderAndOnlyTheTimedOnesAreMeasured() {
        RecordingSink sink = new RecordingSink(-1);

        SinkRun.Result result = SinkRun.publish("recording", () -> sink, SinkRun.stageChanges(1, 3),
                SinkRun.stageChanges(4, 5));

        assertThat(sink.sent).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(sink.closed).isTrue();
        assertThat(result.events()).isEqualTo(5);
        assertThat(result.latencies().count()).isEqualTo(5);
        assertThat(result.perSecond()).isPositive();
    }

    @Test
    void aSendThatIsNotDeliveredStopsTheRunNamingTheEvent() {
        RecordingSink sink = new RecordingSink(6);

        assertThatThrownBy(() -> SinkRun.publish("recording", () -> sink, List.of(), SinkRun.stageChanges(4, 5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("event 6 not delivered")
                .hasMessageContaining("broker gone");
        assertThat(sink.closed).isTrue();
    }

    @Test
    void interleavedSidesEachGetEveryEventInOrderAndTakeTurnsPerBlock() {
        List<String> turns = new ArrayList<>();
        RecordingSink a = new RecordingSink(-1) {
            @Override
            public SendResult send(RegistryEvent event) {
                turns.add("a" + event.id());
                return super.send(event);
            }
        };
        RecordingSink b = new RecordingSink(-1) {
            @Override
            public SendResult send(RegistryEvent event) {
                turns.add("b" + event.id());
                return super.send(event);
            }
        };

        List<SinkRun.Result> results = SinkRun.interleaved(
                List.of(new SinkRun.Side("a", () -> a), new SinkRun.Side("b", () -> b)),
                SinkRun.stageChanges(1, 1), SinkRun.stageChanges(2, 5), 2);

        assertThat(a.sent).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(b.sent).isEqualTo(a.sent);
        assertThat(turns).containsExactly("a1", "b1", "a2", "a3", "b2", "b3", "b4", "b5", "a4", "a5", "a6", "b6");
        assertThat(results).extracting(SinkRun.Result::label).containsExactly("a", "b");
        assertThat(results).allSatisfy(r -> assertThat(r.latencies().count()).isEqualTo(5));
        assertThat(a.closed && b.closed).isTrue();
    }

    @Test
    void stageChangesAreValidCloudEventsOfTheMostFollowedType() {
        RegistryEvent e = SinkRun.stageChanges(42, 1).get(0);

        assertThat(e.type()).isEqualTo("dev.modelregistry.version.stage_changed");
        assertThat(e.toJson()).startsWith("{\"specversion\":\"1.0\",\"id\":\"42\"").contains("\"subject\":\"team-2/");
    }
}
