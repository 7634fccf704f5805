package dev.modelregistry;

/**
 * Root of every exception the registry and its storage backends throw.
 *
 * <p>All registry exceptions are unchecked; each subtype names one condition a caller can act on.
 */
public abstract class RegistryException extends RuntimeException {

    protected RegistryException(String message) {
        super(message);
    }

    protected RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
