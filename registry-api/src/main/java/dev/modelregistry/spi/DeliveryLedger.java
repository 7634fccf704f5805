package dev.modelregistry.spi;

import dev.modelregistry.events.ConsumerStatus;
import dev.modelregistry.events.DeliveryAttempt;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state of event delivery, stored beside the metadata but outside the journal (recording a
 * delivery must not itself be an event): per consumer a cursor, a lease and a pause, and the log
 * of delivery attempts. A lease is held by one dispatcher at a time; every write that moves a
 * cursor names the holder and the position it read, so a dispatcher that lost its lease, or
 * whose cursor an operator moved, changes nothing.
 *
 * <p>Implementations must be thread-safe, and safe against other processes where the store is
 * {@link Capability#SHARED_BETWEEN_PROCESSES}. Instants are stored with millisecond precision.
 */
public interface DeliveryLedger {

    /**
     * Creates {@code consumer} with its cursor at {@code position}, not paused and not leased, if
     * it does not exist.
     *
     * @return whether it was created (false: it existed, and is unchanged)
     */
    boolean create(String consumer, long position);

    /**
     * Takes or renews the lease of {@code consumer} for {@code holder} until {@code until}, if no
     * other holder's lease runs after {@code now} (a lease runs after {@code now} if its end is
     * later than {@code now}).
     *
     * @return the consumer's state with the lease taken, or empty if it does not exist or another
     *         holder has it
     */
    Optional<ConsumerStatus> lease(String consumer, String holder, Instant now, Instant until);

    /**
     * Moves the cursor of {@code consumer} from {@code from} to {@code to}, if {@code holder} holds
     * its lease after {@code now} and the cursor is still at {@code from}.
     *
     * @return whether it moved
     */
    boolean advance(String consumer, String holder, Instant now, long from, long to);

    /**
     * Pauses {@code consumer} with a reason, if {@code holder} holds its lease after {@code now}
     * and its cursor is at {@code position}, and releases the lease.
     *
     * @return whether it was paused
     */
    boolean pause(String consumer, String holder, Instant now, long position, String reason);

    /** Gives up the lease of {@code consumer} if {@code holder} holds it. */
    void release(String consumer, String holder);

    /** The state of {@code consumer}, if it exists. */
    Optional<ConsumerStatus> consumer(String consumer);

    /**
     * An operator's move: clears the pause of {@code consumer} and, if {@code position} is not
     * negative, sets its cursor there. A lease held stays held; its holder sees the cursor moved
     * at its next {@link #advance}.
     *
     * @return the new state, or empty if the consumer does not exist
     */
    Optional<ConsumerStatus> resume(String consumer, long position);

    /** Removes a consumer with its delivery log. */
    void forget(String consumer);

    /** Appends attempts to the delivery log, in their order, all or none. */
    void record(List<DeliveryAttempt> attempts);

    /** Appends one attempt to the delivery log. */
    default void record(DeliveryAttempt attempt) {
        record(List.of(attempt));
    }

    /**
     * The attempts logged for {@code consumer} with a sequence above {@code afterSequence}, at most
     * {@code limit}, ordered by sequence, then by the order they were logged in.
     */
    List<DeliveryAttempt> attempts(String consumer, long afterSequence, int limit);

    /** The attempt logged last for event {@code sequence} of {@code consumer}, if any. */
    Optional<DeliveryAttempt> lastAttempt(String consumer, long sequence);
}
