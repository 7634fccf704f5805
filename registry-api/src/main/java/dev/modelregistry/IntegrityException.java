package dev.modelregistry;

/**
 * Thrown when stored bytes do not match the SHA-256 (or size) recorded for them: the stored file
 * was altered or damaged. The registry never returns such bytes as if they were good; a verifying
 * stream throws this at end of stream, before reporting end of file.
 */
public class IntegrityException extends RegistryException {

    public IntegrityException(String message) {
        super(message);
    }
}
