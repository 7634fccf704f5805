package dev.modelregistry.events;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one attempt to send an event came to.
 *
 * @param outcome    delivered, worth retrying, or refused by the receiver
 * @param status     the receiver's status code (HTTP), or 0 where there is none
 * @param error      what went wrong, empty when delivered
 * @param retryAfter how long the receiver asked to wait before the next attempt, if it said
 */
public record SendResult(Outcome outcome, int status, String error, Optional<Duration> retryAfter) {

    /** The kinds of outcome. */
    public enum Outcome {
        /** The receiver has the event. */
        DELIVERED,
        /** It failed in a way that may pass: a lost connection, a timeout, an overloaded receiver. */
        RETRY,
        /** The receiver refused the event; trying again will not help, so the consumer is paused. */
        REFUSED
    }

    public SendResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** Delivered, with the receiver's status code (0 if none). */
    public static SendResult delivered(int status) {
        return new SendResult(Outcome.DELIVERED, status, "", Optional.empty());
    }

    /** A failure worth retrying. */
    public static SendResult retry(int status, String error, Duration retryAfter) {
        return new SendResult(Outcome.RETRY, status, error, Optional.ofNullable(retryAfter));
    }

    /** A refusal that retrying will not change. */
    public static SendResult refused(int status, String error) {
        return new SendResult(Outcome.REFUSED, status, error, Optional.empty());
    }

    /** Whether the event was delivered. */
    public boolean isDelivered() {
        return outcome == Outcome.DELIVERED;
    }
}
