package dev.modelregistry.core;

import dev.modelregistry.Evaluation;
import dev.modelregistry.Gate;
import dev.modelregistry.GateCheck;
import dev.modelregistry.GateRefusedException;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Lifecycle;
import dev.modelregistry.Limits;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionRef;
import dev.modelregistry.VersionReference;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import dev.modelregistry.spi.VersionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Aliases: their rules, the change sets that set, move and remove them, and resolving a
 * {@link VersionReference}. An alias starts with a lower-case letter, so it can never read as a
 * version number or a stage (whose names start with an upper-case letter), and is never
 * {@code latest}.
 */
final class Aliases {

    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9._-]*");

    private final DefaultRegistry registry;
    private final MetadataStore metadata;
    private final Lifecycle lifecycle;

    Aliases(DefaultRegistry registry, MetadataStore metadata, Lifecycle lifecycle) {
        this.registry = registry;
        this.metadata = metadata;
        this.lifecycle = lifecycle;
    }

    /** Checks that {@code alias} can be an alias of this lifecycle's models. */
    String validate(String alias) {
        return validate(alias, lifecycle);
    }

    /** Checks that {@code alias} can be an alias of the models of a registry with {@code lifecycle}. */
    static String validate(String alias, Lifecycle lifecycle) {
        if (alias == null || alias.isEmpty()) {
            throw new InvalidInputException("alias", alias, "must not be empty");
        }
        if (alias.length() > Limits.ALIAS_LENGTH) {
            throw new InvalidInputException("alias", alias, "longer than " + Limits.ALIAS_LENGTH + " characters");
        }
        if (!ALIAS.matcher(alias).matches()) {
            throw new InvalidInputException("alias", alias, "must start with a lower-case letter a-z and contain"
                    + " only a-z, 0-9, '.', '_' and '-', so that it never reads as a version number or a stage");
        }
        if (alias.equals(VersionReference.LATEST)) {
            throw new InvalidInputException("alias", alias, "means the newest version in a reference");
        }
        for (Stage stage : lifecycle.stages()) {
            if (stage.name().equalsIgnoreCase(alias)) {
                throw new InvalidInputException("alias", alias, "is the name of the stage " + stage.name());
            }
        }
        return alias;
    }

    Writer.Decision<ModelVersion> set(Writer.Stamp stamp, VersionRef ref, String alias) {
        VersionRecord version = registry.requireVersion(ref);
        Integer from = metadata.aliases(ref.model()).get(alias);
        ModelVersion result = registry.toModelVersion(version);
        if (Objects.equals(from, ref.version())) {
            return Writer.Decision.unchanged(result);
        }
        Target target = Target.version(ref.model(), ref.version());
        List<Precondition> preconditions = new ArrayList<>(List.of(new Precondition.InStage(target, version.stage()),
                new Precondition.AliasIs(ref.model(), alias, from)));
        List<Gate> gates = registry.gatesOfAlias(alias);
        if (!gates.isEmpty()) {
            List<ModelVersion> holder = from == null ? List.of()
                    : metadata.version(ref.model(), from).map(registry::toModelVersion).stream().toList();
            List<Evaluation> evaluations = metadata.evaluations(ref.model(), ref.version());
            GateCheck check = new GateCheck(result, registry.stageNamed(version.stage()), alias, holder, evaluations,
                    registry.history(ref), stamp.principal(), List.of());
            List<String> unmet = Transitions.unmet(gates, check);
            if (!unmet.isEmpty()) {
                throw new GateRefusedException(ref, registry.stageNamed(version.stage()), alias, unmet);
            }
            preconditions.add(new Precondition.EvaluationsAre(target, evaluations.size()));
        }
        return stamp.change(preconditions,
                List.of(new Mutation.SetAlias(ref.model(), alias, from, ref.version())),
                List.of(EntryDraft.of(Operations.ALIAS_SET, target, Details.aliasMoved(alias, from, ref.version()))),
                applied -> result);
    }

    Writer.Decision<Boolean> remove(Writer.Stamp stamp, String model, String alias) {
        registry.requireModel(model);
        Integer from = metadata.aliases(model).get(alias);
        if (from == null) {
            return Writer.Decision.unchanged(false);
        }
        return stamp.change(List.of(new Precondition.AliasIs(model, alias, from)),
                List.of(new Mutation.SetAlias(model, alias, from, null)),
                List.of(EntryDraft.of(Operations.ALIAS_REMOVED, Target.version(model, from),
                        Details.aliasMoved(alias, from, null))),
                applied -> true);
    }

    /** The version a reference names, if any. */
    Optional<ModelVersion> resolve(String text) {
        VersionReference reference = VersionReference.parse(text);
        String model = reference.model();
        if (reference.kind() == VersionReference.Kind.STAGE) {
            // An unknown stage is a mistake in the reference, not an empty result.
            Stage stage = lifecycle.stage(reference.selector());
            return registry.find(model, stage);
        }
        if (!Validation.isModelName(model)) {
            return Optional.empty();
        }
        registry.guard().checkRead(model);
        return switch (reference.kind()) {
            case NUMBER -> registry.version(model, reference.number());
            case LATEST -> registry.latest(model);
            case ALIAS -> Optional.ofNullable(metadata.aliases(model).get(reference.selector()))
                    .flatMap(v -> registry.version(model, v));
            case STAGE -> throw new AssertionError("handled above");
        };
    }
}
