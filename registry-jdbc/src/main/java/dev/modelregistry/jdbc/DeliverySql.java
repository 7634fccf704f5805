package dev.modelregistry.jdbc;

import dev.modelregistry.events.ConsumerStatus;
import dev.modelregistry.events.DeliveryAttempt;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/**
 * The SQL of the delivery ledger: tables {@code delivery_consumers} and {@code delivery_attempts}
 * (see {@code V10__deliveries.sql}). Every move of a lease or a cursor is one conditional
 * {@code UPDATE} that names the state it expects, so the database decides between racing
 * dispatchers, in one process or in several: the row lock makes a second writer wait, and at READ
 * COMMITTED H2, PostgreSQL and InnoDB then evaluate its condition against the row the first one
 * committed. Instants are epoch milliseconds; a lease runs after {@code now} if its end is later.
 */
final class DeliverySql {

    private static final String CONSUMER_COLUMNS = "consumer, position, lease_holder, lease_until, paused_reason,"
            + " paused_at";
    private static final String ATTEMPT_COLUMNS = "consumer, seq, attempt, at_millis, status, latency_ms, error_text,"
            + " outcome";

    private static final RowMapper<ConsumerStatus> CONSUMER = (rs, ctx) -> new ConsumerStatus(rs.getString(1),
            rs.getLong(2), Optional.ofNullable(rs.getString(3)), instant(rs, 4), Optional.ofNullable(rs.getString(5)),
            instant(rs, 6));

    private static final RowMapper<DeliveryAttempt> ATTEMPT = (rs, ctx) -> new DeliveryAttempt(rs.getString(1),
            rs.getLong(2), rs.getInt(3), Instant.ofEpochMilli(rs.getLong(4)), rs.getInt(5), rs.getLong(6),
            rs.getString(7), DeliveryAttempt.Outcome.valueOf(rs.getString(8)));

