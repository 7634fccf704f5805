package dev.modelregistry.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.NothingToRollBackException;
import dev.modelregistry.Stage;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import dev.modelregistry.spi.VersionRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One-call rollback of an exclusive stage or an alias. Who held it, in order, comes from the
 * model's journal: replaying it keeps a stack of holders, where an ordinary move pushes the
 * version it brings and a rollback pops the one it replaced, so a second rollback goes further
 * back instead of forth. The move itself is an ordinary change set, pinned to the holder it
 * replaces, so two rollbacks at once go back two steps, one after the other.
 */
final class Rollbacks {

    private final DefaultRegistry registry;
    private final MetadataStore metadata;
    private final Transitions transitions;

    Rollbacks(DefaultRegistry registry, MetadataStore metadata, Transitions transitions) {
        this.registry = registry;
        this.metadata = metadata;
        this.transitions = transitions;
    }

    Writer.Decision<ModelVersion> stage(Writer.Stamp stamp, String model, Stage stage, String reason) {
        registry.requireModel(model);
        if (registry.lifecycle().displacementOf(stage).isEmpty()) {
            throw new InvalidInputException("stage", stage.name(),
                    "holds more than one version at a time; only an exclusive stage can be rolled back");
        }
        Deque<Integer> holders = new ArrayDeque<>();
        for (JournalEntry e : metadata.journalOf(model, Set.of(Operations.VERSION_STAGE_CHANGED))) {
            JsonNode d = Details.parse(e.details());
            if (stage.name().equals(d.path("to").asText())) {
                replay(holders, e.version(), d.path(Details.ROLLBACK).asBoolean(false));
            }
        }
        List<Integer> occupants = metadata.versionsInStage(model, stage.name());
        for (int candidate : holders) {
            if (occupants.contains(candidate)) {
                continue;
            }
            Optional<VersionRecord> version = metadata.version(model, candidate);
            if (version.isPresent() && registry.lifecycle().allows(registry.stageNamed(version.get().stage()),
                    stage)) {
                Writer.Decision<ModelVersion> move = transitions.decide(stamp, version.get(), stage, reason, true,
                        List.of());
                // Pinned to the holders this decision read, not only to those the move read later.
                List<Precondition> preconditions = new ArrayList<>(move.changes().preconditions());
                preconditions.add(new Precondition.StageHolds(model, stage.name(), Set.copyOf(occupants)));
                return stamp.change(preconditions, move.changes().mutations(), move.changes().entries(),
                        move.result());
            }
        }
        throw new NothingToRollBackException(model + " " + stage.name());
    }

    Writer.Decision<ModelVersion> alias(Writer.Stamp stamp, String model, String alias, String reason) {
        registry.requireModel(model);
        Deque<Integer> holders = new ArrayDeque<>();
        for (JournalEntry e : metadata.journalOf(model, Set.of(Operations.ALIAS_SET))) {
            JsonNode d = Details.parse(e.details());
            if (alias.equals(d.path("alias").asText())) {
                replay(holders, e.version(), d.path(Details.ROLLBACK).asBoolean(false));
            }
        }
        Integer current = metadata.aliases(model).get(alias);
        for (int candidate : holders) {
            Optional<VersionRecord> found = Objects.equals(candidate, current) ? Optional.empty()
                    : metadata.version(model, candidate);
            if (found.isPresent()) {
                Target target = Target.version(model, candidate);
                VersionRecord version = found.get();
                ModelVersion result = registry.toModelVersion(version);
                return stamp.change(List.of(new Precondition.InStage(target, version.stage()),
                                new Precondition.AliasIs(model, alias, current)),
                        List.of(new Mutation.SetAlias(model, alias, current, candidate)),
                        List.of(EntryDraft.of(Operations.ALIAS_SET, target,
                                Details.aliasRolledBack(alias, current, candidate, reason))),
                        applied -> result);
            }
        }
        throw new NothingToRollBackException(model + " alias " + alias);
    }

    /** One move into the stage or alias: a rollback takes the holder it replaced off the stack. */
    private static void replay(Deque<Integer> holders, int version, boolean rollback) {
        if (rollback && !holders.isEmpty()) {
            holders.pop();
        }
        if (holders.isEmpty() || holders.peek() != version) {
            holders.push(version);
        }
    }
}
