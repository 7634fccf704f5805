package dev.modelregistry.spi;

import dev.modelregistry.RegistryException;
import java.util.Objects;

/**
 * Thrown by {@link MetadataStore#apply(ChangeSet)} when a precondition of the change set does not
 * hold: another writer changed what the core read. Nothing was written; the core re-reads and
 * decides again.
 */
public class ChangeConflictException extends RegistryException {

    private final transient Precondition failed;

    /**
     * @param failed the first precondition that did not hold
     * @param actual what the store found instead, for the message
     */
    public ChangeConflictException(Precondition failed, String actual) {
        super("Precondition " + Objects.requireNonNull(failed, "failed") + " does not hold: " + actual);
        this.failed = failed;
    }

    /** The first precondition that did not hold. */
    public Precondition failed() {
        return failed;
    }
}
