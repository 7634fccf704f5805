package dev.modelregistry.core;

import dev.modelregistry.FileEntry;
import dev.modelregistry.IntegrityException;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Lifecycle;
import dev.modelregistry.Model;
import dev.modelregistry.ModelNotFoundException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registration;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.StageTransition;
import dev.modelregistry.VersionChange;
import dev.modelregistry.VersionRef;
import dev.modelregistry.VersionNotFoundException;
import dev.modelregistry.spi.ArtifactStore;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.NewModel;
import dev.modelregistry.spi.TransitionRecord;
import dev.modelregistry.spi.VersionRecord;
import dev.modelregistry.spi.VersionUpdate;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** The registry: validates input, applies the lifecycle and delegates storage to the two stores. */
final class DefaultRegistry implements Registry {

    private final MetadataStore metadata;
    private final ArtifactStore artifacts;
    private final Lifecycle lifecycle;
    private final Clock clock;
    private final String principal;
    private final AtomicBoolean closed;
    private final boolean ownsStores;
    private final Transitions transitions;

    DefaultRegistry(MetadataStore metadata, ArtifactStore artifacts, Lifecycle lifecycle, Clock clock, String principal) {
        this(metadata, artifacts, lifecycle, clock, principal, new AtomicBoolean(), true);
    }

    private DefaultRegistry(MetadataStore metadata, ArtifactStore artifacts, Lifecycle lifecycle, Clock clock,
                            String principal, AtomicBoolean closed, boolean ownsStores) {
        this.metadata = metadata;
        this.artifacts = artifacts;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.principal = Validation.principal(principal);
        this.closed = closed;
        this.ownsStores = ownsStores;
        this.transitions = new Transitions(this);
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
        return metadata.createModel(new NewModel(name, description, tags, principal, now()));
    }

    @Override
    public Optional<Model> model(String name) {
        checkOpen();
        return Validation.isModelName(name) ? metadata.model(name) : Optional.empty();
    }

    @Override
    public List<Model> models() {
        checkOpen();
        return metadata.models();
    }

    @Override
    public Optional<ModelVersion> version(String model, int version) {
        checkOpen();
        if (version < 1 || !Validation.isModelName(model)) {
            return Optional.empty();
        }
        return metadata.version(model, version).map(this::toModelVersion);
    }

    @Override
    public Optional<ModelVersion> latest(String model) {
        checkOpen();
        if (!Validation.isModelName(model)) {
            return Optional.empty();
        }
        return metadata.latestVersion(model).map(this::toModelVersion);
    }

    @Override
    public Optional<ModelVersion> find(String model, Stage stage) {
        checkOpen();
        Stage own = stageOf(stage);
        if (!Validation.isModelName(model)) {
            return Optional.empty();
        }
        return metadata.newestInStage(model, own.name()).map(this::toModelVersion);
    }

    @Override
    public List<ModelVersion> versions(String model) {
        checkOpen();
        if (!Validation.isModelName(model)) {
            return List.of();
        }
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
        history.add(new StageTransition(ref, null, lifecycle.stage(registeredInto), version.createdBy(),
                version.createdAt(), StageTransition.REGISTERED));
        moves.forEach(t -> history.add(new StageTransition(ref, lifecycle.stage(t.from()), lifecycle.stage(t.to()),
                t.actor(), t.at(), t.comment())));
        return List.copyOf(history);
    }

    @Override
    public ModelVersion describe(VersionRef ref, String description) {
        return update(ref, Validation.description(description), Map.of(), Set.of());
    }

    @Override
    public ModelVersion tag(VersionRef ref, String key, String value) {
        Validation.value("tag", Validation.key("tag", key), value);
        return update(ref, null, Map.of(key, value), Set.of());
    }

    @Override
    public ModelVersion untag(VersionRef ref, String key) {
        return update(ref, null, Map.of(), Set.of(Validation.key("tag", key)));
    }

    private ModelVersion update(VersionRef ref, String description, Map<String, String> setTags, Set<String> removeTags) {
        checkOpen();
        VersionRecord current = requireVersion(ref);
        Map<String, String> after = new HashMap<>(current.tags());
        after.putAll(setTags);
        Validation.entryCount("tag", after);
        return toModelVersion(metadata.updateVersion(
                new VersionUpdate(ref.model(), ref.version(), description, setTags, removeTags, principal, now())));
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
        checkOpen();
        Objects.requireNonNull(directory, "directory");
        VersionRecord version = requireVersion(ref);
        new VersionCopier(this, version).copyTo(directory);
        return directory;
    }

    @Override
    public String principal() {
        return principal;
    }

    @Override
    public Registry as(String principal) {
        checkOpen();
        return new DefaultRegistry(metadata, artifacts, lifecycle, clock, principal, closed, false);
    }

    @Override
    public Lifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public void close() {
        if (ownsStores && closed.compareAndSet(false, true)) {
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
        return metadata.version(ref.model(), ref.version()).orElseThrow(() -> {
            if (metadata.model(ref.model()).isEmpty()) {
                return new ModelNotFoundException(ref.model());
            }
            return new VersionNotFoundException(ref);
        });
    }

    FileEntry fileOf(VersionRecord version, String path) {
        return version.files().stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new InvalidInputException("file path", path, version.ref() + " has no such file"));
    }

    ModelVersion toModelVersion(VersionRecord r) {
        return new ModelVersion(r.model(), r.version(), lifecycle.stage(r.stage()), r.description(), r.params(),
                r.metrics(), r.tags(), r.files(), r.digest(), r.createdBy(), r.createdAt());
    }

    private Stage stageOf(Stage stage) {
        Objects.requireNonNull(stage, "stage");
        Stage own = lifecycle.stage(stage.name());
        if (!own.equals(stage)) {
            throw new InvalidInputException("stage", stage.name(), "is not a stage of " + lifecycle);
        }
        return own;
    }
}
