package dev.modelregistry;

import java.util.List;
import java.util.Optional;

/**
 * The rules for moving versions between stages: which stage a new version starts in, which moves
 * are allowed, and which stages hold at most one version per model.
 *
 * <p>Implementations must be immutable and thread-safe.
 */
public interface Lifecycle {

    /**
     * The standard lifecycle: versions start in DEVELOPMENT; PRODUCTION holds at most one version
     * per model, and promoting a version moves the previous one to ARCHIVED in the same
     * transaction. Allowed moves:
     *
     * <pre>
     * DEVELOPMENT -> STAGING, PRODUCTION, ARCHIVED
     * STAGING     -> DEVELOPMENT, PRODUCTION, ARCHIVED
     * PRODUCTION  -> STAGING, ARCHIVED
     * ARCHIVED    -> DEVELOPMENT, STAGING, PRODUCTION   (rollback)
     * </pre>
     *
     * A move to the stage a version is already in is refused.
     */
    static Lifecycle standard() {
        return StandardLifecycle.INSTANCE;
    }

    /** Builds a custom lifecycle; see {@link LifecycleBuilder}. */
    static LifecycleBuilder builder() {
        return new LifecycleBuilder();
    }

    /** The stage every new version starts in. */
    Stage initial();

    /** Every stage of this lifecycle, in display order. */
    List<Stage> stages();

    /** Whether a version may move from {@code from} to {@code to}. */
    boolean allows(Stage from, Stage to);

    /**
     * If {@code stage} holds at most one version per model, the stage its current occupant moves
     * to when another version enters it; empty if the stage may hold many versions.
     */
    Optional<Stage> displacementOf(Stage stage);

    /**
     * The stage of this lifecycle with the given name.
     *
     * @throws InvalidInputException if no stage of this lifecycle has that name
     */
    default Stage stage(String name) {
        for (Stage s : stages()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new InvalidInputException("stage", name, "not a stage of this lifecycle " + stages());
    }
}
