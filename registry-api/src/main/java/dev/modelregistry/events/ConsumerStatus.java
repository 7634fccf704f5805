package dev.modelregistry.events;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a consumer (a webhook or a sink) stands: the stored cursor, who delivers for it, and
 * whether it is paused.
 *
 * @param consumer     {@code webhook:<name>} or {@code sink:<name>}
 * @param position     the sequence of the last event delivered (or skipped as not matching)
 * @param leaseHolder  the dispatcher that holds the delivery lease, if one does
 * @param leaseUntil   when that lease ends unless renewed, if one is held
 * @param pausedReason why delivery is paused, if it is
 * @param pausedAt     when it was paused, if it is
 */
public record ConsumerStatus(String consumer, long position, Optional<String> leaseHolder,
                             Optional<Instant> leaseUntil, Optional<String> pausedReason, Optional<Instant> pausedAt) {

    public ConsumerStatus {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(leaseHolder, "leaseHolder");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(pausedReason, "pausedReason");
        Objects.requireNonNull(pausedAt, "pausedAt");
    }

    /** Whether delivery is paused. */
    public boolean paused() {
        return pausedReason.isPresent();
    }
}
