package dev.modelregistry.events;

import java.time.Duration;
import java.util.Objects;

/**
 * How a dispatcher delivers: attempts and backoff, timeouts, and its lease. Start from
 * {@link #defaults()} and change with the {@code with} methods.
 *
 * @param maxAttempts    attempts per event before the consumer is paused (at least 1)
 * @param initialBackoff the wait after the first failed attempt; it doubles per attempt, with
 *                       jitter, up to {@code maxBackoff}; a receiver's {@code Retry-After} wins
 *                       (up to {@code maxBackoff})
 * @param maxBackoff     the longest wait between attempts
 * @param timeout        how long one attempt may take, connecting and reading the answer
 *                       included; a dispatcher refuses to start unless it is at most two thirds of
 *                       {@code lease}
 * @param lease          how long the delivery lease lasts unless renewed; another process takes a
 *                       consumer over at most this long after its dispatcher died. A sink's
 *                       {@code send} must end within two thirds of it
 * @param pollInterval   how often to look for new events committed by other processes (events of
 *                       this process are seen at once)
 */
public record DeliveryOptions(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration timeout,
                              Duration lease, Duration pollInterval) {

    public DeliveryOptions {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + " must be at least 1");
        }
        positive("initialBackoff", initialBackoff);
        positive("maxBackoff", maxBackoff);
        positive("timeout", timeout);
        positive("pollInterval", pollInterval);
        if (lease.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("lease " + lease + " must be at least 300 ms");
        }
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " " + d + " must be positive");
        }
    }

    /**
     * 8 attempts (1 to 2 minutes of waits between them), backoff from 1 s doubling up to 2
     * minutes, 10 s per attempt, a 30 s lease, polling every 200 ms.
     */
    public static DeliveryOptions defaults() {
        return new DeliveryOptions(8, Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofMillis(200));
    }

    /** With another number of attempts per event. */
    public DeliveryOptions withMaxAttempts(int maxAttempts) {
        return new DeliveryOptions(maxAttempts, initialBackoff, maxBackoff, timeout, lease, pollInterval);
    }

    /**
     * With attempts that never run out: a consumer is paused only by a refusal. For a sink such as
     * a message broker, so that an outage of any length ends with every event published.
     */
    public DeliveryOptions withUnlimitedAttempts() {
        return withMaxAttempts(Integer.MAX_VALUE);
    }

    /** With other backoff bounds. */
    public DeliveryOptions withBackoff(Duration initial, Duration max) {
        return new DeliveryOptions(maxAttempts, initial, max, timeout, lease, pollInterval);
    }

    /** With another timeout per attempt. */
    public DeliveryOptions withTimeout(Duration timeout) {
        return new DeliveryOptions(maxAttempts, initialBackoff, maxBackoff, timeout, lease, pollInterval);
    }

    /** With another lease duration. */
    public DeliveryOptions withLease(Duration lease) {
        return new DeliveryOptions(maxAttempts, initialBackoff, maxBackoff, timeout, lease, pollInterval);
    }

    /** With another poll interval. */
    public DeliveryOptions withPollInterval(Duration pollInterval) {
        return new DeliveryOptions(maxAttempts, initialBackoff, maxBackoff, timeout, lease, pollInterval);
    }
}
