package dev.modelregistry.core;

import dev.modelregistry.events.ConsumerStatus;
import dev.modelregistry.events.DeliveryAttempt;
import dev.modelregistry.events.DeliveryOptions;
import dev.modelregistry.events.EventSink;
import dev.modelregistry.events.RegistryEvent;
import dev.modelregistry.events.SendResult;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.spi.MetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the journal to one consumer under its lease, in sequence order, at least once: takes
 * the lease, reads events after the stored cursor, sends each matching one until the sink has it,
 * logs every attempt, and moves the cursor only past events the sink has (or that do not match),
 * a batch of them at a time.
 * A cursor move that fails (the lease was lost, or an operator moved the cursor) ends the round;
 * the next round starts again from what is stored. Runs on its own thread.
 */
final class ConsumerWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerWorker.class);
    private static final int BATCH = 200;
    static final int ERROR_LENGTH = 2000;
    private static final int FLUSH_EVENTS = 100;
    private static final long FLUSH_MILLIS = 200;
    private static final long FLUSH_NANOS = FLUSH_MILLIS * 1_000_000;

    /** What every worker of one dispatcher shares. */
    record Context(MetadataStore store, Listeners listeners, String source, Clock clock, DeliveryOptions options,
                   String holder, Stopper stopper) {
    }

    private final Context context;
    private final String consumer;
    private final EventSink sink;
    private final BooleanSupplier exists;
    private final BooleanSupplier active;
    private final Function<RegistryEvent, Verdict> verdict;
    private Instant leaseUntil = Instant.MIN;
    /** The stored cursor as this worker last wrote or read it. */
    private long stored;
    /** The last event this round delivered or passed over; the cursor moves here at the next flush. */
    private long passed;
    /** Deliveries not yet logged. */
    private final List<DeliveryAttempt> delivered = new ArrayList<>();
    private long flushBy;

    /** What to do with one event. */
    enum Verdict {
        /** Send it. */
        DELIVER,
        /** Not for this consumer: move the cursor past it. */
        PASS,
        /** Stop before it, cursor and all (the subscription was disabled or removed meanwhile). */
        STOP
    }

    /**
     * @param exists  whether the consumer still exists; the worker ends when it does not
     * @param active  whether to deliver now (a disabled webhook is not active; its lease is let go)
     * @param verdict what to do with an event, decided on one reading of the consumer's settings
     */
    ConsumerWorker(Context context, String consumer, EventSink sink, BooleanSupplier exists, BooleanSupplier active,
                   Function<RegistryEvent, Verdict> verdict) {
        this.exists = exists;
        this.context = context;
        this.consumer = consumer;
        this.sink = sink;
        this.active = active;
        this.verdict = verdict;
    }

    @Override
    public void run() {
        try {
            while (context.stopper().running() && exists.getAsBoolean()) {
                long wait;
                try {
                    wait = round();
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    LOG.warn("Delivery to {} failed; trying again after {}", consumer, context.options().pollInterval(),
                            e);
                    leaseUntil = Instant.MIN;
                    wait = context.options().pollInterval().toMillis();
                }
                if (wait > 0) {
                    idle(wait);
                }
            }
        } finally {
            try {
                context.store().release(consumer, context.holder());
            } catch (RuntimeException e) {
                LOG.debug("Could not release the lease of {}; it ends by itself", consumer, e);
            }
        }
    }

    /**
     * One round of delivery; returns how long to wait before the next: nothing after a round that
     * delivered, a poll interval when there was nothing new, a third of a lease when another
     * dispatcher holds it or the consumer is paused or disabled.
     */
    private long round() {
        MetadataStore store = context.store();
        long poll = context.options().pollInterval().toMillis();
        long aside = Math.max(poll, context.options().lease().toMillis() / 3);
        if (!active.getAsBoolean()) {
            letGo();
            return aside;
        }
        Optional<ConsumerStatus> leased = current();
        if (leased.isEmpty()) {
            return aside;
        }
        if (leased.get().paused()) {
            letGo();
            return aside;
        }
        stored = leased.get().position();
        passed = stored;
        delivered.clear();
        long commits = context.listeners().commits();
        List<JournalEntry> entries = store.journal(stored, BATCH);
        if (entries.isEmpty()) {
            awaitCommit(commits);
            return 0;
        }
        flushBy = System.nanoTime() + FLUSH_NANOS;
        for (JournalEntry entry : entries) {
            if (!context.stopper().running()) {
                break;
            }
            RegistryEvent event = Events.of(entry, context.source());
            Verdict v = verdict.apply(event);
            if (v == Verdict.STOP) {
                break;
            }
            if (v == Verdict.DELIVER && !deliver(event)) {
                return 0;
            }
            passed = entry.sequence();
            if ((delivered.size() >= FLUSH_EVENTS || System.nanoTime() - flushBy > 0) && !flush()) {
                return 0;
            }
        }
        flush();
        return 0;
    }

    /**
     * The consumer's state if this worker holds its lease: read while the lease has time left
     * (an operator may have moved the cursor or paused it), renewed otherwise; empty if another
     * dispatcher holds it.
     */
    private Optional<ConsumerStatus> current() {
        if (leaseHasTime()) {
            Optional<ConsumerStatus> read = context.store().consumer(consumer)
                    .filter(c -> c.leaseHolder().filter(context.holder()::equals).isPresent());
            if (read.isPresent()) {
                return read;
            }
        }
        return renew();
    }

    private void letGo() {
        if (!leaseUntil.equals(Instant.MIN)) {
            context.store().release(consumer, context.holder());
            leaseUntil = Instant.MIN;
        }
    }

    /**
     * Stores what this round delivered: the log of the deliveries since the last flush, then the
     * cursor past them. Deferring it to every {@value #FLUSH_EVENTS} events or
     * {@value #FLUSH_MILLIS} ms saves two writes per event; a crash before a flush means those
     * events are delivered again, never that one is skipped. False if the cursor could not move
     * (the lease was lost, or an operator moved the cursor).
     */
    private boolean flush() {
        flushBy = System.nanoTime() + FLUSH_NANOS;
        if (!delivered.isEmpty()) {
            context.store().record(List.copyOf(delivered));
            delivered.clear();
        }
        if (passed == stored) {
            return true;
        }
        boolean moved = context.store().advance(consumer, context.holder(), context.clock().instant(), stored, passed);
        if (!moved) {
            LOG.debug("The cursor of {} was not at {} or its lease was lost; reading it again", consumer, stored);
            leaseUntil = Instant.MIN;
            return false;
        }
        stored = passed;
        return true;
    }

    /** Sends one event until the sink has it; false if the consumer was paused or the lease lost. */
    private boolean deliver(RegistryEvent event) {
        DeliveryOptions options = context.options();
        for (int attempt = 1; ; attempt++) {
            if (!holdsLease()) {
                return false;
            }
            Instant at = context.clock().instant();
            long start = System.nanoTime();
            SendResult result;
            try {
                result = sink.send(event);
            } catch (RuntimeException e) {
                result = SendResult.retry(0, e.toString(), null);
            }
            long latency = (System.nanoTime() - start) / 1_000_000;
            if (result.isDelivered()) {
                delivered.add(new DeliveryAttempt(consumer, event.sequence(), attempt, at, result.status(), latency,
                        "", DeliveryAttempt.Outcome.DELIVERED));
                return true;
            }
            // A failure is logged at once, after what was delivered before it, and the cursor stops before it.
            if (!flush()) {
                return false;
            }
            boolean last = result.outcome() == SendResult.Outcome.REFUSED || attempt >= options.maxAttempts();
            context.store().record(new DeliveryAttempt(consumer, event.sequence(), attempt, at, result.status(),
                    latency, truncate(result.error()),
                    last ? DeliveryAttempt.Outcome.FAILED : DeliveryAttempt.Outcome.RETRYING));
            if (last) {
                String reason = "event " + event.sequence() + (result.outcome() == SendResult.Outcome.REFUSED
                        ? " was refused: " : " failed " + attempt + " attempts, the last: ") + result.error();
                LOG.warn("Paused delivery to {}: {}", consumer, reason);
                context.store().pause(consumer, context.holder(), context.clock().instant(), stored, truncate(reason));
                leaseUntil = Instant.MIN;
                return false;
            }
            if (!waitBeforeRetry(backoff(attempt, result.retryAfter()))) {
                return false;
            }
        }
    }

    /** Exponential backoff with jitter (half to all of the doubled wait), or the receiver's Retry-After; never above the maximum. */
    Duration backoff(int attempt, Optional<Duration> retryAfter) {
        DeliveryOptions options = context.options();
        long max = options.maxBackoff().toMillis();
        if (retryAfter.isPresent()) {
            return Duration.ofMillis(Math.min(retryAfter.get().toMillis(), max));
        }
        long base = Math.min(max, options.initialBackoff().toMillis() << Math.min(attempt - 1, 30));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    /** Waits, renewing the lease meanwhile; false if stopped or the lease was lost. */
    private boolean waitBeforeRetry(Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        long slice = Math.max(1, context.options().lease().toMillis() / 3);
        while (context.stopper().running()) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return true;
            }
            idle(Math.min(left, slice));
            if (!holdsLease()) {
                return false;
            }
        }
        return false;
    }

    /**
     * Renews the lease when a third of it is gone; false if it was lost, or the consumer was paused
     * or its cursor moved by an operator meanwhile (the round then ends and starts again from what
     * is stored).
     */
    private boolean holdsLease() {
        if (leaseHasTime()) {
            return true;
        }
        return renew().filter(c -> !c.paused() && c.position() == stored).isPresent();
    }

    private boolean leaseHasTime() {
        Duration lease = context.options().lease();
        return context.clock().instant().plus(lease.multipliedBy(2).dividedBy(3)).isBefore(leaseUntil);
    }

    private Optional<ConsumerStatus> renew() {
        Instant now = context.clock().instant();
        Instant until = now.plus(context.options().lease());
        Optional<ConsumerStatus> leased = context.store().lease(consumer, context.holder(), now, until);
        leaseUntil = leased.isPresent() ? until : Instant.MIN;
        return leased;
    }

    private void awaitCommit(long seen) {
        try {
            context.listeners().awaitCommit(context.options().pollInterval().toMillis(), seen);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void idle(long millis) {
        context.stopper().sleep(millis);
    }

    static String truncate(String text) {
        return text.length() <= ERROR_LENGTH ? text : text.substring(0, ERROR_LENGTH - 1) + "…";
    }
}