    private DeliverySql() {
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    static Optional<ConsumerStatus> consumer(Handle h, String consumer) {
        return h.createQuery("SELECT " + CONSUMER_COLUMNS + " FROM delivery_consumers WHERE consumer = :consumer")
                .bind("consumer", consumer)
                .map(CONSUMER)
                .findOne();
    }

    /**
     * Inserts the consumer unless it exists. A transaction creating it at the same time makes the
     * insert fail with a unique violation, which the caller takes for "it existed".
     *
     * @return whether it was inserted
     */
    static boolean create(Handle h, String consumer, long position) {
        if (consumer(h, consumer).isPresent()) {
            return false;
        }
        h.createUpdate("INSERT INTO delivery_consumers (consumer, position) VALUES (:consumer, :position)")
                .bind("consumer", consumer)
                .bind("position", position)
                .execute();
        return true;
    }

    /**
     * Takes or renews the lease, then reads the consumer: it holds the lease for {@code holder}
     * until {@code until} exactly if the update took it (the row is locked until the commit), which
     * does not depend on how the driver counts rows an update left unchanged.
     */
    static Optional<ConsumerStatus> lease(Handle h, String consumer, String holder, Instant now, Instant until) {
        h.createUpdate("UPDATE delivery_consumers SET lease_holder = :holder, lease_until = :until"
                        + " WHERE consumer = :consumer"
                        + " AND (lease_holder IS NULL OR lease_holder = :holder OR lease_until <= :now)")
                .bind("consumer", consumer)
                .bind("holder", holder)
                .bind("until", until.toEpochMilli())
                .bind("now", now.toEpochMilli())
                .execute();
        return consumer(h, consumer).filter(c -> holds(c, holder, until));
    }

    /** Whether {@code holder} holds the consumer's lease until {@code until}, to the millisecond. */
    static boolean holds(ConsumerStatus c, String holder, Instant until) {
        return c.leaseHolder().equals(Optional.of(holder))
                && c.leaseUntil().equals(Optional.of(Instant.ofEpochMilli(until.toEpochMilli())));
    }

    static boolean advance(Handle h, String consumer, String holder, Instant now, long from, long to) {
        return h.createUpdate("UPDATE delivery_consumers SET position = :to WHERE consumer = :consumer"
                        + " AND position = :from AND lease_holder = :holder AND lease_until > :now")
                .bind("consumer", consumer)
                .bind("holder", holder)
                .bind("now", now.toEpochMilli())
                .bind("from", from)
                .bind("to", to)
                .execute() == 1;
    }

    /**
     * Whether an {@link #advance} whose commit was interrupted took effect: the cursor is at
     * {@code to} and {@code holder} still holds the lease; empty if not, so that it is tried again.
     */
    static Optional<Boolean> advanced(Handle h, String consumer, String holder, Instant now, long to) {
        return consumer(h, consumer).filter(c -> c.position() == to && c.leaseHolder().equals(Optional.of(holder))
                && c.leaseUntil().filter(now::isBefore).isPresent()).map(c -> true);
    }

    static boolean pause(Handle h, String consumer, String holder, Instant now, long position, String reason) {
        return h.createUpdate("UPDATE delivery_consumers SET paused_reason = :reason, paused_at = :now,"
                        + " lease_holder = NULL, lease_until = NULL WHERE consumer = :consumer AND position = :position"
                        + " AND lease_holder = :holder AND lease_until > :now")
                .bind("consumer", consumer)
                .bind("holder", holder)
                .bind("now", now.toEpochMilli())
                .bind("position", position)
                .bind("reason", reason)
                .execute() == 1;
    }

    /**
     * Whether a {@link #pause} whose commit was interrupted took effect: the consumer is paused at
     * {@code position} for {@code reason} since {@code now}; empty if not, so that it is tried again.
     */
    static Optional<Boolean> paused(Handle h, String consumer, Instant now, long position, String reason) {
        Optional<Instant> at = Optional.of(Instant.ofEpochMilli(now.toEpochMilli()));
        return consumer(h, consumer).filter(c -> c.position() == position && c.pausedReason().equals(Optional.of(reason))
                && c.pausedAt().equals(at) && c.leaseHolder().isEmpty()).map(c -> true);
    }

    static Void release(Handle h, String consumer, String holder) {
        h.createUpdate("UPDATE delivery_consumers SET lease_holder = NULL, lease_until = NULL"
                        + " WHERE consumer = :consumer AND lease_holder = :holder")
                .bind("consumer", consumer)
                .bind("holder", holder)
                .execute();
        return null;
    }

    /** Clears the pause and, if {@code position} is not negative, moves the cursor; then reads the consumer. */
    static Optional<ConsumerStatus> resume(Handle h, String consumer, long position) {
        Update update = h.createUpdate("UPDATE delivery_consumers SET paused_reason = NULL, paused_at = NULL"
                + (position < 0 ? "" : ", position = :position") + " WHERE consumer = :consumer");
        if (position >= 0) {
            update.bind("position", position);
        }
        update.bind("consumer", consumer).execute();
        return consumer(h, consumer);
    }

    static Void forget(Handle h, String consumer) {
        h.createUpdate("DELETE FROM delivery_attempts WHERE consumer = :consumer").bind("consumer", consumer).execute();
        h.createUpdate("DELETE FROM delivery_consumers WHERE consumer = :consumer").bind("consumer", consumer).execute();
        return null;
    }

    static Void record(Handle h, List<DeliveryAttempt> attempts) {
        org.jdbi.v3.core.statement.PreparedBatch batch = h.prepareBatch("INSERT INTO delivery_attempts ("
                + ATTEMPT_COLUMNS + ") VALUES (:consumer, :seq, :attempt, :at, :status, :latency, :error, :outcome)");
        for (DeliveryAttempt a : attempts) {
            batch.bind("consumer", a.consumer())
                    .bind("seq", a.sequence())
                    .bind("attempt", a.attempt())
                    .bind("at", a.at().toEpochMilli())
                    .bind("status", a.status())
                    .bind("latency", a.latencyMillis())
                    .bind("error", a.error())
                    .bind("outcome", a.outcome().name())
                    .add();
        }
        batch.execute();
        return null;
    }

    /** By sequence, then in the order logged (index {@code ix_delivery_attempts_consumer}). */
    static List<DeliveryAttempt> attempts(Handle h, String consumer, long afterSequence, int limit) {
        return h.createQuery("SELECT " + ATTEMPT_COLUMNS + " FROM delivery_attempts"
                        + " WHERE consumer = :consumer AND seq > :after ORDER BY seq, attempt_id LIMIT :limit")
                .bind("consumer", consumer)
                .bind("after", afterSequence)
                .bind("limit", limit)
                .map(ATTEMPT)
                .list();
    }

    static Optional<DeliveryAttempt> lastAttempt(Handle h, String consumer, long sequence) {
        return h.createQuery("SELECT " + ATTEMPT_COLUMNS + " FROM delivery_attempts"
                        + " WHERE consumer = :consumer AND seq = :seq ORDER BY attempt_id DESC LIMIT 1")
                .bind("consumer", consumer)
                    .bind("seq", sequence)
                .map(ATTEMPT)
                .findOne();
    }
}
