package dev.modelregistry.embedded;

import static dev.modelregistry.testkit.WebhookReceiver.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.Registry;
import dev.modelregistry.events.ConsumerStatus;
import dev.modelregistry.events.Deliveries;
import dev.modelregistry.events.Webhook;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.testkit.WebhookReceiver;
import dev.modelregistry.testkit.WebhookReceiver.Answer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook delivery by separate JVMs ({@link DeliveryChild}), killed with SIGKILL while they
 * deliver to a real, slow receiver on 127.0.0.1. The test process commits the changes; the
 * children only deliver. What every backend promises: after a kill the next dispatcher goes on
 * from the stored cursor, so every event arrives, first arrivals are in journal order, and the
 * only events sent twice are the last ones the killed process sent, after its last cursor move; with two processes delivering
 * at once, one request is in flight at a time, and when the lease holder dies the other process
 * takes over within a few lease durations. Subclasses say which backend.
 */
abstract class DeliveryProcessesContract {

    private static final String HOOK = "deployer";
    private static final String CONSUMER = Deliveries.webhookConsumer(HOOK);
    private static final Duration LEASE = DeliveryChild.OPTIONS.lease();
    /** Slow enough that a kill lands mid-stream, fast enough that 200 events take seconds. */
    private static final Answer SLOW = Answer.slow(Duration.ofMillis(15));
    private static final Duration PATIENCE = Duration.ofSeconds(Child.PATIENCE_SECONDS);
    /** A dispatcher moves the cursor after at most this many deliveries (or 200 ms). */
    private static final int CURSOR_EVERY = 100;

    @TempDir
    Path dir;

    private final List<Child> children = new ArrayList<>();
    private Registry registry;
    private WebhookReceiver receiver;

    /** The registry under test, new and empty for each test. */
    protected abstract Backend backend();

    /**
     * How long the database itself may take to serve the other processes after a process is
     * killed, beyond the delivery lease; none for a database server.
     */
    protected Duration databaseTakeover() {
        return Duration.ZERO;
    }

    /** Runs after the children are gone, for example to drop a schema they used. */
    protected void afterChildren() {
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        try {
            for (Child child : children) {
                child.killIfAlive();
            }
            printWarnings();
            if (registry != null) {
                registry.close();
            }
            if (receiver != null) {
                receiver.close();
            }
        } finally {
            afterChildren();
        }
    }

    @Test
    void aDeliveringProcessKilledMidStreamIsReplacedAndEveryEventArrivesInOrder() throws Exception {
        // Started first, so that with the embedded backend the process killed hosts the database.
        Child first = startDeliverer("deliverer-0");
        long created = subscribe();
        Committer committer = Committer.start(registry, 200);

        assertThat(await(PATIENCE, () -> receiver.accepted().size() >= 60)).as("60 events delivered").isTrue();
        first.kill();
        // Its last request, if the receiver got it whole, is answered and recorded.
        assertThat(await(PATIENCE, () -> receiver.inFlight() == 0)).as("no request in flight").isTrue();
        int beforeRestart = receiver.received().size();
        Child second = startDeliverer("deliverer-1");
        long head = committer.await();

        assertThat(await(PATIENCE, () -> status().position() == head)).as("delivered up to %s", head).isTrue();
        List<Long> received = sequences(receiver.received());
        List<Long> journal = journalAfter(created);
        assertThat(receiver.received()).allSatisfy(r -> {
            assertThat(r.verified()).as("signature of %s", r.id()).isTrue();
            assertThat(r.answered()).isEqualTo(200);
        });
        List<Long> repeated = checkOneRestart(received, journal);
        second.checkNoError();
        System.out.printf("%s: killed after %d of %d events; %d requests, %d sent again: %s%n",
                backend(), beforeRestart, journal.size(), received.size(), repeated.size(), repeated);
    }

