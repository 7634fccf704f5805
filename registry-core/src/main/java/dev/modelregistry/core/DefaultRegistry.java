package dev.modelregistry.core;

import dev.modelregistry.Evaluation;
import dev.modelregistry.FileEntry;
import dev.modelregistry.Gate;
import dev.modelregistry.IntegrityException;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Lifecycle;
import dev.modelregistry.Model;
import dev.modelregistry.ModelAlreadyExistsException;
import dev.modelregistry.ModelChange;
import dev.modelregistry.ModelNotFoundException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.ProgressListener;
import dev.modelregistry.PromotionRequest;
import dev.modelregistry.Registration;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.StageTransition;
import dev.modelregistry.VersionChange;
import dev.modelregistry.VersionNotFoundException;
import dev.modelregistry.VersionRef;
import dev.modelregistry.VersionReference;
import dev.modelregistry.access.Access;
import dev.modelregistry.access.Action;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Scope;
import dev.modelregistry.journal.Journal;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.ArtifactStore;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import dev.modelregistry.spi.TransitionRecord;
import dev.modelregistry.spi.VersionRecord;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The registry: validates input, applies the lifecycle, decides every change as a change set for the
 * metadata store (see {@link Writer}) and keeps the files in the artifact store.
 */
final class DefaultRegistry implements Registry {

    private final MetadataStore metadata;
    private final ArtifactStore artifacts;
    private final Lifecycle lifecycle;
    private final Clock clock;
    private final String principal;
    private final AtomicBoolean closed;
    /** Whether this is the registry the builder built, rather than a view of it ({@link #as}). */
    private final boolean root;
    private final Transitions transitions;
    private final Listeners listeners;
    private final Writer writer;
    private final Aliases aliases;
    private final Rollbacks rollbacks;
    private final Requests requests;
    private final Map<String, List<Gate>> gates;
    private final Map<String, List<Gate>> aliasGates;
    private final DefaultJournal journal;
    private final DeliveryHub hub;
    private final DefaultDeliveries deliveries;
    private final DefaultLineages lineages;
    private final DefaultSearch search;
    private final AccessGuard guard;
    private final DefaultAccess access;

    DefaultRegistry(MetadataStore metadata, ArtifactStore artifacts, Lifecycle lifecycle, Clock clock,
                    Principal principal, Map<String, List<Gate>> gates,
                    Map<String, List<Gate>> aliasGates, String eventSource, AccessConfig access) {
        this(metadata, artifacts, lifecycle, clock, new AtomicBoolean(), true, new Listeners(), copy(gates),
                copy(aliasGates), eventSource, null, null, principal, access);
    }

    private DefaultRegistry(MetadataStore metadata, ArtifactStore artifacts, Lifecycle lifecycle, Clock clock,
                            AtomicBoolean closed, boolean root, Listeners listeners,
                            Map<String, List<Gate>> gates, Map<String, List<Gate>> aliasGates, String eventSource,
                            DeliveryHub hub, AccessGuard parentGuard, Principal principal,
                            AccessConfig config) {
        this.metadata = metadata;
        this.artifacts = artifacts;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.closed = closed;
        this.root = root;
        this.gates = gates;
        this.aliasGates = aliasGates;
        this.listeners = listeners;
        this.writer = new Writer(metadata, listeners);
        this.guard = parentGuard != null ? parentGuard.as(principal) : new AccessGuard(new AccessGuard.Settings(
                config.policy(), config.admins(), new GrantCache(metadata, config.cacheTtl().toNanos()), writer,
                this::now), principal);
        this.principal = principal.id();
        this.transitions = new Transitions(this);
        this.aliases = new Aliases(this, metadata, lifecycle);
        this.rollbacks = new Rollbacks(this, metadata, transitions);
        this.requests = new Requests(this, metadata, transitions);
        this.journal = new DefaultJournal(metadata, listeners, this::checkOpen, guard);
        this.hub = hub != null ? hub : new DeliveryHub(metadata, listeners, eventSource);
        this.deliveries = new DefaultDeliveries(this, writer, this.hub);
        this.lineages = new DefaultLineages(this, metadata);
        this.search = new DefaultSearch(this, metadata);
        this.access = new DefaultAccess(this, metadata);
    }

    @Override
    public Registration register(String model) {
        checkOpen();
        return new DefaultRegistration(this, model);
    }

