package dev.modelregistry;

/**
 * Thrown when a storage backend fails (database unreachable, disk full, I/O error). The cause is
 * the underlying {@code SQLException} or {@code IOException}. An operation that throws this
 * committed nothing, unless its Javadoc says otherwise.
 */
public class StorageException extends RegistryException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
