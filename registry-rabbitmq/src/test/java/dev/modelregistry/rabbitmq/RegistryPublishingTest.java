package dev.modelregistry.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.Registry;
import dev.modelregistry.core.Registries;
import dev.modelregistry.events.Deliveries;
import dev.modelregistry.events.DeliveryAttempt;
import dev.modelregistry.events.DeliveryOptions;
import dev.modelregistry.events.Dispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A registry's dispatcher publishing to the real broker through a proxy that the test cuts: nothing is lost. */
class RegistryPublishingTest {

    private Broker broker;
    private TcpProxy proxy;
    private Registry registry;

    @BeforeEach
    void open() {
        broker = Broker.require();
        proxy = TcpProxy.to(broker.host(), broker.port());
        registry = Registries.inMemory();
    }

    @AfterEach
    void close() {
        registry.close();
        proxy.close();
        broker.close();
    }

    @Test
    void aBrokerOutageMidStreamLosesNothingAndEveryEventArrivesInJournalOrder() throws InterruptedException {
        String exchange = broker.newExchange();
        String queue = broker.bind(exchange, "#");
        RabbitMqSink sink = RabbitMqSink.builder().uri(broker.uriVia("127.0.0.1", proxy.port())).exchange(exchange)
                .name("broker").connectTimeout(Duration.ofMillis(500)).confirmTimeout(Duration.ofSeconds(2)).build();
        long start = registry.journal().head();
        DeliveryOptions options = DeliveryOptions.defaults().withUnlimitedAttempts()
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(300)).withPollInterval(Duration.ofMillis(50));
        String consumer = Deliveries.sinkConsumer("broker");
        try (Dispatcher publishing = registry.deliveries().start(sink, options)) {
            registry.createModel("fraud-detector", "", Map.of());
            for (int i = 0; i < 60; i++) {
                registry.tagModel("fraud-detector", "step", Integer.toString(i));
                if (i == 20) {
                    proxy.cut();
                }
                Thread.sleep(10);
            }
            Thread.sleep(500);
            proxy.restore();
            for (int i = 60; i < 80; i++) {
                registry.tagModel("fraud-detector", "step", Integer.toString(i));
            }
            long head = registry.journal().head();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (registry.deliveries().status(consumer).orElseThrow().position() < head) {
                assertThat(System.nanoTime()).as("the cursor reaches the head").isLessThan(deadline);
                Thread.sleep(20);
            }
        }

        List<String> expected = registry.journal().after(start, 1000).stream()
                .map(e -> Long.toString(e.sequence())).toList();
        List<String> got = broker.drain(queue).stream().map(r -> r.getProps().getMessageId()).toList();
        assertThat(new ArrayList<>(new LinkedHashSet<>(got))).as("first arrivals").isEqualTo(expected);
        assertThat(registry.deliveries().log(consumer, start, 10_000)).extracting(DeliveryAttempt::outcome)
                .as("the outage shows in the log").contains(DeliveryAttempt.Outcome.RETRYING);
        assertThat(registry.deliveries().status(consumer).orElseThrow().paused()).isFalse();
    }
}
