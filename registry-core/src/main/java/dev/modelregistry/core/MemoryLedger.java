package dev.modelregistry.core;

import dev.modelregistry.events.ConsumerStatus;
import dev.modelregistry.events.DeliveryAttempt;
import dev.modelregistry.spi.DeliveryLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The delivery ledger of an {@link InMemoryMetadataStore}. Thread-safe: every method is synchronized. */
final class MemoryLedger implements DeliveryLedger {

    private final Map<String, ConsumerStatus> consumers = new HashMap<>();
    private final Map<String, List<DeliveryAttempt>> attempts = new HashMap<>();

    @Override
    public synchronized boolean create(String consumer, long position) {
        return consumers.putIfAbsent(consumer, new ConsumerStatus(consumer, position, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty())) == null;
    }

    @Override
    public synchronized Optional<ConsumerStatus> lease(String consumer, String holder, Instant now, Instant until) {
        ConsumerStatus c = consumers.get(consumer);
        if (c == null || heldByOther(c, holder, now)) {
            return Optional.empty();
        }
        ConsumerStatus leased = new ConsumerStatus(consumer, c.position(), Optional.of(holder),
                Optional.of(InMemoryMetadataStore.millis(until)), c.pausedReason(), c.pausedAt());
        consumers.put(consumer, leased);
        return Optional.of(leased);
    }

    @Override
    public synchronized boolean advance(String consumer, String holder, Instant now, long from, long to) {
        ConsumerStatus c = held(consumer, holder, now, from);
        if (c == null) {
            return false;
        }
        consumers.put(consumer, new ConsumerStatus(consumer, to, c.leaseHolder(), c.leaseUntil(), c.pausedReason(),
                c.pausedAt()));
        return true;
    }

    @Override
    public synchronized boolean pause(String consumer, String holder, Instant now, long position, String reason) {
        ConsumerStatus c = held(consumer, holder, now, position);
        if (c == null) {
            return false;
        }
        consumers.put(consumer, new ConsumerStatus(consumer, position, Optional.empty(), Optional.empty(),
                Optional.of(reason), Optional.of(InMemoryMetadataStore.millis(now))));
        return true;
    }

    @Override
    public synchronized void release(String consumer, String holder) {
        ConsumerStatus c = consumers.get(consumer);
        if (c != null && c.leaseHolder().filter(holder::equals).isPresent()) {
            consumers.put(consumer, new ConsumerStatus(consumer, c.position(), Optional.empty(), Optional.empty(),
                    c.pausedReason(), c.pausedAt()));
        }
    }

    @Override
    public synchronized Optional<ConsumerStatus> consumer(String consumer) {
        return Optional.ofNullable(consumers.get(consumer));
    }

    @Override
    public synchronized Optional<ConsumerStatus> resume(String consumer, long position) {
        ConsumerStatus c = consumers.get(consumer);
        if (c == null) {
            return Optional.empty();
        }
        ConsumerStatus resumed = new ConsumerStatus(consumer, position < 0 ? c.position() : position, c.leaseHolder(),
                c.leaseUntil(), Optional.empty(), Optional.empty());
        consumers.put(consumer, resumed);
        return Optional.of(resumed);
    }

    @Override
    public synchronized void forget(String consumer) {
        consumers.remove(consumer);
        attempts.remove(consumer);
    }

    @Override
    public synchronized void record(List<DeliveryAttempt> logged) {
        for (DeliveryAttempt attempt : logged) {
            attempts.computeIfAbsent(attempt.consumer(), k -> new ArrayList<>())
                    .add(new DeliveryAttempt(attempt.consumer(), attempt.sequence(), attempt.attempt(),
                            InMemoryMetadataStore.millis(attempt.at()), attempt.status(), attempt.latencyMillis(),
                            attempt.error(), attempt.outcome()));
        }
    }

    @Override
    public synchronized List<DeliveryAttempt> attempts(String consumer, long afterSequence, int limit) {
        return attempts.getOrDefault(consumer, List.of()).stream().filter(a -> a.sequence() > afterSequence)
                .sorted(Comparator.comparingLong(DeliveryAttempt::sequence)).limit(limit).toList();
    }

    @Override
    public synchronized Optional<DeliveryAttempt> lastAttempt(String consumer, long sequence) {
        List<DeliveryAttempt> list = attempts.getOrDefault(consumer, List.of());
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).sequence() == sequence) {
                return Optional.of(list.get(i));
            }
        }
        return Optional.empty();
    }

    synchronized void clear() {
        consumers.clear();
        attempts.clear();
    }

    private ConsumerStatus held(String consumer, String holder, Instant now, long position) {
        ConsumerStatus c = consumers.get(consumer);
        boolean holds = c != null && c.position() == position && c.leaseHolder().filter(holder::equals).isPresent()
                && c.leaseUntil().filter(now::isBefore).isPresent();
        return holds ? c : null;
    }

    private static boolean heldByOther(ConsumerStatus c, String holder, Instant now) {
        return c.leaseHolder().filter(h -> !h.equals(holder)).isPresent()
                && c.leaseUntil().filter(now::isBefore).isPresent();
    }
}
