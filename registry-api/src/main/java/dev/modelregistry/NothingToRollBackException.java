package dev.modelregistry;

/**
 * A rollback found no earlier version to put back: the stage or alias never had another one, or
 * none of the earlier ones may enter it any more. Nothing changed.
 */
public class NothingToRollBackException extends RegistryException {

    /**
     * @param what the model and the stage or alias, for example {@code fraud-detector PRODUCTION}
     */
    public NothingToRollBackException(String what) {
        super("Nothing to roll back to for " + what + ": no earlier version that may hold it");
    }
}
