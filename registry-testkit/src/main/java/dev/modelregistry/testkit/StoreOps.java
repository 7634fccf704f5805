package dev.modelregistry.testkit;

import dev.modelregistry.Limits;
import dev.modelregistry.Model;
import dev.modelregistry.spi.AppliedChange;
import dev.modelregistry.spi.ChangeConflictException;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import dev.modelregistry.spi.VersionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds change sets the way a core would, so that store tests can say what they test in a line:
 * create a model, register a version, move it, edit it. Registrations and edits decide again after
 * a conflict, as a core does; {@link #transition} does not, so that tests see the conflict. Not
 * thread-safe itself, but cheap: make one per thread.
 */
public final class StoreOps {

    static final String DISPLACED_BY = "displaced by ";
    private static final int ATTEMPTS = 20;

    private final MetadataStore store;

    /** Operations on {@code store}. */
    public StoreOps(MetadataStore store) {
        this.store = store;
    }

    /** Operations on {@code store}. */
    public static StoreOps of(MetadataStore store) {
        return new StoreOps(store);
    }

    /**
     * A model to create.
     *
     * @param name        model name
     * @param description description
     * @param tags        tags
     * @param createdBy   creator and principal
     * @param createdAt   creation time
     */
    public record NewModel(String name, String description, Map<String, String> tags, String createdBy, Instant createdAt) {
    }

    /**
     * A stage move.
     *
     * @param model        model name
     * @param version      version number
     * @param expectedFrom the stage it must be in
     * @param to           the stage it enters
     * @param displacedTo  not null: {@code to} is exclusive and its other occupants move here
     * @param actor        principal
     * @param at           time
     * @param comment      comment
     */
    public record TransitionRequest(String model, int version, String expectedFrom, String to, String displacedTo,
                             String actor, Instant at, String comment) {
    }

    /**
     * Edits of a version.
     *
     * @param model       model name
     * @param version     version number
     * @param description new description, null to leave it
     * @param setTags     tags to set
     * @param removeTags  tags to remove
     * @param actor       principal
     * @param at          time
     */
    public record VersionUpdate(String model, int version, String description, Map<String, String> setTags,
                         Set<String> removeTags, String actor, Instant at) {
    }

    /** A change set with a new request id. */
    public static ChangeSet changeSet(String principal, Instant at, List<Precondition> preconditions,
                               List<Mutation> mutations, List<EntryDraft> entries) {
        return new ChangeSet(UUID.randomUUID().toString(), principal, at, preconditions, mutations, entries);
    }

    /** A journal entry with placeholder details. */
    public static EntryDraft entry(String operation, Target target) {
        return EntryDraft.of(operation, target, "{\"test\":true}");
    }

    /**
     * Creates a model.
     *
     * @return the model as stored
     * @throws ChangeConflictException if the name is taken
     */
    public Model createModel(NewModel m) {
        store.apply(changeSet(m.createdBy(), m.createdAt(), List.of(new Precondition.ModelAbsent(m.name())),
                List.of(new Mutation.CreateModel(m.name(), m.description(), m.tags(), m.createdBy(), m.createdAt())),
                List.of(entry("model.created", Target.model(m.name())))));
        return store.model(m.name()).orElseThrow();
    }

    /** Registers a version, creating its model if needed; returns it as stored. */
    public VersionRecord insert(NewVersion v) {
        AppliedChange applied = retrying(() -> store.apply(insertion(v)));
        return store.version(v.model(), applied.insertedVersion()).orElseThrow();
    }

    /** The change set that registers {@code v}, as the store is now. */
    public ChangeSet insertion(NewVersion v) {
        EntryDraft registered = EntryDraft.ofInsertedVersion("version.registered", v.model(), "{}");
        if (store.model(v.model()).isPresent()) {
            return changeSet(v.createdBy(), v.createdAt(), List.of(new Precondition.ModelExists(v.model())),
                    List.of(new Mutation.InsertVersion(v)), List.of(registered));
        }
        return changeSet(v.createdBy(), v.createdAt(), List.of(new Precondition.ModelAbsent(v.model())),
                List.of(new Mutation.CreateModel(v.model(), "", Map.of(), v.createdBy(), v.createdAt()),
                        new Mutation.InsertVersion(v)),
                List.of(entry("model.created", Target.model(v.model())), registered));
    }

    /**
     * Moves a version once.
     *
     * @return the version as stored after the move
     * @throws ChangeConflictException if the version is not in {@code expectedFrom}
     */
    public VersionRecord transition(TransitionRequest r) {
        store.apply(move(r));
        return store.version(r.model(), r.version()).orElseThrow();
    }

    /** Moves, deciding again while concurrent moves change the stage's occupants. */
    public VersionRecord transitionRetrying(TransitionRequest r) {
        retrying(() -> store.apply(move(r)));
        return store.version(r.model(), r.version()).orElseThrow();
    }

    private ChangeSet move(TransitionRequest r) {
        Target target = Target.version(r.model(), r.version());
        List<Precondition> preconditions = new ArrayList<>(List.of(new Precondition.InStage(target, r.expectedFrom())));
        List<Mutation> mutations = new ArrayList<>();
        List<EntryDraft> entries = new ArrayList<>();
        if (r.displacedTo() != null) {
            List<Integer> occupants = store.versionsInStage(r.model(), r.to());
            preconditions.add(new Precondition.StageHolds(r.model(), r.to(), Set.copyOf(occupants)));
            for (int other : occupants) {
                if (other != r.version()) {
                    Target t = Target.version(r.model(), other);
                    mutations.add(new Mutation.MoveStage(t, r.to(), r.displacedTo(), DISPLACED_BY + r.model() + " v"
                            + r.version()));
                    entries.add(entry("version.stage_changed", t));
                }
            }
        }
        mutations.add(new Mutation.MoveStage(target, r.expectedFrom(), r.to(), r.comment()));
        entries.add(entry("version.stage_changed", target));
        return changeSet(r.actor(), r.at(), preconditions, mutations, entries);
    }

    /** Applies the edits that change something in one change set; returns the version after it. */
    public VersionRecord update(VersionUpdate u) {
        retrying(() -> {
            VersionRecord current = store.version(u.model(), u.version()).orElseThrow(
                    () -> new ChangeConflictException(new Precondition.InStage(Target.version(u.model(), u.version()),
                            "any"), "no such version"));
            Target t = Target.version(u.model(), u.version());
            List<Precondition> preconditions = new ArrayList<>();
            List<Mutation> mutations = new ArrayList<>();
            if (u.description() != null && !u.description().equals(current.description())) {
                preconditions.add(new Precondition.DescriptionIs(t, current.description()));
                mutations.add(new Mutation.SetDescription(t, current.description(), u.description()));
            }
            Set<String> added = new HashSet<>();
            new TreeMap<>(u.setTags()).forEach((k, v) -> {
                String old = current.tags().get(k);
                if (!v.equals(old)) {
                    preconditions.add(new Precondition.TagIs(t, k, old));
                    mutations.add(new Mutation.SetTag(t, k, old, v));
                    if (old == null) {
                        added.add(k);
                    }
                }
            });
            if (!added.isEmpty()) {
                preconditions.add(new Precondition.TagsFit(t, added, Limits.ENTRIES));
            }
            for (String k : new TreeSet<>(u.removeTags())) {
                String old = current.tags().get(k);
                if (old != null) {
                    preconditions.add(new Precondition.TagIs(t, k, old));
                    mutations.add(new Mutation.SetTag(t, k, old, null));
                }
            }
            if (mutations.isEmpty()) {
                return null;
            }
            return store.apply(changeSet(u.actor(), u.at(), preconditions, mutations,
                    List.of(entry("version.updated", t))));
        });
        return store.version(u.model(), u.version()).orElseThrow();
    }

    private static <T> T retrying(Supplier<T> attempt) {
        ChangeConflictException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                return attempt.get();
            } catch (ChangeConflictException e) {
                last = e;
                Thread.yield();
            }
        }
        throw last;
    }
}
