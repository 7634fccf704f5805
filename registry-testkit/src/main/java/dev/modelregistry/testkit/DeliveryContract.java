package dev.modelregistry.testkit;

import static dev.modelregistry.testkit.WebhookReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.events.ConsumerStatus;
import dev.modelregistry.events.Deliveries;
import dev.modelregistry.events.DeliveryAttempt;
import dev.modelregistry.events.DeliveryOptions;
import dev.modelregistry.events.Dispatcher;
import dev.modelregistry.events.EventSink;
import dev.modelregistry.events.RegistryEvent;
import dev.modelregistry.events.SendResult;
import dev.modelregistry.events.Webhook;
import dev.modelregistry.events.WebhookExistsException;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.testkit.WebhookReceiver.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook subscriptions and the delivery of events to webhooks and sinks, against a real HTTP
 * receiver on 127.0.0.1: the same suite on every backend.
 */
public abstract class DeliveryContract {

    /** Short waits, so the suite runs in seconds. */
    protected static final DeliveryOptions FAST = DeliveryOptions.defaults()
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400)).withTimeout(Duration.ofMillis(700))
            .withLease(Duration.ofSeconds(2)).withPollInterval(Duration.ofMillis(50)).withMaxAttempts(5);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private Registry registry;
    private Webhook hook;
    private WebhookReceiver receiver;

    /** A new, empty registry acting as {@code carol}. */
    protected abstract Registry open();

    @BeforeEach
    void openRegistry() {
        registry = open();
        opened.add(registry);
        hook = Webhook.to("deployer", URI.create("http://127.0.0.1:1/unused")).withPrivateAddressesAllowed(true);
        receiver = new WebhookReceiver(hook.secret());
        opened.add(receiver);
        hook = hook.withUrl(receiver.url("deployer"));
    }

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private Dispatcher startWebhooks(DeliveryOptions options) {
        Dispatcher d = registry.deliveries().startWebhooks(options);
        opened.add(0, d);
        return d;
    }

    private ModelVersion register(String model) {
        return registry.register(model).content("model.bin", model.getBytes()).metric("auc", 0.9).commit();
    }

    private static List<Long> sequences(List<WebhookReceiver.Received> received) {
        return received.stream().map(WebhookReceiver.Received::sequence).toList();
    }

    private List<Long> journalAfter(long sequence) {
        return registry.journal().after(sequence, 1000).stream().map(JournalEntry::sequence).toList();
    }

    @Test
    void everyChangeAfterTheSubscriptionReachesTheWebhookInOrderAsSignedCloudEvents() {
        registry.deliveries().createWebhook(hook);
        long created = registry.journal().head();
        startWebhooks(FAST);
        ModelVersion v1 = register("fraud");
        registry.transition(v1, Stage.STAGING, "try it");
        registry.transition(v1, Stage.PRODUCTION, "ship it");
        registry.setAlias(v1.ref(), "champion");
        ModelVersion v2 = register("fraud");
        registry.transition(v2, Stage.PRODUCTION, "better");
        long head = registry.journal().head();

        assertThat(await(PATIENCE, () -> receiver.accepted().size() == head - created)).isTrue();
        List<WebhookReceiver.Received> got = receiver.accepted();
        assertThat(sequences(got)).isEqualTo(journalAfter(created));
        assertThat(got).allSatisfy(r -> {
            assertThat(r.verified()).as("signature of %s", r.id()).isTrue();
            assertThat(r.id()).isEqualTo(r.json().get("id").asText());
            assertThat(r.json().get("specversion").asText()).isEqualTo("1.0");
            assertThat(r.json().get("type").asText()).startsWith(RegistryEvent.TYPE_PREFIX);
            assertThat(r.json().get("source").asText()).isNotEmpty();
            assertThat(r.json().get("time").asText()).endsWith("Z");
            assertThat(r.json().get("data").get("principal").asText()).isEqualTo("carol");
        });
        WebhookReceiver.Received promoted = got.get(got.size() - 1);
        assertThat(promoted.json().get("type").asText()).isEqualTo("dev.modelregistry.version.stage_changed");
        assertThat(promoted.json().get("subject").asText()).isEqualTo("fraud@2");
        assertThat(promoted.json().get("data").get("to").asText()).isEqualTo("PRODUCTION");
        assertThat(promoted.json().get("data").get("displaced").get(0).asInt()).isEqualTo(1);
        assertThat(got).anySatisfy(r -> {
            assertThat(r.json().get("type").asText()).isEqualTo("dev.modelregistry.alias.set");
            assertThat(r.json().get("data").get("alias").asText()).isEqualTo("champion");
        });
        // The stored cursor follows the deliveries in batches (at least every 200 ms), so it may lag a moment.
        assertThat(await(PATIENCE, () -> registry.deliveries().status(Deliveries.webhookConsumer("deployer"))
                .orElseThrow().position() == head)).as("stored cursor reaches %s", head).isTrue();
        assertThat(receiver.maxInFlight()).isEqualTo(1);
    }

    @Test
    void failuresTimeoutsAndTooManyRequestsAreRetriedAndTheLogSaysWhatHappened() {
        registry.deliveries().createWebhook(hook);
        receiver.then(Answer.status(500), Answer.hang(Duration.ofMillis(1500)), Answer.tooManyRequests(1),
                Answer.status(503));
        startWebhooks(FAST.withMaxAttempts(6));
        long sequence = registry.journal().head() + 1;
        register("fraud");
        String consumer = Deliveries.webhookConsumer("deployer");

        assertThat(await(PATIENCE, () -> registry.deliveries().outcome(consumer, sequence)
                .filter(a -> a.outcome() == DeliveryAttempt.Outcome.DELIVERED).isPresent())).isTrue();
        List<DeliveryAttempt> log = registry.deliveries().log(consumer, sequence - 1, 100).stream()
                .filter(a -> a.sequence() == sequence).toList();
        assertThat(log).extracting(DeliveryAttempt::attempt).containsExactly(1, 2, 3, 4, 5);
        assertThat(log).extracting(DeliveryAttempt::status).containsExactly(500, 0, 429, 503, 200);
        assertThat(log).extracting(DeliveryAttempt::outcome).containsExactly(DeliveryAttempt.Outcome.RETRYING,
                DeliveryAttempt.Outcome.RETRYING, DeliveryAttempt.Outcome.RETRYING, DeliveryAttempt.Outcome.RETRYING,
                DeliveryAttempt.Outcome.DELIVERED);
        assertThat(log.get(1).error()).contains("timed out");
        assertThat(log.get(0).error()).contains("HTTP 500");
        // The receiver asked for 1 s after the 429 (capped by the 400 ms maximum backoff of these options).
        assertThat(Duration.between(log.get(2).at(), log.get(3).at())).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::sequence).startsWith(sequence)
                .doesNotHaveDuplicates();
    }

    @Test
    void afterTheLastAttemptTheSubscriptionIsPausedWithTheReasonAndResumesWhereItStopped() {
        registry.deliveries().createWebhook(hook);
        long created = registry.journal().head();
        receiver.always(Answer.status(503));
        startWebhooks(FAST.withMaxAttempts(3));
        register("fraud");
        register("churn");
        String consumer = Deliveries.webhookConsumer("deployer");

        assertThat(await(PATIENCE, () -> registry.deliveries().status(consumer).orElseThrow().paused())).isTrue();
        ConsumerStatus paused = registry.deliveries().status(consumer).orElseThrow();
        assertThat(paused.pausedReason().orElseThrow()).contains("failed 3 attempts").contains("HTTP 503");
        assertThat(paused.position()).isEqualTo(created);
        assertThat(registry.deliveries().outcome(consumer, created + 1).orElseThrow().outcome())
                .isEqualTo(DeliveryAttempt.Outcome.FAILED);

        receiver.recover();
        registry.deliveries().resume(consumer);
        long head = registry.journal().head();
        assertThat(await(PATIENCE, () -> receiver.accepted().size() == head - created)).isTrue();
        assertThat(sequences(receiver.accepted())).isEqualTo(journalAfter(created));
        assertThat(registry.deliveries().status(consumer).orElseThrow().paused()).isFalse();
    }

    @Test
    void aRefusalOrARedirectPausesAtOnceAndTheRedirectIsNotFollowed() {
        registry.deliveries().createWebhook(hook);
        receiver.then(Answer.redirect(receiver.url("elsewhere")));
        startWebhooks(FAST);
        register("fraud");
        String consumer = Deliveries.webhookConsumer("deployer");

        assertThat(await(PATIENCE, () -> registry.deliveries().status(consumer).orElseThrow().paused())).isTrue();
        assertThat(registry.deliveries().status(consumer).orElseThrow().pausedReason().orElseThrow())
                .contains("refused").contains("302").contains("redirects are not followed");
        assertThat(receiver.received()).hasSize(1);

        receiver.then(Answer.status(400));
        registry.deliveries().resume(consumer);
        assertThat(await(PATIENCE, () -> receiver.received().size() == 2
                && registry.deliveries().status(consumer).orElseThrow().paused())).isTrue();
        assertThat(registry.deliveries().log(consumer, 0, 100)).extracting(DeliveryAttempt::outcome)
                .containsExactly(DeliveryAttempt.Outcome.FAILED, DeliveryAttempt.Outcome.FAILED);
    }

    @Test
    void replayDeliversAgainFromAnySequence() {
        registry.deliveries().createWebhook(hook);
        long created = registry.journal().head();
        startWebhooks(FAST);
        register("fraud");
        register("fraud");
        long head = registry.journal().head();
        assertThat(await(PATIENCE, () -> receiver.accepted().size() == head - created)).isTrue();

        registry.deliveries().replay(Deliveries.webhookConsumer("deployer"), created + 1);

        assertThat(await(PATIENCE, () -> receiver.accepted().size() == 2 * (head - created) - 1)).isTrue();
        List<Long> all = sequences(receiver.accepted());
        assertThat(all.subList((int) (head - created), all.size())).isEqualTo(journalAfter(created + 1));
        assertThatThrownBy(() -> registry.deliveries().replay(Deliveries.webhookConsumer("deployer"), head + 1))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.value()).isEqualTo(Long.toString(head + 1)));
    }

    @Test
    void aReplayWhileAnEventIsRetriedMovesDeliveryOnWithoutAPause() {
        registry.deliveries().createWebhook(hook);
        long created = registry.journal().head();
        receiver.always(Answer.status(503));
        startWebhooks(FAST.withUnlimitedAttempts());
        register("fraud");
        String consumer = Deliveries.webhookConsumer("deployer");
        assertThat(await(PATIENCE, () -> registry.deliveries().outcome(consumer, created + 1).isPresent())).isTrue();

        registry.deliveries().replay(consumer, created + 1);

        assertThat(await(PATIENCE, () -> registry.deliveries().outcome(consumer, created + 2).isPresent())).isTrue();
        receiver.recover();
        assertThat(await(PATIENCE, () -> !receiver.accepted().isEmpty())).isTrue();
        assertThat(sequences(receiver.accepted())).containsExactly(created + 2);
        assertThat(registry.deliveries().status(consumer).orElseThrow().paused()).isFalse();
    }

    @Test
    void eventTypesAndModelPatternsSelectWhatIsDeliveredAndTheCursorPassesTheRest() {
        registry.deliveries().createWebhook(hook.withEventTypes("dev.modelregistry.version.stage_changed")
                .withModels("fraud-*"));
        startWebhooks(FAST);
        ModelVersion churn = register("churn");
        registry.transition(churn, Stage.PRODUCTION, "not watched");
        ModelVersion fraud = register("fraud-eu");
        registry.transition(fraud, Stage.PRODUCTION, "watched");
        long head = registry.journal().head();

        assertThat(await(PATIENCE, () -> registry.deliveries().status(Deliveries.webhookConsumer("deployer"))
                .orElseThrow().position() == head)).isTrue();
        assertThat(receiver.accepted()).singleElement().satisfies(r -> {
            assertThat(r.json().get("subject").asText()).isEqualTo("fraud-eu@1");
            assertThat(r.json().get("type").asText()).isEqualTo("dev.modelregistry.version.stage_changed");
        });
    }

    @Test
    void aDisabledSubscriptionKeepsItsCursorAndGoesOnFromItWhenEnabled() {
        registry.deliveries().createWebhook(hook.withEnabled(false));
        long created = registry.journal().head();
        startWebhooks(FAST);
        register("fraud");
        register("fraud");
        sleep(300);
        assertThat(receiver.received()).isEmpty();

        registry.deliveries().updateWebhook(hook.withEnabled(true));
        long head = registry.journal().head();

        assertThat(await(PATIENCE, () -> receiver.accepted().size() == head - created)).isTrue();
        assertThat(sequences(receiver.accepted())).isEqualTo(journalAfter(created));
    }

    @Test
    void twoDispatchersDeliverEachEventOnceAtATimeInOrder() {
        registry.deliveries().createWebhook(hook);
        long created = registry.journal().head();
        Dispatcher a = startWebhooks(FAST);
        Dispatcher b = startWebhooks(FAST);
        assertThat(a.id()).isNotEqualTo(b.id());
        for (int i = 0; i < 20; i++) {
            register("fraud");
        }
        long head = registry.journal().head();

        assertThat(await(PATIENCE, () -> registry.deliveries().status(Deliveries.webhookConsumer("deployer"))
                .orElseThrow().position() == head)).isTrue();
        assertThat(sequences(receiver.accepted())).isEqualTo(journalAfter(created));
        assertThat(receiver.maxConcurrentSenders()).isEqualTo(1);
    }

    @Test
    void creatingChangingAndRemovingASubscriptionIsJournaledWithoutTheSecretOrTheUrlPath() {
        Webhook secretive = hook.withUrl(URI.create(hook.url() + "/T0001/token-in-path"));
        registry.deliveries().createWebhook(secretive);
        Webhook changed = registry.deliveries().updateWebhook(secretive.withModels("fraud*")
                .withSecret(Webhook.to("x", hook.url()).secret()));
        assertThatThrownBy(() -> registry.deliveries().createWebhook(secretive))
                .isInstanceOf(WebhookExistsException.class);
        assertThat(registry.deliveries().webhook("deployer")).contains(changed);
        assertThat(registry.deliveries().removeWebhook("deployer")).isTrue();
        assertThat(registry.deliveries().removeWebhook("deployer")).isFalse();

        List<JournalEntry> entries = registry.journal().after(0, 100);
        assertThat(entries).extracting(JournalEntry::operation)
                .containsExactly("webhook.created", "webhook.updated", "webhook.removed");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.details()).doesNotContain(secretive.secret()).doesNotContain(changed.secret())
                    .doesNotContain("token-in-path");
            assertThat(e.principal()).isEqualTo("carol");
            assertThat(e.model()).isEmpty();
        });
        assertThat(entries.get(1).details()).contains("\"secretChanged\":true").contains("fraud*");
        assertThat(registry.deliveries().webhooks()).isEmpty();
        assertThat(registry.deliveries().status(Deliveries.webhookConsumer("deployer"))).isEmpty();
    }

    @Test
    void badSubscriptionsAreRefusedNamingTheValueAndChangeNothing() {
        Webhook base = Webhook.to("ok", URI.create("https://hooks.example.com/x"));
        List<Supplier<Webhook>> bad = List.of(
                () -> base.withUrl(URI.create("ftp://hooks.example.com/x")),
                () -> base.withUrl(URI.create("file:///etc/passwd")),
                () -> base.withUrl(URI.create("https://user:pass@hooks.example.com/x")),
                () -> base.withUrl(URI.create("http://127.0.0.1:8080/x")),
                () -> base.withUrl(URI.create("http://localhost/x")),
                () -> base.withUrl(URI.create("http://10.1.2.3/x")),
                () -> base.withUrl(URI.create("http://192.168.0.1/x")),
                () -> base.withUrl(URI.create("http://169.254.169.254/latest/meta-data")),
                () -> base.withUrl(URI.create("http://[::1]/x")),
                () -> base.withUrl(URI.create("http://[fd00::1]/x")),
                () -> base.withUrl(URI.create("http://[::ffff:127.0.0.1]/x")),
                () -> base.withUrl(URI.create("http://0.0.0.0/x")),
                () -> base.withSecret("not-a-secret"),
                () -> base.withSecret("whsec_c2hvcnQ="),
                () -> base.withEventTypes("dev.modelregistry.version.exploded"),
                () -> base.withModels("fraud' OR 1=1"),
                () -> new Webhook("../etc", base.url(), base.secret(), base.eventTypes(), base.models(), true, false),
                () -> new Webhook("", base.url(), base.secret(), base.eventTypes(), base.models(), true, false));
        long head = registry.journal().head();
        for (Supplier<Webhook> webhook : bad) {
            Webhook w = webhook.get();
            assertThatThrownBy(() -> registry.deliveries().createWebhook(w)).as("%s", w)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).isNotBlank());
        }
        assertThatThrownBy(() -> registry.deliveries().createWebhook(base.withUrl(URI.create("http://10.1.2.3/x"))))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.value()).isEqualTo("http://10.1.2.3/x"));
        assertThat(registry.deliveries().webhooks()).isEmpty();
        assertThat(registry.journal().head()).isEqualTo(head);
        assertThat(registry.deliveries().createWebhook(base.withUrl(URI.create("http://10.1.2.3/x"))
                .withPrivateAddressesAllowed(true)).name()).isEqualTo("ok");
    }

    @Test
    void aDispatcherWhoseAttemptsCouldOutliveItsLeaseIsRefused() {
        DeliveryOptions risky = FAST.withTimeout(Duration.ofMillis(1500));
        assertThatThrownBy(() -> registry.deliveries().startWebhooks(risky))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo("PT1.5S"));
        assertThatThrownBy(() -> registry.deliveries().start(new RecordingSink("fine", 0), risky))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> registry.deliveries().start(new RecordingSink("not fine", 0), FAST))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo("not fine"));
        assertThat(registry.deliveries().status(Deliveries.sinkConsumer("fine"))).isEmpty();
    }

    @Test
    void aSinkGetsEveryEventFromItsStoredCursorAcrossRestartsAndFailuresAreRetried() {
        RecordingSink sink = new RecordingSink("audit-log", 2);
        long start = registry.journal().head();
        Dispatcher first = registry.deliveries().start(sink, FAST);
        register("fraud");
        register("churn");
        long before = registry.journal().head();
        assertThat(await(PATIENCE, () -> sink.delivered().size() == before - start)).isTrue();
        first.close();
        assertThat(sink.closed).isTrue();

        register("fraud");
        RecordingSink again = new RecordingSink("audit-log", 0);
        Dispatcher second = registry.deliveries().start(again, FAST);
        opened.add(0, second);

        long head = registry.journal().head();
        assertThat(await(PATIENCE, () -> again.delivered().size() == head - before)).isTrue();
        assertThat(sink.delivered()).isEqualTo(journalAfter(start).subList(0, (int) (before - start)));
        assertThat(again.delivered()).isEqualTo(journalAfter(before));
        assertThat(registry.deliveries().log(Deliveries.sinkConsumer("audit-log"), start, 100))
                .extracting(DeliveryAttempt::outcome).startsWith(DeliveryAttempt.Outcome.RETRYING,
                        DeliveryAttempt.Outcome.RETRYING, DeliveryAttempt.Outcome.DELIVERED);
    }

    @Test
    void anAnswerThatTricklesPastTheTimeoutIsTimedOutBeforeAnotherDispatcherCouldTakeTheLease() {
        registry.deliveries().createWebhook(hook);
        // The status comes at once, the body takes longer than the lease: without a bound on the
        // whole attempt the other dispatcher would take the lease and send the event meanwhile.
        receiver.then(Answer.trickle(FAST.lease().multipliedBy(2)));
        startWebhooks(FAST);
        startWebhooks(FAST);
        long sequence = registry.journal().head() + 1;
        register("fraud");
        String consumer = Deliveries.webhookConsumer("deployer");

        assertThat(await(PATIENCE, () -> registry.deliveries().outcome(consumer, sequence)
                .filter(a -> a.outcome() == DeliveryAttempt.Outcome.DELIVERED).isPresent())).isTrue();
        List<DeliveryAttempt> log = registry.deliveries().log(consumer, sequence - 1, 100).stream()
                .filter(a -> a.sequence() == sequence).toList();
        assertThat(log).extracting(DeliveryAttempt::attempt).containsExactly(1, 2);
        assertThat(log).extracting(DeliveryAttempt::outcome).containsExactly(DeliveryAttempt.Outcome.RETRYING,
                DeliveryAttempt.Outcome.DELIVERED);
        assertThat(log.get(0).error()).contains("timed out");
        assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::sequence).startsWith(sequence)
                .doesNotHaveDuplicates();
    }

    @Test
    void closingTheRegistryStopsItsDispatchers() {
        registry.deliveries().createWebhook(hook);
        startWebhooks(FAST);
        registry.close();
        int before = receiver.received().size();
        sleep(200);
        assertThat(receiver.received()).hasSize(before);
        assertThatThrownBy(() -> registry.deliveries()).isInstanceOf(IllegalStateException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A sink that fails its first {@code failures} sends, then records the sequences it is sent. */
    private static final class RecordingSink implements EventSink {
        private final String name;
        private int failures;
        private final List<Long> delivered = new ArrayList<>();
        volatile boolean closed;

        RecordingSink(String name, int failures) {
            this.name = name;
            this.failures = failures;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public synchronized SendResult send(RegistryEvent event) {
            if (failures-- > 0) {
                return SendResult.retry(0, "the log is not there yet", null);
            }
            delivered.add(event.sequence());
            return SendResult.delivered(0);
        }

        synchronized List<Long> delivered() {
            return List.copyOf(delivered);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
