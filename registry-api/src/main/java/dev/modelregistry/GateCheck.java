package dev.modelregistry;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link Gate} decides from: the version that would enter the stage, as read in the
 * transaction's snapshot of the decision.
 *
 * @param candidate   the version that would enter
 * @param stage       the stage it would enter; for an alias move, the stage it is in
 * @param alias       the protected alias that would point at it, or null for a stage move
 * @param occupants   the versions in that stage now, newest first; for an alias move, the
 *                    version the alias points at now, if any
 * @param evaluations the candidate's evaluations, oldest first
 * @param history     the candidate's stage history, starting with its registration
 * @param principal   who asks for the move
 * @param approvers   the distinct principals who approved the move's promotion request; empty
 *                    for a move made directly, without a request
 */
public record GateCheck(ModelVersion candidate, Stage stage, String alias, List<ModelVersion> occupants, List<Evaluation> evaluations,
                        List<StageTransition> history, String principal, List<String> approvers) {

    public GateCheck {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(stage, "stage");
        occupants = List.copyOf(occupants);
        evaluations = List.copyOf(evaluations);
        history = List.copyOf(history);
        Objects.requireNonNull(principal, "principal");
        approvers = List.copyOf(approvers);
    }
}
