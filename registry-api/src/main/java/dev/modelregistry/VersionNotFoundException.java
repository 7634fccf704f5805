package dev.modelregistry;

/** Thrown by an operation on a version that does not exist. Lookups return {@code Optional.empty()} instead. */
public class VersionNotFoundException extends RegistryException {

    private final VersionRef ref;

    public VersionNotFoundException(VersionRef ref) {
        super("Version " + ref + " does not exist");
        this.ref = ref;
    }

    /** The version that was looked up. */
    public VersionRef ref() {
        return ref;
    }
}