    @Override
    public Model createModel(String name, String description, Map<String, String> tags) {
        checkOpen();
        Validation.modelName(name);
        Validation.description(description);
        Validation.entryCount("tag", tags);
        tags.forEach((k, v) -> Validation.value("tag", Validation.key("tag", k), v));
        return writer.write(guard, this::now, stamp -> {
            stamp.authorize(Action.CREATE_MODEL, Scope.namespaceOf(name), Target.model(name));
            if (metadata.model(name).isPresent()) {
                throw new ModelAlreadyExistsException(name);
            }
            AccessGuard.Creation creation = guard.creation(name);
            List<Mutation> mutations = new ArrayList<>();
            mutations.add(new Mutation.CreateModel(name, description, tags, principal, stamp.at()));
            mutations.addAll(creation.mutations());
            List<EntryDraft> entries = new ArrayList<>();
            entries.add(EntryDraft.of(Operations.MODEL_CREATED, Target.model(name),
                    Details.modelCreated(description, tags, principal)));
            entries.addAll(creation.entries());
            return stamp.change(List.of(new Precondition.ModelAbsent(name)), mutations, entries,
                    applied -> metadata.model(name).orElseThrow());
        });
    }

    @Override
    public Model describeModel(String name, String description) {
        checkOpen();
        Validation.description(description);
        return editModel(name, (stamp, current, model) ->
                Edits.describe(stamp, current, description, model, () -> requireModel(name)));
    }

    @Override
    public Model tagModel(String name, String key, String value) {
        checkOpen();
        Validation.value("tag", Validation.key("tag", key), value);
        return editModel(name, (stamp, current, model) ->
                Edits.tag(stamp, current, key, value, model, () -> requireModel(name)));
    }

    @Override
    public Model untagModel(String name, String key) {
        checkOpen();
        Validation.key("tag", key);
        return editModel(name, (stamp, current, model) ->
                Edits.tag(stamp, current, key, null, model, () -> requireModel(name)));
    }

    @Override
    public Evaluation evaluate(VersionRef ref, String name, Map<String, Double> metrics, boolean passed,
                               String details) {
        checkOpen();
        Objects.requireNonNull(ref, "ref");
        Validation.key("evaluation name", name);
        Objects.requireNonNull(metrics, "metrics");
        Map<String, Double> checked = new java.util.HashMap<>();
        metrics.forEach((k, v) -> checked.put(k, Validation.metric(Validation.key("metric", k),
                Objects.requireNonNull(v, () -> "metric " + k))));
        Validation.entryCount("metric", metrics);
        Validation.description(details);
        Map<String, Double> measured = Map.copyOf(checked);
        return writer.write(guard, this::now, stamp -> {
            stamp.authorize(Action.EVALUATE, ref.model());
            VersionRecord version = requireVersion(ref);
            Target target = Target.version(ref.model(), ref.version());
            return stamp.change(List.of(new Precondition.InStage(target, version.stage())),
                    List.of(new Mutation.AddEvaluation(target, name, measured, passed, details)),
                    List.of(EntryDraft.of(Operations.VERSION_EVALUATED, target,
                            Details.evaluated(name, measured, passed, details))),
                    applied -> {
                        List<Evaluation> all = metadata.evaluations(ref.model(), ref.version());
                        // The one this change set appended: the newest with all of its fields (two
                        // alike in every field but their sequence are the same evidence).
                        for (int i = all.size() - 1; i >= 0; i--) {
                            Evaluation e = all.get(i);
                            if (e.name().equals(name) && e.metrics().equals(measured) && e.passed() == passed
                                    && e.details().equals(details) && e.recordedBy().equals(stamp.principal())
                                    && e.at().equals(stamp.at())) {
                                return e;
                            }
                        }
                        throw new IllegalStateException("the evaluation of " + ref + " is not there after its commit");
                    });
        });
    }

    @Override
    public List<Evaluation> evaluations(VersionRef ref) {
        checkOpen();
        requireVersion(ref);
        return metadata.evaluations(ref.model(), ref.version());
    }

    @Override
    public PromotionRequest requestPromotion(VersionRef ref, Stage to, String reason) {
        checkOpen();
        Objects.requireNonNull(ref, "ref");
        Stage own = stageOf(to);
        Validation.comment(reason);
        return writer.write(guard, this::now, stamp -> requests.open(stamp.authorize(Action.REQUEST_PROMOTION,
                ref.model()), ref, own, reason));
    }

