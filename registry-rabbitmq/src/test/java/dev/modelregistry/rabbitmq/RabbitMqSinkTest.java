package dev.modelregistry.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.modelregistry.events.EventSink;
import dev.modelregistry.events.RegistryEvent;
import dev.modelregistry.events.SendResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RabbitMqSinkTest {

    private static final String STAGE_CHANGED = "dev.modelregistry.version.stage_changed";

    static RegistryEvent event(long sequence) {
        return event(sequence, "fraud-detector");
    }

    static RegistryEvent event(long sequence, String model) {
        return new RegistryEvent(sequence, "urn:registry:test", STAGE_CHANGED,
                Instant.parse("2026-12-03T10:15:30.123Z").plusSeconds(sequence), model, 7,
                "{\"model\":\"" + model + "\",\"version\":7,\"principal\":\"alice\",\"to\":\"PRODUCTION\"}");
    }

    static List<String> ids(List<GetResponse> messages) {
        return messages.stream().map(m -> m.getProps().getMessageId()).toList();
    }

    static List<String> ids(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(Long::toString).toList();
    }

    /** Sends {@code event} until delivered, backing off 20 ms, as the dispatcher does; the attempts that failed. */
    static List<SendResult> deliver(EventSink sink, RegistryEvent event, Duration patience) throws InterruptedException {
        List<SendResult> failed = new ArrayList<>();
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            SendResult result = sink.send(event);
            if (result.isDelivered()) {
                return failed;
            }
            failed.add(result);
            assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRY);
            assertThat(System.nanoTime()).as("event %s still not delivered: %s", event.id(), result)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Tests that need the broker; each gets its own exchange, deleted afterwards. */
    abstract static class WithBroker {

        Broker broker;
        String exchange;
        final Deque<Runnable> cleanups = new ArrayDeque<>();

        @BeforeEach
        void connect() {
            broker = Broker.require();
            exchange = broker.newExchange();
        }

        @AfterEach
        void cleanUp() {
            while (!cleanups.isEmpty()) {
                cleanups.removeFirst().run();
            }
            if (broker != null) {
                broker.close();
            }
        }

        RabbitMqSink.Builder sink() {
            return RabbitMqSink.builder().uri(broker.uri()).exchange(exchange).name("test");
        }

        RabbitMqSink closeLater(RabbitMqSink sink) {
            cleanups.addFirst(sink::close);
            return sink;
        }

        TcpProxy closeLater(TcpProxy proxy) {
            cleanups.addFirst(proxy::close);
            return proxy;
        }
    }

    @Nested
    class Publishing extends WithBroker {

        @Test
        void eachEventArrivesOnABoundQueuePersistentWithItsRoutingKeyBodyAndMessageId() {
            String queue = broker.bind(exchange, "version.stage_changed.#");
            RabbitMqSink sink = closeLater(sink().build());
            RegistryEvent event = event(41);

            assertThat(sink.send(event)).isEqualTo(SendResult.delivered(0));

            List<GetResponse> got = broker.drain(queue);
            assertThat(got).hasSize(1);
            GetResponse message = got.get(0);
            AMQP.BasicProperties props = message.getProps();
            assertThat(message.getEnvelope().getExchange()).isEqualTo(exchange);
            assertThat(message.getEnvelope().getRoutingKey()).isEqualTo("version.stage_changed.fraud-detector");
            assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).isEqualTo(event.toJson());
            assertThat(props.getMessageId()).isEqualTo("41");
            assertThat(props.getDeliveryMode()).isEqualTo(2);
            assertThat(props.getContentType()).isEqualTo("application/cloudevents+json");
            assertThat(props.getType()).isEqualTo(STAGE_CHANGED);
            assertThat(props.getTimestamp().toInstant()).isEqualTo(Instant.parse("2026-12-03T10:16:11Z"));
            assertThat(props.getHeaders()).containsOnlyKeys("cloudEvents:type", "cloudEvents:subject");
            assertThat(props.getHeaders().get("cloudEvents:type")).hasToString(STAGE_CHANGED);
            assertThat(props.getHeaders().get("cloudEvents:subject")).hasToString("fraud-detector@7");
        }

        @Test
        void manyEventsArriveInJournalOrder() {
            String queue = broker.bind(exchange, "#");
            RabbitMqSink sink = closeLater(sink().build());

            for (long seq = 1; seq <= 300; seq++) {
                assertThat(sink.send(event(seq, "model-" + seq % 7)).isDelivered()).isTrue();
            }

            assertThat(ids(broker.drain(queue))).isEqualTo(ids(1, 300));
        }

        @Test
        void aBindingOnTheEscapedModelNameMatchesItAndOneOnPartOfTheNameDoesNot() {
            String exact = broker.bind(exchange, "*.*.fraud%2Ev2");
            String partial = broker.bind(exchange, "*.*.fraud");
            String registryWide = broker.bind(exchange, "webhook.*._");
            RabbitMqSink sink = closeLater(sink().build());

            assertThat(sink.send(event(1, "fraud.v2")).isDelivered()).isTrue();
            assertThat(sink.send(new RegistryEvent(2, "urn:registry:test", "dev.modelregistry.webhook.created",
                    Instant.EPOCH, "", 0, "{}")).isDelivered()).isTrue();

            assertThat(ids(broker.drain(exact))).containsExactly("1");
            assertThat(broker.drain(partial)).isEmpty();
            List<GetResponse> wide = broker.drain(registryWide);
            assertThat(ids(wide)).containsExactly("2");
            assertThat(wide.get(0).getProps().getHeaders()).containsOnlyKeys("cloudEvents:type");
        }

        @Test
        void anExistingExchangeOfAnotherTypeMakesEverySendARetryThatSaysWhy() throws IOException, TimeoutException {
            ConnectionFactory admin = new ConnectionFactory();
            admin.setHost(broker.host());
            admin.setPort(broker.port());
            try (Connection c = admin.newConnection(); Channel ch = c.createChannel()) {
                ch.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, true);
            }
            RabbitMqSink sink = closeLater(sink().build());

            SendResult result = sink.send(event(1));

            assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRY);
            assertThat(result.error()).contains("cannot connect").contains("PRECONDITION_FAILED").contains("type");
            assertThat(sink.send(event(1)).outcome()).isEqualTo(SendResult.Outcome.RETRY);
        }
    }

    @Nested
    class Unroutable extends WithBroker {

        @Test
        void withNoQueueBoundTheSinkDeclaresItsExchangeAndCountsTheDroppedMessageDelivered() {
            RabbitMqSink sink = closeLater(sink().build());
            assertThat(broker.exists(exchange)).isFalse();

            assertThat(sink.send(event(1))).isEqualTo(SendResult.delivered(0));

            assertThat(broker.exists(exchange)).isTrue();
            String queue = broker.bind(exchange, "#");
            assertThat(sink.send(event(2)).isDelivered()).isTrue();
            assertThat(ids(broker.drain(queue))).containsExactly("2");
        }

        @Test
        void retryUnroutableHoldsTheEventBackUntilAQueueIsBound() {
            broker.declare(exchange);
            String elsewhere = broker.bind(exchange, "model.#");
            RabbitMqSink sink = closeLater(sink().retryUnroutable(true).build());

            SendResult result = sink.send(event(1));

            assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRY);
            assertThat(result.error()).contains("no queue is bound", exchange,
                    "version.stage_changed.fraud-detector", "312 NO_ROUTE");
            String queue = broker.bind(exchange, "version.#");
            assertThat(sink.send(event(1)).isDelivered()).isTrue();
            assertThat(ids(broker.drain(queue))).containsExactly("1");
            assertThat(broker.drain(elsewhere)).isEmpty();
        }
    }

    @Nested
    class Outage extends WithBroker {

        TcpProxy proxy;

        @BeforeEach
        void startProxy() {
            proxy = closeLater(TcpProxy.to(broker.host(), broker.port()));
        }

        RabbitMqSink throughProxy(Duration confirmTimeout) {
            return closeLater(sink().uri(broker.uriVia("127.0.0.1", proxy.port()))
                    .connectTimeout(Duration.ofMillis(500)).confirmTimeout(confirmTimeout).build());
        }

        @Test
        void whileTheBrokerIsUnreachableSendsRetryAndOnceItIsBackTheSameEventIsDeliveredWithNothingLost() {
            String queue = broker.bind(exchange, "#");
            RabbitMqSink sink = throughProxy(Duration.ofSeconds(2));
            assertThat(sink.send(event(1)).isDelivered()).isTrue();

            proxy.cut();
            SendResult lost = sink.send(event(2));
            SendResult refused = sink.send(event(2));
            proxy.restore();
            SendResult back = sink.send(event(2));

            assertThat(lost.outcome()).isEqualTo(SendResult.Outcome.RETRY);
            assertThat(lost.error()).isNotBlank();
            assertThat(refused.outcome()).isEqualTo(SendResult.Outcome.RETRY);
            assertThat(refused.error()).contains("cannot connect", "127.0.0.1:" + proxy.port(), "Connection refused");
            assertThat(back).isEqualTo(SendResult.delivered(0));
            assertThat(sink.send(event(3)).isDelivered()).isTrue();
            assertThat(ids(broker.drain(queue))).containsExactly("1", "2", "3");
        }

        @Test
        void aPartitionThatSwallowsTheConfirmIsARetryAfterTheConfirmTimeout() {
            String queue = broker.bind(exchange, "#");
            RabbitMqSink sink = throughProxy(Duration.ofMillis(800));
            assertThat(sink.send(event(1)).isDelivered()).isTrue();

            proxy.blackHole();
            long start = System.nanoTime();
            SendResult unconfirmed = sink.send(event(2));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            SendResult handshake = sink.send(event(2));
            proxy.restore();

            assertThat(unconfirmed.outcome()).isEqualTo(SendResult.Outcome.RETRY);
            assertThat(unconfirmed.error()).contains("did not confirm event 2 within 800 ms");
            assertThat(waitedMillis).isBetween(800L, 8_000L);
            assertThat(handshake.outcome()).isEqualTo(SendResult.Outcome.RETRY);
            assertThat(handshake.error()).contains("cannot connect");
            assertThat(sink.send(event(2)).isDelivered()).isTrue();
            assertThat(ids(broker.drain(queue))).containsExactly("1", "2");
        }

        @Test
        void aDispatcherLoopCutOffMidStreamLosesNoEventAndKeepsTheirOrder()
                throws InterruptedException, ExecutionException, TimeoutException {
            String queue = broker.bind(exchange, "#");
            RabbitMqSink sink = throughProxy(Duration.ofSeconds(2));
            int events = 200;
            AtomicInteger delivered = new AtomicInteger();
            AtomicInteger retried = new AtomicInteger();
            CompletableFuture<Void> dispatcher = CompletableFuture.runAsync(() -> {
                try {
                    for (long seq = 1; seq <= events; seq++) {
                        retried.addAndGet(deliver(sink, event(seq), Duration.ofSeconds(30)).size());
                        delivered.incrementAndGet();
                        Thread.sleep(10);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            while (delivered.get() < 20 && !dispatcher.isDone()) {
                Thread.sleep(1);
            }
            proxy.cut();
            Thread.sleep(700);
            proxy.restore();
            dispatcher.get(60, TimeUnit.SECONDS);

            List<String> got = ids(broker.drain(queue));
            assertThat(retried.get()).as("sends that returned retry during the outage").isPositive();
            assertThat(new ArrayList<>(new LinkedHashSet<>(got))).as("first arrivals").isEqualTo(ids(1, events));
            // at least once: an event whose confirm was lost with the connection may arrive twice
            assertThat(got.size() - events).isBetween(0, retried.get());
        }
    }

    @Nested
    class Closing extends WithBroker {

        @Test
        void aSendAfterCloseFailsSayingTheSinkIsClosedAndCloseIsIdempotent() {
            RabbitMqSink sink = sink().build();
            assertThat(sink.send(event(1)).isDelivered()).isTrue();

            sink.close();
            sink.close();

            assertThatThrownBy(() -> sink.send(event(2))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("RabbitMQ sink test is closed");
        }

        @Test
        void closeFromAnotherThreadEndsASendWaitingForItsConfirmWithRetry()
                throws InterruptedException, ExecutionException, TimeoutException {
            TcpProxy proxy = closeLater(TcpProxy.to(broker.host(), broker.port()));
            RabbitMqSink sink = sink().uri(broker.uriVia("127.0.0.1", proxy.port()))
                    .confirmTimeout(Duration.ofSeconds(30)).build();
            assertThat(sink.send(event(1)).isDelivered()).isTrue();
            proxy.blackHole();
            CompletableFuture<SendResult> inFlight = CompletableFuture.supplyAsync(() -> sink.send(event(2)));
            Thread.sleep(300);

            long start = System.nanoTime();
            sink.close();
            SendResult result = inFlight.get(10, TimeUnit.SECONDS);

            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
            assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRY);
            assertThatThrownBy(() -> sink.send(event(2))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Building {

        @Test
        void aBrokerIsRequired() {
            assertThatThrownBy(() -> RabbitMqSink.builder().build()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("uri(...) or connectionFactory(...)");
        }

        @Test
        void anInvalidUriIsRefusedWithoutRepeatingItsPassword() {
            assertThatThrownBy(() -> RabbitMqSink.builder().uri("amqp://user:s3cret@[::1"))
                    .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("s3cret");
            assertThatThrownBy(() -> RabbitMqSink.builder().uri("http://user:s3cret@host"))
                    .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("s3cret");
        }

        @Test
        void namesThatCannotBeConsumerNamesAndNonPositiveTimeoutsAreRefused() {
            assertThatThrownBy(() -> RabbitMqSink.builder().name(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RabbitMqSink.builder().name("prod broker"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'prod broker'");
            assertThatThrownBy(() -> RabbitMqSink.builder().exchange("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RabbitMqSink.builder().exchange("x".repeat(256)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RabbitMqSink.builder().confirmTimeout(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confirmTimeout");
            assertThatThrownBy(() -> RabbitMqSink.builder().connectTimeout(Duration.ofNanos(10)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
        }

        @Test
        void theCallersConnectionFactoryIsCopiedNotChanged() {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setAutomaticRecoveryEnabled(true);
            factory.setConnectionTimeout(60_000);

            RabbitMqSink sink = RabbitMqSink.builder().connectionFactory(factory).build();
            sink.close();

            assertThat(factory.isAutomaticRecoveryEnabled()).isTrue();
            assertThat(factory.getConnectionTimeout()).isEqualTo(60_000);
            assertThat(sink.name()).isEqualTo("rabbitmq");
            assertThat(sink.exchange()).isEqualTo("model-registry");
        }

        @Test
        void aSinkBuildsWithoutABrokerAndItsSendsRetryNamingTheAddress() throws IOException {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            try (RabbitMqSink sink = RabbitMqSink.builder().uri("amqp://guest:guest@127.0.0.1:" + port).build()) {
                SendResult result = sink.send(event(1));

                assertThat(result.outcome()).isEqualTo(SendResult.Outcome.RETRY);
                assertThat(result.error()).contains("cannot connect to RabbitMQ at 127.0.0.1:" + port + "/")
                        .doesNotContain("guest:guest");
            }
        }
    }
}
