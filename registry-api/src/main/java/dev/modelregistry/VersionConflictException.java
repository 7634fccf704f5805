package dev.modelregistry;

/**
 * Thrown when a concurrent change won a race the caller's operation depended on, for example a
 * stage transition whose version moved to another stage after the caller read it. Retrying the
 * operation after re-reading the version is safe.
 */
public class VersionConflictException extends RegistryException {

    public VersionConflictException(String message) {
        super(message);
    }
}
