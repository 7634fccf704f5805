package dev.modelregistry.jdbc;

import dev.modelregistry.RegistryException;
import dev.modelregistry.StorageException;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Runs each store operation as one transaction and retries it when it lost a race against another
 * transaction (deadlock, lock timeout, serialization failure, or a {@link RetryTransaction}).
 * Registry exceptions pass through; other database failures become {@link StorageException}s
 * that name the operation. Thread-safe.
 */
final class Transactions {

    static final int MAX_ATTEMPTS = 10;
    private static final long MAX_BACKOFF_MILLIS = 50;

    private final Jdbi jdbi;

    Transactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Runs a transaction that writes. READ COMMITTED, because writers lock the model row first and
     * must then see what the previous lock holder committed; MariaDB's default REPEATABLE READ
     * would show them a stale snapshot.
     */
    <T> T write(String operation, HandleCallback<T, RuntimeException> work) {
        return run(operation, TransactionIsolationLevel.READ_COMMITTED, work);
    }

    /** Runs a read-only transaction on one snapshot, so a version and its children agree. */
    <T> T read(String operation, HandleCallback<T, RuntimeException> work) {
        return run(operation, TransactionIsolationLevel.REPEATABLE_READ, work);
    }

    private <T> T run(String operation, TransactionIsolationLevel isolation, HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                return jdbi.inTransaction(isolation, work);
            } catch (RegistryException e) {
                throw e;
            } catch (RetryTransaction e) {
                failure = e;
            } catch (JdbiException e) {
                if (!SqlErrors.isTransient(e)) {
                    throw new StorageException("Could not " + operation, e);
                }
                failure = e;
            }
            if (attempt == MAX_ATTEMPTS) {
                Throwable cause = failure instanceof RetryTransaction ? failure.getCause() : failure;
                throw new StorageException("Could not " + operation + ": gave up after " + MAX_ATTEMPTS
                        + " attempts lost to concurrent transactions", cause);
            }
            backOff(operation, attempt, failure);
        }
    }

    /** Random, growing pauses so that colliding transactions stop colliding. */
    static void backOff(String operation, int attempt, Throwable failure) {
        long bound = Math.min(MAX_BACKOFF_MILLIS, 1L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StorageException interrupted = new StorageException("Interrupted while retrying to " + operation, e);
            interrupted.addSuppressed(failure);
            throw interrupted;
        }
    }
}
