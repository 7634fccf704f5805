package dev.modelregistry.core;

import dev.modelregistry.Evaluation;
import dev.modelregistry.Gate;
import dev.modelregistry.GateCheck;
import dev.modelregistry.GateRefusedException;
import dev.modelregistry.IllegalTransitionException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionRef;
import dev.modelregistry.access.Action;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import dev.modelregistry.spi.VersionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a stage move: checks it against the lifecycle and, if the target stage holds one version
 * per model, displaces its occupants to the lifecycle's displacement stage in the same change set.
 * The change set requires the version to be still in the stage the check saw and the target stage
 * to hold still the occupants it displaces, so a concurrent move makes it decide again.
 */
final class Transitions {

    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);

    /** The comment of a displacement, followed by the displacing version, for example {@code displaced by fraud-detector v7}. */
    static final String DISPLACED_BY = "displaced by ";

    private final DefaultRegistry registry;

    Transitions(DefaultRegistry registry) {
        this.registry = registry;
    }

    ModelVersion move(VersionRef ref, Stage to, String comment) {
        ModelVersion moved = registry.writer().write(registry.guard(), registry::now,
                stamp -> decide(stamp.authorize(Action.TRANSITION, ref.model()),
                        registry.requireVersion(ref), to, comment, false, List.of()));
        LOG.debug("Moved {} to {} as {}", ref, to.name(), registry.principal());
        return moved;
    }

    /**
     * Decides a move of {@code current} into {@code to}. A rollback skips the stage's gates (the
     * version met them when it entered before) and is marked as one in its journal entry.
     *
     * @param approvers who approved the move's promotion request, empty for a direct move
     * @throws GateRefusedException if a gate of the stage is not met
     */
    Writer.Decision<ModelVersion> decide(Writer.Stamp stamp, VersionRecord current, Stage to, String comment,
                                         boolean rollback, List<String> approvers) {
        VersionRef ref = current.ref();
        Stage from = registry.stageNamed(current.stage());
        if (!registry.lifecycle().allows(from, to)) {
            throw new IllegalTransitionException(ref, from, to);
        }
        Target target = Target.version(ref.model(), ref.version());
        List<Precondition> preconditions = new ArrayList<>();
        List<Mutation> mutations = new ArrayList<>();
        List<EntryDraft> entries = new ArrayList<>();
        preconditions.add(new Precondition.InStage(target, from.name()));
        List<Gate> gates = rollback ? List.of() : registry.gatesOf(to);
        List<Integer> occupants = gates.isEmpty() && registry.lifecycle().displacementOf(to).isEmpty() ? List.of()
                : registry.metadata().versionsInStage(ref.model(), to.name());
        if (!gates.isEmpty()) {
            preconditions.addAll(checkGates(gates, current, to, occupants, approvers));
        }
        List<Integer> displaced = new ArrayList<>();
        Optional<Stage> displacedTo = registry.lifecycle().displacementOf(to);
        if (displacedTo.isPresent() || !gates.isEmpty()) {
            preconditions.add(new Precondition.StageHolds(ref.model(), to.name(), Set.copyOf(occupants)));
        }
        if (displacedTo.isPresent()) {
            String why = DISPLACED_BY + ref;
            for (int occupant : occupants) {
                if (occupant == ref.version()) {
                    continue;
                }
                Target other = Target.version(ref.model(), occupant);
                String into = displacedTo.get().name();
                mutations.add(new Mutation.MoveStage(other, to.name(), into, why));
                entries.add(EntryDraft.of(Operations.VERSION_STAGE_CHANGED, other,
                        Details.displaced(to.name(), into, why, ref.version())));
                displaced.add(occupant);
            }
        }
        mutations.add(new Mutation.MoveStage(target, from.name(), to.name(), comment));
        entries.add(EntryDraft.of(Operations.VERSION_STAGE_CHANGED, target, rollback
                ? Details.rolledBack(from.name(), to.name(), comment, displaced)
                : Details.moved(from.name(), to.name(), comment, displaced)));
        return stamp.change(preconditions, mutations, entries, applied -> registry.reread(ref));
    }

    /** Every gate of {@code gates} that {@code check} does not meet, as {@code <requirement>: <why not>}. */
    static List<String> unmet(List<Gate> gates, GateCheck check) {
        List<String> unmet = new ArrayList<>();
        for (Gate gate : gates) {
            gate.unmet(check).ifPresent(why -> unmet.add(gate.requirement() + ": " + why));
        }
        return unmet;
    }

    /**
     * Checks every gate of entering {@code to} on what was read, and returns the preconditions that
     * keep it true until the commit beyond those every move has (its stage, the stage's occupants):
     * that the version's evaluations are still the ones read.
     *
     * @throws GateRefusedException listing every unmet gate
     */
    private List<Precondition> checkGates(List<Gate> gates, VersionRecord current, Stage to, List<Integer> occupants,
                                          List<String> approvers) {
        VersionRef ref = current.ref();
        List<ModelVersion> inStage = new ArrayList<>();
        for (int occupant : occupants) {
            registry.metadata().version(ref.model(), occupant).map(registry::toModelVersion).ifPresent(inStage::add);
        }
        inStage.sort((a, b) -> Integer.compare(b.version(), a.version()));
        List<Evaluation> evaluations = registry.metadata().evaluations(ref.model(), ref.version());
        GateCheck check = new GateCheck(registry.toModelVersion(current), to, null, inStage, evaluations,
                registry.history(ref), registry.principal(), approvers);
        List<String> unmet = unmet(gates, check);
        if (!unmet.isEmpty()) {
            throw new GateRefusedException(ref, to, unmet);
        }
        return List.of(new Precondition.EvaluationsAre(Target.version(ref.model(), ref.version()), evaluations.size()));
    }
}