    @Override
    public PromotionRequest approve(String model, int request, String comment) {
        checkOpen();
        Validation.comment(comment);
        return writer.write(guard, this::now, stamp -> requests.vote(stamp.authorize(Action.VOTE, model),
                model, request, true, comment));
    }

    @Override
    public PromotionRequest reject(String model, int request, String comment) {
        checkOpen();
        Validation.comment(comment);
        return writer.write(guard, this::now, stamp -> requests.vote(stamp.authorize(Action.VOTE, model),
                model, request, false, comment));
    }

    @Override
    public Optional<PromotionRequest> promotionRequest(String model, int request) {
        checkOpen();
        requireModel(model);
        return requests.read(model, request);
    }

    @Override
    public List<PromotionRequest> pendingRequests(String model) {
        checkOpen();
        requireModel(model);
        return requests.pending(model);
    }

    @Override
    public ModelVersion rollback(String model, Stage stage, String reason) {
        checkOpen();
        Stage own = stageOf(stage);
        Validation.comment(reason);
        return writer.write(guard, this::now, stamp -> rollbacks.stage(stamp.authorize(Action.ROLLBACK,
                model), model, own, reason));
    }

    @Override
    public ModelVersion rollbackAlias(String model, String alias, String reason) {
        checkOpen();
        aliases.validate(alias);
        Validation.comment(reason);
        return writer.write(guard, this::now, stamp -> rollbacks.alias(stamp.authorize(Action.ROLLBACK,
                model), model, alias, reason));
    }

    @Override
    public ModelVersion setAlias(VersionRef ref, String alias) {
        checkOpen();
        Objects.requireNonNull(ref, "ref");
        aliases.validate(alias);
        return writer.write(guard, this::now, stamp -> aliases.set(stamp.authorize(Action.ALIAS,
                ref.model()), ref, alias));
    }

    @Override
    public boolean removeAlias(String model, String alias) {
        checkOpen();
        aliases.validate(alias);
        return writer.write(guard, this::now, stamp -> aliases.remove(stamp.authorize(Action.ALIAS,
                model), model, alias));
    }

    @Override
    public Map<String, Integer> aliases(String model) {
        checkOpen();
        requireModel(model);
        return Collections.unmodifiableSortedMap(metadata.aliases(model));
    }