    @Test
    void twoDeliveringProcessesSendOneRequestAtATimeAndTheOtherTakesOverWhenTheHolderIsKilled() throws Exception {
        Child a = startDeliverer("deliverer-a");
        Child b = startDeliverer("deliverer-b");
        Map<String, Child> byDispatcher = new HashMap<>();
        byDispatcher.put(dispatcherId(a), a);
        byDispatcher.put(dispatcherId(b), b);
        long created = subscribe();
        Committer committer = Committer.start(registry, 150);

        assertThat(await(PATIENCE, () -> receiver.accepted().size() >= 40)).as("40 events delivered").isTrue();
        AtomicReference<String> holder = new AtomicReference<>();
        assertThat(await(PATIENCE, () -> {
            holder.set(status().leaseHolder().orElse(null));
            return holder.get() != null;
        })).as("a lease holder").isTrue();
        Child victim = byDispatcher.get(holder.get());
        assertThat(victim).as("the holder %s is one of %s", holder.get(), byDispatcher.keySet()).isNotNull();
        Child survivor = victim == a ? b : a;
        String survivorId = victim == a ? dispatcherId(b) : dispatcherId(a);
        int sendersBefore = receiver.maxConcurrentSenders();
        victim.kill();
        long killed = System.nanoTime();

        // With the embedded backend the victim may have hosted the database: then this process
        // reads the status only after H2 handed the database over, which adds its own seconds.
        assertThat(await(PATIENCE, () -> status().leaseHolder().filter(survivorId::equals).isPresent()))
                .as("%s takes the lease", survivorId).isTrue();
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        long head = committer.await();
        assertThat(await(PATIENCE, () -> status().position() == head)).as("delivered up to %s", head).isTrue();

        List<Long> received = sequences(receiver.received());
        assertThat(sendersBefore).as("dispatchers with requests in flight at once while both delivered").isEqualTo(1);
        assertThat(receiver.maxConcurrentSenders()).as("dispatchers with requests in flight at once").isEqualTo(1);
        List<Long> repeated = checkOneRestart(received, journalAfter(created));
        assertThat(receiver.received()).allSatisfy(r -> assertThat(r.verified()).isTrue());
        // Generous for a busy machine: the dead holder's lease runs out at most one lease after the kill.
        assertThat(takeover).as("takeover after the kill")
                .isLessThan(LEASE.multipliedBy(4).plus(databaseTakeover()));
        System.out.printf("%s: killed %s, the lease holder; %s held the lease %d ms later; %d requests for %d"
                        + " events, %d sent again: %s%n", backend(), victim.name(), survivor.name(), takeover.toMillis(),
                received.size(), head - created, repeated.size(), repeated);

        survivor.closeInput();
        survivor.awaitSuccess();
        assertThat(status().leaseHolder()).as("released on close").isEmpty();
    }

    /**
     * Starts a delivering child and waits until its dispatcher runs; opens the test's own registry
     * after the first child opened its own.
     */
    private Child startDeliverer(String name) throws Exception {
        Child child = Child.start(DeliveryChild.class, name, backend(), dir.resolve("logs"));
        children.add(child);
        child.awaitLines(l -> l.startsWith("DISPATCHER "), 1, "start delivering");
        if (registry == null) {
            registry = backend().open("carol");
        }
        return child;
    }

    /** What the delivery log and the receiver say about these events, for a failure message. */
    private String attempts(List<Long> sequences) {
        StringBuilder text = new StringBuilder();
        for (long s : sequences) {
            text.append("\n  ").append(s).append(" logged ")
                    .append(registry.deliveries().log(CONSUMER, s - 1, 20).stream().filter(a -> a.sequence() == s)
                            .map(a -> a.attempt() + ":" + a.outcome() + "@" + a.at() + " " + a.error()).toList())
                    .append(" received at ").append(receiver.received().stream().filter(r -> r.sequence() == s)
                            .map(WebhookReceiver.Received::at).toList());
        }
        return text.toString();
    }

