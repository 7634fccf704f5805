package dev.modelregistry.jdbc;

import dev.modelregistry.RegistryException;
import dev.modelregistry.StorageException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Runs each store write as one transaction, and each read as one statement (see {@link #read}), and
 * retries them when retrying is safe: when it lost a race against another transaction (deadlock,
 * lock timeout, serialization failure, or a {@link RetryTransaction}), and when the connection to
 * the database broke before the commit was sent, since the database then rolled the transaction back. A connection that breaks while
 * committing leaves the outcome unknown; such a write is retried only if the caller supplied a way
 * to find out whether it was applied, and fails otherwise. Registry exceptions pass through; other
 * database failures become {@link StorageException}s that name the operation. Thread-safe.
 */
final class Transactions {

    static final int MAX_ATTEMPTS = 10;
    private static final long MAX_BACKOFF_MILLIS = 50;

    /**
     * How long a lost connection is retried before the operation fails. Long enough to ride out a
     * failover or a restarted server's first seconds, short enough that a caller learns soon that
     * the database is gone (each attempt may also wait for the pool's connection timeout).
     */
    static final long CONNECTION_RETRY_MILLIS = 5_000;
    private static final long MAX_RECONNECT_BACKOFF_MILLIS = 1_000;

    /** See {@link #write(String, HandleCallback)}. */
    private static final TransactionIsolationLevel WRITE_ISOLATION = TransactionIsolationLevel.READ_COMMITTED;

    private final Jdbi jdbi;
    private final Hooks hooks;
    private final long reconnectMillis;

    /** What a store adds around transactions; both hooks must be thread-safe. */
    interface Hooks {

        /** No hooks. */
        Hooks NONE = new Hooks() { };

        /**
         * Runs on the same connection right after a write transaction committed, for example to
         * force the commit to disk.
         */
        default void afterWriteCommit(Handle h) {
        }

        /** Runs when a connection broke, for example to discard the pool's other connections. */
        default void connectionLost() {
        }

        /**
         * The isolation level every connection has when the pool hands it out, because the pool
         * sets it on new connections and resets it on returned ones; null if unknown. Knowing it
         * saves asking for the level and restoring it, two round trips per operation on a server.
         */
        default TransactionIsolationLevel isolationOnBorrow() {
            return null;
        }
    }

    Transactions(Jdbi jdbi) {
        this(jdbi, Hooks.NONE);
    }

    Transactions(Jdbi jdbi, Hooks hooks) {
        this(jdbi, hooks, CONNECTION_RETRY_MILLIS);
    }

    /**
     * @param reconnectMillis how long a lost connection is retried before an operation fails; an
     *                        embedded H2 database needs longer than a server, because another
     *                        process takes a crashed host's place only after seconds (see H2Pool)
     */
    Transactions(Jdbi jdbi, Hooks hooks, long reconnectMillis) {
        this.jdbi = jdbi;
        this.hooks = hooks;
        this.reconnectMillis = reconnectMillis;
    }

    /**
     * Runs a transaction that writes. READ COMMITTED, because writers lock the model row first and
     * must then see what the previous lock holder committed; MariaDB's default REPEATABLE READ
     * would show them a stale snapshot. If the connection breaks while committing, the operation
     * fails with a {@link StorageException} saying that its outcome is unknown.
     */
    <T> T write(String operation, HandleCallback<T, RuntimeException> work) {
        return write(operation, work, null);
    }

    /**
     * Runs a transaction that writes, like {@link #write(String, HandleCallback)}, and settles an
     * interrupted commit: {@code applied} runs in a new transaction and returns the result of the
     * earlier attempt if that attempt committed, or empty if it did not, in which case the work is
     * retried.
     *
     * @param applied finds out whether an attempt whose commit was interrupted took effect; null if
     *                the operation cannot tell, so that it fails instead
     */
    <T> T write(String operation, HandleCallback<T, RuntimeException> work,
                HandleCallback<Optional<T>, RuntimeException> applied) {
        return run(operation, true, work, applied);
    }

    /**
     * Runs a read that is a single SQL statement, in auto-commit mode rather than in a transaction.
     * One statement reads one consistent snapshot on H2, PostgreSQL and InnoDB at READ COMMITTED
     * or above (see {@link VersionReads}), so it needs neither a REPEATABLE READ transaction nor the
     * round trips of switching the isolation level there and back, and a lookup on a server costs
     * one round trip instead of nine. Only on a connection at READ UNCOMMITTED, which would show
     * uncommitted rows, does the read run in a READ COMMITTED transaction. Work that issues more
     * than one statement must not be passed here: its statements could see different states.
     */
    <T> T read(String operation, HandleCallback<T, RuntimeException> oneStatement) {
        return run(operation, false, oneStatement, null);
    }

    private <T> T run(String operation, boolean writes,
                      HandleCallback<T, RuntimeException> work, HandleCallback<Optional<T>, RuntimeException> applied) {
        long lostSince = 0;
        int losses = 0;
        boolean unsettled = false;
        for (int races = 1; ; ) {
            Attempt<T> current = new Attempt<>(work);
            RuntimeException failure;
            try {
                if (unsettled) {
                    Optional<T> earlier = jdbi.withHandle(h -> inTransaction(h, WRITE_ISOLATION, applied, hooks));
                    if (earlier.isPresent()) {
                        return earlier.get();
                    }
                    // Stays unsettled: on a server the interrupted transaction may still be
                    // committing (it holds the model's row lock until it ends, but a new model's row
                    // is invisible until then), so every further attempt asks again first.
                }
                return jdbi.withHandle(h -> {
                    if (!writes) {
                        return readCommitted(h, current, hooks);
                    }
                    T result = inTransaction(h, WRITE_ISOLATION, current, hooks);
                    afterCommit(operation, h);
                    return result;
                });
            } catch (RegistryException e) {
                throw e;
            } catch (RetryTransaction e) {
                failure = e;
            } catch (JdbiException e) {
                if (SqlErrors.isConnectionLoss(e)) {
                    hooks.connectionLost();
                    if (writes && current.finished) {
                        if (applied == null) {
                            throw new StorageException("Could not " + operation + ": the connection to the database"
                                    + " broke while committing, so the change may or may not have been applied", e);
                        }
                        unsettled = true;
                    }
                    // Bounded by time, not by attempts: how many attempts a takeover or a restart
                    // takes depends on how long each one waits before it fails.
                    long now = System.nanoTime();
                    if (lostSince == 0) {
                        lostSince = now;
                    } else if (now - lostSince > reconnectMillis * 1_000_000) {
                        throw new StorageException("Could not " + operation + ": lost the connection to the database"
                                + " and could not reconnect within " + reconnectMillis + " ms"
                                + (unsettled ? ", so the change may or may not have been applied" : ""), e);
                    }
                    losses++;
                    pause(operation, Math.min(MAX_RECONNECT_BACKOFF_MILLIS, 10L << Math.min(losses, 10)), e);
                    continue;
                }
                if (!SqlErrors.isTransient(e)) {
                    throw new StorageException("Could not " + operation, e);
                }
                failure = e;
            }
            if (races == MAX_ATTEMPTS) {
                Throwable cause = failure instanceof RetryTransaction ? failure.getCause() : failure;
                throw new StorageException("Could not " + operation + ": gave up after " + MAX_ATTEMPTS
                        + " attempts lost to concurrent transactions", cause);
            }
            backOff(operation, races++, failure);
        }
    }

    /**
     * Runs one statement as it is, or in a READ COMMITTED transaction if the connection would read
     * uncommitted rows. The store's own pools say their level; an application's data source is asked.
     */
    private static <T> T readCommitted(Handle h, HandleCallback<T, RuntimeException> oneStatement, Hooks hooks) {
        TransactionIsolationLevel level = hooks.isolationOnBorrow();
        if (level == null) {
            level = h.getTransactionIsolationLevel();
        }
        if (level == TransactionIsolationLevel.READ_UNCOMMITTED) {
            return inTransaction(h, TransactionIsolationLevel.READ_COMMITTED, oneStatement, hooks);
        }
        return oneStatement.withHandle(h);
    }

    /**
     * Runs a transaction at an isolation level and restores the connection's level afterwards,
     * unless the pool resets it anyway ({@link Hooks#isolationOnBorrow()}). Unlike Jdbi's {@code inTransaction(level, callback)}, which restores the level in a
     * {@code finally} block, a failure to restore it on a broken connection does not replace the
     * failure that broke it (HikariCP reports a closed connection without a SQLState): the
     * original failure is the one that says whether the connection was lost.
     */
    private static <T> T inTransaction(Handle h, TransactionIsolationLevel isolation,
                                       HandleCallback<T, RuntimeException> work, Hooks hooks) {
        TransactionIsolationLevel onBorrow = hooks.isolationOnBorrow();
        if (onBorrow != null) {
            if (onBorrow != isolation) {
                h.setTransactionIsolationLevel(isolation);
            }
            return h.inTransaction(work);
        }
        TransactionIsolationLevel initial = h.getTransactionIsolationLevel();
        boolean change = initial != isolation;
        if (change) {
            h.setTransactionIsolationLevel(isolation);
        }
        T result;
        try {
            result = h.inTransaction(work);
        } catch (RuntimeException e) {
            if (change) {
                try {
                    h.setTransactionIsolationLevel(initial);
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        if (change) {
            h.setTransactionIsolationLevel(initial);
        }
        return result;
    }

    private void afterCommit(String operation, Handle h) {
        try {
            hooks.afterWriteCommit(h);
        } catch (JdbiException e) {
            // Not a failure of the operation, which committed: retrying it would apply it twice.
            if (!SqlErrors.isConnectionLoss(e)) {
                throw new StorageException("Committed the change to " + operation
                        + ", but the database could not confirm that it reached the disk", e);
            }
            // The connection broke after the commit, as when the process hosting a shared H2 file
            // dies between a client's commit and its sync. The commit reached the file, and a
            // sync on any later connection covers it, so sync again once one can be had.
            hooks.connectionLost();
            try {
                reconnecting("confirm " + operation, reconnectMillis, () -> {
                    try {
                        jdbi.useHandle(hooks::afterWriteCommit);
                        return null;
                    } catch (JdbiException lost) {
                        // as in run(): a pool that handed out one broken connection may hold more
                        if (SqlErrors.isConnectionLoss(lost)) {
                            hooks.connectionLost();
                        }
                        throw lost;
                    }
                });
            } catch (RuntimeException again) {
                again.addSuppressed(e);
                throw new StorageException("Committed the change to " + operation
                        + ", but the database could not confirm that it reached the disk", again);
            }
        }
    }

    /**
     * Runs work that manages its own connections, such as opening a store, again while it fails
     * because the database cannot be reached, for at most {@code reconnectMillis}: a process that
     * opens an embedded database while another one takes it over after a crash is refused or
     * disconnected for a few seconds.
     *
     * @throws StorageException the last failure, if the database stays unreachable
     */
    static <T> T reconnecting(String operation, long reconnectMillis, Supplier<T> work) {
        long deadline = System.nanoTime() + reconnectMillis * 1_000_000;
        for (int losses = 1; ; losses++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!SqlErrors.isConnectionLoss(e) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                pause(operation, Math.min(MAX_RECONNECT_BACKOFF_MILLIS, 10L << Math.min(losses, 10)), e);
            }
        }
    }

    /** Random, growing pauses so that colliding transactions stop colliding. */
    static void backOff(String operation, int attempt, Throwable failure) {
        pause(operation, Math.min(MAX_BACKOFF_MILLIS, 1L << Math.min(attempt, 20)), failure);
    }

    private static void pause(String operation, long maxMillis, Throwable failure) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StorageException interrupted = new StorageException("Interrupted while retrying to " + operation, e);
            interrupted.addSuppressed(failure);
            throw interrupted;
        }
    }

    /**
     * One attempt of the work, remembering whether the work itself finished: a connection that
     * breaks after that broke during the commit, whose outcome only the database knows.
     */
    private static final class Attempt<T> implements HandleCallback<T, RuntimeException> {
        private final HandleCallback<T, RuntimeException> work;
        private boolean finished;

        Attempt(HandleCallback<T, RuntimeException> work) {
            this.work = work;
        }

        @Override
        public T withHandle(Handle h) {
            T result = work.withHandle(h);
            finished = true;
            return result;
        }
    }
}
