package dev.modelregistry;

/**
 * Thrown when a storage backend fails (database unreachable, disk full, I/O error). The cause is
 * the underlying {@code SQLException} or {@code IOException}. An operation that throws this
 * committed nothing, except when the connection to the database broke during the commit itself and
 * could not be regained: then the message says the change may or may not have been applied, and
 * reading it back tells which.
 */
public class StorageException extends RegistryException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