    /** The children's warnings (their standard error), in the test's output. */
    private void printWarnings() {
        for (Child child : children) {
            Path err = dir.resolve("logs").resolve(child.name() + ".err");
            try {
                if (Files.exists(err) && Files.size(err) > 0) {
                    System.out.printf("--- %s standard error ---%n%s", child.name(), Files.readString(err));
                }
            } catch (IOException e) {
                System.out.printf("--- %s standard error unreadable: %s%n", child.name(), e);
            }
        }
    }

    private static String dispatcherId(Child child) {
        return child.lines().stream().filter(l -> l.startsWith("DISPATCHER ")).findFirst().orElseThrow()
                .substring("DISPATCHER ".length());
    }

    /** Subscribes a slow receiver; returns the journal's head after the subscription. */
    private long subscribe() {
        Webhook hook = Webhook.to(HOOK, URI.create("http://127.0.0.1:1/unused")).withPrivateAddressesAllowed(true);
        receiver = new WebhookReceiver(hook.secret()).always(SLOW);
        registry.deliveries().createWebhook(hook.withUrl(receiver.url(HOOK)));
        return registry.journal().head();
    }

    private ConsumerStatus status() {
        return registry.deliveries().status(CONSUMER).orElseThrow();
    }

    private List<Long> journalAfter(long sequence) {
        List<Long> sequences = new ArrayList<>();
        for (List<JournalEntry> page; !(page = registry.journal().after(sequence, 500)).isEmpty(); ) {
            page.forEach(e -> sequences.add(e.sequence()));
            sequence = page.get(page.size() - 1).sequence();
        }
        return sequences;
    }

    private static List<Long> sequences(List<WebhookReceiver.Received> received) {
        return received.stream().map(WebhookReceiver.Received::sequence).toList();
    }

    /**
     * Checks the receipts around one kill, and returns the events received twice. First arrivals
     * are in journal order; the receipts rise, except for at most one step back, where the next
     * dispatcher started again from the stored cursor; and what it sent again are, in the same
     * order, the events received just before: those the killed one delivered after it last moved
     * the cursor (which it does at least every {@value #CURSOR_EVERY} events).
     */
    private List<Long> checkOneRestart(List<Long> received, List<Long> journal) {
        assertThat(new ArrayList<>(new LinkedHashSet<>(received))).as("first arrivals").isEqualTo(journal);
        List<Integer> stepsBack = new ArrayList<>();
        for (int i = 1; i < received.size(); i++) {
            if (received.get(i) <= received.get(i - 1)) {
                stepsBack.add(i);
            }
        }
        assertThat(stepsBack).as("receipts where the sequence steps back, in %s", received)
                .hasSizeLessThanOrEqualTo(1);
        if (stepsBack.isEmpty()) {
            return List.of();
        }
        int restart = stepsBack.get(0);
        int again = restart - received.subList(0, restart).indexOf(received.get(restart));
        List<Long> before = received.subList(restart - again, restart);
        assertThat(received.subList(restart, Math.min(received.size(), restart + again)))
                .as(() -> "sent again after the restart: " + attempts(before)).isEqualTo(before);
        assertThat(again).as("events sent again").isLessThanOrEqualTo(CURSOR_EVERY);
        return before;
    }

    /** Registers versions from a thread of the test process while the children deliver. */
    private static final class Committer {
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Registry registry;

        private Committer(Registry registry, int count) {
            this.registry = registry;
            this.thread = new Thread(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        registry.register("fraud-" + (i % 3)).content("model.bin", ("item " + i).getBytes())
                                .param("item", Integer.toString(i)).commit();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "committer");
        }

        static Committer start(Registry registry, int count) {
            Committer c = new Committer(registry, count);
            c.thread.start();
            return c;
        }

        /** Waits for the last commit; returns the journal's head then. */
        long await() throws InterruptedException {
            thread.join(PATIENCE.toMillis());
            assertThat(thread.isAlive()).as("the committer finished").isFalse();
            assertThat(failure.get()).as("a commit failed").isNull();
            return registry.journal().head();
        }
    }
}