    @Override
    public List<String> aliasesOf(VersionRef ref) {
        checkOpen();
        requireVersion(ref);
        return metadata.aliases(ref.model()).entrySet().stream().filter(e -> e.getValue() == ref.version())
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public Optional<ModelVersion> resolve(String reference) {
        checkOpen();
        return aliases.resolve(reference);
    }

    @Override
    public dev.modelregistry.serving.Watch watch(String reference, dev.modelregistry.serving.ModelListener listener) {
        checkOpen();
        checkWatch(reference);
        return listeners.watches().start(this, reference, null, listener);
    }

    @Override
    public dev.modelregistry.serving.Watch watch(String reference, Path workDirectory,
                                                 dev.modelregistry.serving.ModelListener listener) {
        checkOpen();
        checkWatch(reference);
        return listeners.watches().start(this, reference, Objects.requireNonNull(workDirectory, "workDirectory"),
                listener);
    }

    /** A watch needs READ on its model before it starts; a reference it refuses anyway is left to it. */
    private void checkWatch(String reference) {
        if (guard.enforced()) {
            String model = VersionReference.parse(reference).model();
            if (Validation.isModelName(model)) {
                guard.checkRead(model);
            }
        }
    }

    @Override
    public List<ModelChange> modelChanges(String name) {
        checkOpen();
        requireModel(name);
        return metadata.modelChanges(name);
    }

    private interface Edit<T, R> {
        Writer.Decision<R> decide(Writer.Stamp stamp, Edits.Current current, T read);
    }

    private Model editModel(String name, Edit<Model, Model> edit) {
        return writer.write(guard, this::now, stamp -> {
            stamp.authorize(Action.EDIT, name);
            Model model = requireModel(name);
            return edit.decide(stamp, new Edits.Current(Target.model(name), model.description(), model.tags()), model);
        });
    }

    private ModelVersion editVersion(VersionRef ref, Edit<VersionRecord, ModelVersion> edit) {
        return writer.write(guard, this::now, stamp -> {
            stamp.authorize(Action.EDIT, ref.model());
            VersionRecord version = requireVersion(ref);
            return edit.decide(stamp, new Edits.Current(Target.version(ref.model(), ref.version()),
                    version.description(), version.tags()), version);
        });
    }

    Model requireModel(String name) {
        Validation.modelName(name);
        guard.checkRead(name);
        return metadata.model(name).orElseThrow(() -> new ModelNotFoundException(name));
    }

    @Override
    public Optional<Model> model(String name) {
        checkOpen();
        if (!Validation.isModelName(name)) {
            return Optional.empty();
        }
        guard.checkRead(name);
        return metadata.model(name);
    }

    @Override
    public List<Model> models() {
        checkOpen();
        List<Model> all = metadata.models();
        return guard.enforced() ? all.stream().filter(m -> guard.mayRead(m.name())).toList() : all;
    }

    @Override
    public Optional<ModelVersion> version(String model, int version) {
        checkOpen();
        if (version < 1 || !Validation.isModelName(model)) {
            return Optional.empty();
        }
        guard.checkRead(model);
        return metadata.version(model, version).map(this::toModelVersion);
    }

    @Override
    public Optional<ModelVersion> latest(String model) {
        checkOpen();
        if (!Validation.isModelName(model)) {
            return Optional.empty();
        }
        guard.checkRead(model);
        return metadata.latestVersion(model).map(this::toModelVersion);
    }

    @Override
    public Optional<ModelVersion> find(String model, Stage stage) {
        checkOpen();
        Stage own = stageOf(stage);
        if (!Validation.isModelName(model)) {
            return Optional.empty();
        }
        guard.checkRead(model);
        return metadata.newestInStage(model, own.name()).map(this::toModelVersion);
    }

    @Override
    public List<ModelVersion> versions(String model) {
        checkOpen();
        if (!Validation.isModelName(model)) {
            return List.of();
        }
        guard.checkRead(model);
        return metadata.versions(model).stream().map(this::toModelVersion).toList();
    }

    @Override
    public ModelVersion transition(VersionRef ref, Stage to, String comment) {
        checkOpen();
        return transitions.move(ref, stageOf(to), Validation.comment(comment));
    }

    @Override
    public List<StageTransition> history(VersionRef ref) {
        checkOpen();
        VersionRecord version = requireVersion(ref);
        List<TransitionRecord> moves = metadata.transitions(ref.model(), ref.version());
        // The registration is the first entry: the version entered the stage its first move left
        // (or, if it never moved, the stage it is in), by its creator, when it was created.
        String registeredInto = moves.isEmpty() ? version.stage() : moves.get(0).from();
        List<StageTransition> history = new ArrayList<>(moves.size() + 1);
        history.add(new StageTransition(ref, null, stageNamed(registeredInto), version.createdBy(),
                version.createdAt(), StageTransition.REGISTERED));
        moves.forEach(t -> history.add(new StageTransition(ref, stageNamed(t.from()), stageNamed(t.to()),
                t.actor(), t.at(), t.comment())));
        return List.copyOf(history);
    }

    @Override
    public ModelVersion describe(VersionRef ref, String description) {
        checkOpen();
        Validation.description(description);
        return editVersion(ref, (stamp, current, version) ->
                Edits.describe(stamp, current, description, toModelVersion(version), () -> reread(ref)));
    }

    @Override
    public ModelVersion tag(VersionRef ref, String key, String value) {
        checkOpen();
        Validation.value("tag", Validation.key("tag", key), value);
        return editVersion(ref, (stamp, current, version) ->
                Edits.tag(stamp, current, key, value, toModelVersion(version), () -> reread(ref)));
    }

    @Override
    public ModelVersion untag(VersionRef ref, String key) {
        checkOpen();
        Validation.key("tag", key);
        return editVersion(ref, (stamp, current, version) ->
                Edits.tag(stamp, current, key, null, toModelVersion(version), () -> reread(ref)));
    }

    /** The version as it is now, after a change of it committed. */
    ModelVersion reread(VersionRef ref) {
        return toModelVersion(metadata.version(ref.model(), ref.version()).orElseThrow());
    }

    @Override
    public List<VersionChange> changes(VersionRef ref) {
        checkOpen();
        requireVersion(ref);
        return metadata.changes(ref.model(), ref.version());
    }

    @Override
    public InputStream open(VersionRef ref, String path) {
        checkOpen();
        FileEntry file = fileOf(requireVersion(ref), path);
        InputStream raw = artifacts.open(file.sha256()).orElseThrow(() -> new IntegrityException(
                ref + " " + file.path() + ": blob " + file.sha256() + " is missing from the artifact store"));
        return new VerifyingInputStream(raw, file.sha256(), file.size(), ref + " " + file.path());
    }

    @Override
    public Path copyTo(VersionRef ref, Path directory) {
        return copy(ref, directory, null);
    }

    @Override
    public Path copyTo(VersionRef ref, Path directory, ProgressListener listener) {
        return copy(ref, directory, Objects.requireNonNull(listener, "listener"));
    }

    private Path copy(VersionRef ref, Path directory, ProgressListener listener) {
        checkOpen();
        Objects.requireNonNull(directory, "directory");
        VersionRecord version = requireVersion(ref);
        new VersionCopier(this, version).copyTo(directory, listener);
        return directory;
    }

    @Override
    public Journal journal() {
        checkOpen();
        return journal;
    }

    @Override
    public dev.modelregistry.lineage.Lineages lineage() {
        checkOpen();
        return lineages;
    }

    @Override
    public dev.modelregistry.search.Search search() {
        checkOpen();
        return search;
    }

    @Override
    public dev.modelregistry.events.Deliveries deliveries() {
        checkOpen();
        return deliveries;
    }

    @Override
    public String principal() {
        return principal;
    }

    @Override
    public Registry as(Principal principal) {
        checkOpen();
        Objects.requireNonNull(principal, "principal");
        if (!root && !principal.equals(guard.principal())) {
            guard.checkFresh(Action.ACT_AS, Scope.registry(), Target.model(""));
        }
        return new DefaultRegistry(metadata, artifacts, lifecycle, clock, closed, false, listeners, gates, aliasGates,
                hub.source(), hub, guard, principal, null);
    }

    @Override
    public Access access() {
        checkOpen();
        return access;
    }

    @Override
    public Lifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public void close() {
        if (root && closed.compareAndSet(false, true)) {
            hub.close();
            listeners.watches().closeAll();
            try (artifacts) {
                metadata.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Registry[" + metadata + ", " + artifacts + ", principal=" + principal + "]";
    }

    // ---- shared with the package's helpers ----

    Writer writer() {
        return writer;
    }

    /** Access control for this registry's principal. */
    AccessGuard guard() {
        return guard;
    }

    MetadataStore metadata() {
        return metadata;
    }

    ArtifactStore artifacts() {
        return artifacts;
    }

    /** Stores keep millisecond precision, so the registry hands them millisecond instants. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("registry is closed");
        }
    }

    VersionRecord requireVersion(VersionRef ref) {
        Objects.requireNonNull(ref, "ref");
        Validation.modelName(ref.model());
        guard.checkRead(ref.model());
        return metadata.version(ref.model(), ref.version()).orElseThrow(() -> {
            if (metadata.model(ref.model()).isEmpty()) {
                return new ModelNotFoundException(ref.model());
            }
            return new VersionNotFoundException(ref);
        });
    }

    /** The gates of pointing {@code alias} at a version, in the order they were configured. */
    List<Gate> gatesOfAlias(String alias) {
        return aliasGates.getOrDefault(alias, List.of());
    }

    /** The gates of entering {@code stage}, in the order they were configured. */
    List<Gate> gatesOf(Stage stage) {
        return gates.getOrDefault(stage.name(), List.of());
    }

    private static Map<String, List<Gate>> copy(Map<String, List<Gate>> gates) {
        Map<String, List<Gate>> copy = new java.util.HashMap<>();
        gates.forEach((stage, list) -> copy.put(stage, List.copyOf(list)));
        return Map.copyOf(copy);
    }

    FileEntry fileOf(VersionRecord version, String path) {
        return version.files().stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new InvalidInputException("file path", path, version.ref() + " has no such file"));
    }

    ModelVersion toModelVersion(VersionRecord r) {
        return new ModelVersion(r.model(), r.version(), stageNamed(r.stage()), r.description(), r.params(),
                r.metrics(), r.tags(), r.files(), r.digest(), r.createdBy(), r.createdAt());
    }

    /**
     * The stage a stored version is in: the lifecycle's, or, for a stage that another registry's
     * compatible extension of the lifecycle added since this one opened, a stage known by its name.
     */
    Stage stageNamed(String name) {
        for (Stage s : lifecycle.stages()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return Stage.named(name);
    }

    /** The lifecycle's stage of that name: stages are known by name ({@link Stage}). */
    private Stage stageOf(Stage stage) {
        Objects.requireNonNull(stage, "stage");
        return lifecycle.stage(stage.name());
    }
}
