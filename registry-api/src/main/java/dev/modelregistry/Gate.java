package dev.modelregistry;

import java.util.Optional;

/**
 * A condition a version must meet to enter a stage, configured on the registry
 * ({@code RegistryBuilder.gate(stage, gate)}); {@link Gates} has the built-in ones. The registry
 * checks every gate of the stage on what it read, and makes the move's transaction require that
 * what the gates read (the version's stage and evaluations, the stage's occupants) is still so
 * when it commits; otherwise it reads and checks again. A gate that is not met refuses the move
 * with {@link GateRefusedException}, which lists every unmet gate, and nothing changes.
 *
 * <p>Implementations must be thread-safe and decide from the {@link GateCheck} alone.
 */
public interface Gate {

    /** What the gate requires, as a person would say it, for example {@code auc >= 0.9}. */
    String requirement();

    /**
     * Checks a move.
     *
     * @return empty if the gate is met, else why not, for example {@code auc is 0.87}
     */
    Optional<String> unmet(GateCheck check);

    /**
     * Whether votes on a request to enter the stage must come from others than the version's
     * creator and the requester; true for {@link Gates#approvals(int)}.
     */
    default boolean fourEyes() {
        return false;
    }
}
