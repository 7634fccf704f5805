package dev.modelregistry.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to deliver one event to one consumer (a webhook or a sink), as the delivery log
 * records it. The last attempt for an event holds the event's outcome.
 *
 * @param consumer      {@code webhook:<name>} or {@code sink:<name>}
 * @param sequence      the event's journal sequence
 * @param attempt       1 for the first attempt of this delivery round, then one more per retry
 * @param at            when the attempt started
 * @param status        the receiver's status code, or 0 if there was none (a connection error)
 * @param latencyMillis how long the attempt took
 * @param error         what went wrong, empty if it was delivered
 * @param outcome       delivered; failed and retried later; or failed, pausing the consumer
 */
public record DeliveryAttempt(String consumer, long sequence, int attempt, Instant at, int status,
                              long latencyMillis, String error, Outcome outcome) {

    /** What an attempt came to. */
    public enum Outcome {
        /** The receiver has the event. */
        DELIVERED,
        /** It failed; another attempt follows after a backoff. */
        RETRYING,
        /** It failed and the consumer was paused: too many attempts, or a refusal. */
        FAILED
    }

    public DeliveryAttempt {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(outcome, "outcome");
    }
}
