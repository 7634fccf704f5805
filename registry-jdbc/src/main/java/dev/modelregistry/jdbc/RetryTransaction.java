package dev.modelregistry.jdbc;

/**
 * Thrown inside a transaction that lost a race it can only win by starting over, such as two
 * transactions creating the same model; {@link Transactions} rolls back and retries.
 */
final class RetryTransaction extends RuntimeException {

    RetryTransaction(Throwable cause) {
        super("retry the transaction", cause, false, false);
    }
}
