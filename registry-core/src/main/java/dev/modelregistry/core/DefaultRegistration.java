package dev.modelregistry.core;

import dev.modelregistry.FileEntry;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.access.Action;
import dev.modelregistry.access.Scope;
import dev.modelregistry.Limits;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.ProgressListener;
import dev.modelregistry.Registration;
import dev.modelregistry.VersionRef;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.lineage.CodeVersion;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.DatasetRole;
import dev.modelregistry.lineage.Environment;
import dev.modelregistry.lineage.Lineage;
import dev.modelregistry.lineage.ParentModel;
import dev.modelregistry.lineage.Relation;
import dev.modelregistry.lineage.TrainingRun;
import dev.modelregistry.spi.AppliedChange;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import dev.modelregistry.spi.VersionRecord;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Collects a version's files and metadata, validating each as it is added; see {@link Registration}. */
final class DefaultRegistration implements Registration {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultRegistration.class);

    private final DefaultRegistry registry;
    private final String model;
    private final Map<String, PendingFile> files = new LinkedHashMap<>();
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, Dataset> datasets = new LinkedHashMap<>();
    private final Map<VersionRef, ParentModel> parents = new LinkedHashMap<>();
    private final Map<String, String> libraries = new TreeMap<>();
    private CodeVersion code;
    private TrainingRun run;
    private String description = "";
    private String createdBy;
    private boolean attempted;

    DefaultRegistration(DefaultRegistry registry, String model) {
        this.registry = registry;
        this.model = Validation.modelName(model);
        this.createdBy = registry.principal();
    }

    @Override
    public Registration file(Path source) {
        Objects.requireNonNull(source, "source");
        List<PendingFile> collected = SourceFiles.collect(source);
        checkRoomFor(collected.size());
        collected.forEach(this::checkNotAdded);
        collected.forEach(f -> files.put(f.path(), f));
        return this;
    }

    @Override
    public Registration file(String path, Path source) {
        Objects.requireNonNull(source, "source");
        return add(PendingFile.of(FilePaths.check(path), SourceFiles.regularFile(source)));
    }

    @Override
    public Registration content(String path, InputStream content) {
        Objects.requireNonNull(content, "content");
        return add(PendingFile.of(FilePaths.check(path), content));
    }

    @Override
    public Registration content(String path, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return add(PendingFile.of(FilePaths.check(path), bytes));
    }

    @Override
    public Registration description(String description) {
        this.description = Validation.description(description);
        return this;
    }

    @Override
    public Registration param(String key, String value) {
        return putText("param", params, key, value);
    }

    @Override
    public Registration params(Map<String, String> params) {
        return putTexts("param", this.params, params);
    }

    @Override
    public Registration metric(String key, double value) {
        return metrics(Collections.singletonMap(key, value));
    }

    @Override
    public Registration metrics(Map<String, Double> metrics) {
        Map<String, Double> checked = new LinkedHashMap<>();
        metrics.forEach((k, v) -> checked.put(Validation.key("metric", k),
                Validation.metric(k, Objects.requireNonNull(v, () -> "metric " + k))));
        return putAll("metric", this.metrics, checked);
    }

    @Override
    public Registration tag(String key, String value) {
        return putText("tag", tags, key, value);
    }

    @Override
    public Registration tags(Map<String, String> tags) {
        return putTexts("tag", this.tags, tags);
    }

    @Override
    public Registration createdBy(String principal) {
        this.createdBy = Validation.principal(principal);
        return this;
    }

    @Override
    public Registration dataset(Dataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        String key = dataset.role() + " " + dataset.uri();
        if (datasets.containsKey(key)) {
            throw new InvalidInputException("dataset uri", dataset.uri(),
                    "is already recorded as " + dataset.role().text() + " data");
        }
        if (datasets.size() >= Lineage.DATASETS) {
            throw new InvalidInputException("dataset count", Integer.toString(datasets.size() + 1),
                    "more than " + Lineage.DATASETS + " datasets in one version's lineage");
        }
        datasets.put(key, dataset);
        return this;
    }

    @Override
    public Registration dataset(Path local, DatasetRole role) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(role, "role");
        String digest = DatasetDigests.digest(local);
        return dataset(Dataset.of(local.toAbsolutePath().normalize().toUri().toString(), digest, role));
    }

    @Override
    public Registration code(CodeVersion code) {
        this.code = Objects.requireNonNull(code, "code");
        return this;
    }

    @Override
    public Registration captureCode(Path workingDirectory) {
        return code(CodeCapture.capture(Objects.requireNonNull(workingDirectory, "workingDirectory")));
    }

    @Override
    public Registration run(TrainingRun run) {
        this.run = Objects.requireNonNull(run, "run");
        return this;
    }

    @Override
    public Registration parent(VersionRef parent, Relation relation) {
        ParentModel added = new ParentModel(parent, relation);
        Validation.modelName(parent.model());
        if (parents.containsKey(parent)) {
            throw new InvalidInputException("parent version", parent.toString(), "is already recorded");
        }
        if (parents.size() >= Lineage.PARENTS) {
            throw new InvalidInputException("parent count", Integer.toString(parents.size() + 1),
                    "more than " + Lineage.PARENTS + " parents in one version's lineage");
        }
        parents.put(parent, added);
        return this;
    }

    @Override
    public Registration library(Class<?> anyClass) {
        EnvironmentCapture.Library library = EnvironmentCapture.of(Objects.requireNonNull(anyClass, "anyClass"));
        return addLibrary(library.name(), library.version());
    }

    @Override
    public Registration library(String coordinates) {
        return addLibrary(coordinates, EnvironmentCapture.version(coordinates));
    }

    private Registration addLibrary(String name, String version) {
        if (!libraries.containsKey(name) && libraries.size() >= Environment.LIBRARIES) {
            throw new InvalidInputException("library count", Integer.toString(libraries.size() + 1),
                    "more than " + Environment.LIBRARIES + " libraries in one version's environment");
        }
        libraries.put(name, version);
        return this;
    }

    @Override
    public ModelVersion commit() {
        return store(null);
    }

    @Override
    public ModelVersion commit(ProgressListener listener) {
        return store(Objects.requireNonNull(listener, "listener"));
    }

    /** Registers the version; {@code listener} is null for a commit without progress reports. */
    private ModelVersion store(ProgressListener listener) {
        if (attempted) {
            throw new IllegalStateException("this registration of " + model + " was spent by an earlier commit()"
                    + " (which returned or threw); start a new one with register(\"" + model + "\")");
        }
        if (files.isEmpty()) {
            throw new InvalidInputException("registration of model", model, "has no files");
        }
        registry.checkOpen();
        // Before any blob is written: a denied registration stores nothing.
        AccessGuard guard = registry.guard();
        guard.check(Action.REGISTER, Scope.model(model), Target.model(model));
        if (actsForAnother()) {
            guard.check(Action.ACT_AS, Scope.registry(), Target.model(model));
        }
        // Versions are never removed, so a parent that exists now still exists at the commit.
        for (VersionRef parent : parents.keySet()) {
            guard.checkRead(parent.model());
            if (registry.metadata().version(parent.model(), parent.version()).isEmpty()) {
                throw new InvalidInputException("parent version", parent.toString(), "does not exist");
            }
        }
        Lineage lineage = new Lineage(List.copyOf(datasets.values()), Optional.ofNullable(code),
                Optional.ofNullable(run), List.copyOf(parents.values()),
                Optional.of(EnvironmentCapture.capture(libraries)));
        // From here on streams are read and blobs written, so the registration cannot be replayed.
        attempted = true;
        // Blobs first: content-addressed and idempotent, invisible until the metadata commits.
        List<FileEntry> entries = new ArrayList<>(files.size());
        long newBytes = 0;
        for (FileUploads.Stored stored : FileUploads.store(registry.artifacts(), files.values(), listener)) {
            entries.add(stored.entry());
            newBytes += stored.written() ? stored.entry().size() : 0;
        }
        entries.sort(Digests.FILE_ORDER);
        NewVersion version = new NewVersion(model, registry.lifecycle().initial().name(), description, params,
                metrics, tags, entries, Digests.manifest(entries), createdBy, registry.now(),
                LineageCodec.toRecord(lineage));
        boolean[] firstAttempt = {true};
        ModelVersion committed = registry.writer().write(registry.guard(), () -> version.createdAt(), stamp -> {
            boolean first = firstAttempt[0];
            firstAttempt[0] = false;
            return decide(stamp, version, first);
        });
        LOG.debug("Registered {} by {}: {} files, {} new bytes stored", committed.ref(), createdBy, entries.size(),
                newBytes);
        return committed;
    }

    /**
     * Registers into an existing model, or creates the model with its first version. The first
     * attempt assumes the model exists, which saves a read for all but a model's first version; if
     * the store refuses, or another writer creates the model first, the next attempt reads and
     * decides again.
     */
    private Writer.Decision<ModelVersion> decide(Writer.Stamp stamp, NewVersion version, boolean firstAttempt) {
        stamp.authorize(Action.REGISTER, model);
        if (actsForAnother()) {
            stamp.authorize(Action.ACT_AS, Scope.registry(), Target.model(model));
        }
        String details = Details.versionRegistered(version);
        EntryDraft registered = EntryDraft.ofInsertedVersion(Operations.VERSION_REGISTERED, model, details);
        // Everything the version holds is known here; only its number comes from the store.
        Function<AppliedChange, ModelVersion> result = applied -> registry.toModelVersion(new VersionRecord(model,
                applied.insertedVersion(), version.stage(), version.description(), version.params(),
                version.metrics(), version.tags(), version.files(), version.digest(), version.createdBy(),
                version.createdAt()));
        Mutation insert = new Mutation.InsertVersion(version);
        if (firstAttempt || registry.metadata().model(model).isPresent()) {
            return stamp.change(List.of(new Precondition.ModelExists(model)), List.of(insert), List.of(registered),
                    result);
        }
        stamp.authorize(Action.CREATE_MODEL, Scope.namespaceOf(model), Target.model(model));
        AccessGuard.Creation creation = registry.guard().creation(model);
        List<Mutation> mutations = new ArrayList<>();
        mutations.add(new Mutation.CreateModel(model, "", Map.of(), createdBy, version.createdAt()));
        mutations.addAll(creation.mutations());
        mutations.add(insert);
        List<EntryDraft> entries = new ArrayList<>();
        entries.add(EntryDraft.of(Operations.MODEL_CREATED, Target.model(model),
                Details.modelCreated("", Map.of(), createdBy)));
        entries.addAll(creation.entries());
        entries.add(registered);
        return stamp.change(List.of(new Precondition.ModelAbsent(model)), mutations, entries, result);
    }

    /** Whether the version is credited to someone other than the principal, which needs {@link Action#ACT_AS}. */
    private boolean actsForAnother() {
        return !createdBy.equals(registry.principal());
    }

    private Registration putText(String kind, Map<String, String> entries, String key, String value) {
        return putTexts(kind, entries, Collections.singletonMap(key, value));
    }

    private Registration putTexts(String kind, Map<String, String> entries, Map<String, String> added) {
        Map<String, String> checked = new LinkedHashMap<>();
        added.forEach((k, v) -> checked.put(Validation.key(kind, k), Validation.value(kind, k, v)));
        return putAll(kind, entries, checked);
    }

    /** Adds validated entries only if all of them fit: a refused call changes nothing. */
    private <V> Registration putAll(String kind, Map<String, V> entries, Map<String, V> checked) {
        Map<String, V> after = new LinkedHashMap<>(entries);
        after.putAll(checked);
        Validation.entryCount(kind, after);
        entries.putAll(checked);
        return this;
    }

    private Registration add(PendingFile file) {
        checkRoomFor(1);
        checkNotAdded(file);
        files.put(file.path(), file);
        return this;
    }

    private void checkNotAdded(PendingFile file) {
        if (files.containsKey(file.path())) {
            throw new InvalidInputException("file path", file.path(), "was already added to this registration");
        }
    }

    private void checkRoomFor(int more) {
        if (files.size() + more > Limits.FILES) {
            throw new InvalidInputException("file count", Integer.toString(files.size() + more),
                    "more than " + Limits.FILES + " files in one version");
        }
    }
}
