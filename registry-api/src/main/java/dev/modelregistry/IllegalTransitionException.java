package dev.modelregistry;

/** Thrown when the lifecycle does not allow moving a version from its current stage to the requested one. */
public class IllegalTransitionException extends RegistryException {

    private final VersionRef ref;
    private final Stage from;
    private final Stage to;

    public IllegalTransitionException(VersionRef ref, Stage from, Stage to) {
        super("Version " + ref + " cannot move from " + from.name() + " to " + to.name());
        this.ref = ref;
        this.from = from;
        this.to = to;
    }

    /** The version whose transition was refused. */
    public VersionRef ref() {
        return ref;
    }

    /** The stage the version is in. */
    public Stage from() {
        return from;
    }

    /** The stage that was requested. */
    public Stage to() {
        return to;
    }
}
