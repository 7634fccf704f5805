package dev.modelregistry.core;

import dev.modelregistry.Model;
import dev.modelregistry.ModelAlreadyExistsException;
import dev.modelregistry.VersionChange;
import dev.modelregistry.VersionConflictException;
import dev.modelregistry.VersionNotFoundException;
import dev.modelregistry.VersionRef;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.NewModel;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.spi.TransitionRecord;
import dev.modelregistry.spi.TransitionRequest;
import dev.modelregistry.spi.VersionRecord;
import dev.modelregistry.spi.VersionUpdate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A {@link MetadataStore} that keeps everything in memory; the reference implementation of the
 * metadata SPI, for tests and throw-away registries. Nothing survives {@link #close()} or the end
 * of the process.
 *
 * <p>Like the database-backed stores it keeps instants to millisecond precision, so code tested
 * against it sees what it would see in production. This class is thread-safe: one lock serializes
 * every operation, which keeps each operation atomic and is fast enough for the sizes an
 * in-memory registry holds. It is not shared between processes. After {@link #close()} every
 * operation throws {@link IllegalStateException}.
 */
public final class InMemoryMetadataStore implements MetadataStore {

    private static final String DISPLACED_BY = "displaced by ";

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ModelState> models = new TreeMap<>();
    private boolean closed;

    /** Creates an empty store. */
    public InMemoryMetadataStore() {
    }

    /**
     * {@inheritDoc}
     *
     * @throws ModelAlreadyExistsException if the name is taken
     */
    @Override
    public Model createModel(NewModel model) {
        Objects.requireNonNull(model, "model");
        return locked(() -> {
            if (models.containsKey(model.name())) {
                throw new ModelAlreadyExistsException(model.name());
            }
            ModelState state = new ModelState(model.name(), model.description(), model.tags(), model.createdBy(),
                    millis(model.createdAt()));
            models.put(model.name(), state);
            return state.toModel();
        });
    }

    @Override
    public Optional<Model> model(String name) {
        return locked(() -> Optional.ofNullable(models.get(name)).map(ModelState::toModel));
    }

    @Override
    public List<Model> models() {
        return locked(() -> models.values().stream().map(ModelState::toModel).collect(Collectors.toList()));
    }

    @Override
    public VersionRecord insertVersion(NewVersion version) {
        Objects.requireNonNull(version, "version");
        return locked(() -> {
            ModelState model = models.computeIfAbsent(version.model(), name -> new ModelState(name, "", Map.of(),
                    version.createdBy(), millis(version.createdAt())));
            int number = ++model.latestVersion;
            VersionState state = new VersionState(version.model(), number, version, millis(version.createdAt()));
            model.versions.put(number, state);
            return state.toRecord();
        });
    }

    @Override
    public Optional<VersionRecord> version(String model, int version) {
        return locked(() -> find(model, version).map(VersionState::toRecord));
    }

    @Override
    public Optional<VersionRecord> latestVersion(String model) {
        return locked(() -> Optional.ofNullable(models.get(model))
                .flatMap(m -> m.versions.descendingMap().values().stream().findFirst())
                .map(VersionState::toRecord));
    }

    @Override
    public Optional<VersionRecord> newestInStage(String model, String stage) {
        return locked(() -> Optional.ofNullable(models.get(model))
                .flatMap(m -> m.versions.descendingMap().values().stream()
                        .filter(v -> v.stage.equals(stage))
                        .findFirst())
                .map(VersionState::toRecord));
    }

    @Override
    public List<VersionRecord> versions(String model) {
        return locked(() -> Optional.ofNullable(models.get(model))
                .map(m -> m.versions.descendingMap().values().stream().map(VersionState::toRecord)
                        .collect(Collectors.toList()))
                .orElseGet(List::of));
    }

    /**
     * {@inheritDoc}
     *
     * @throws VersionNotFoundException if the version does not exist
     * @throws VersionConflictException if the version is not in the expected stage
     */
    @Override
    public VersionRecord transition(TransitionRequest request) {
        Objects.requireNonNull(request, "request");
        return locked(() -> {
            VersionState target = require(request.model(), request.version());
            if (!target.stage.equals(request.expectedFrom())) {
                throw new VersionConflictException("Version " + target.ref() + " is in stage " + target.stage
                        + ", not in " + request.expectedFrom() + " as expected");
            }
            Instant at = millis(request.at());
            if (request.displacedTo() != null) {
                String comment = DISPLACED_BY + target.ref();
                for (VersionState other : models.get(request.model()).versions.values()) {
                    if (other != target && other.stage.equals(request.to())) {
                        other.move(request.displacedTo(), request.actor(), at, comment);
                    }
                }
            }
            target.move(request.to(), request.actor(), at, request.comment());
            return target.toRecord();
        });
    }

    @Override
    public List<TransitionRecord> transitions(String model, int version) {
        return locked(() -> find(model, version).map(v -> List.copyOf(v.transitions)).orElseGet(List::of));
    }

    /**
     * {@inheritDoc}
     *
     * @throws VersionNotFoundException if the version does not exist
     */
    @Override
    public VersionRecord updateVersion(VersionUpdate update) {
        Objects.requireNonNull(update, "update");
        return locked(() -> {
            VersionState target = require(update.model(), update.version());
            Instant at = millis(update.at());
            if (update.description() != null && !update.description().equals(target.description)) {
                target.record("description", target.description, update.description(), update.actor(), at);
                target.description = update.description();
            }
            for (Map.Entry<String, String> tag : new TreeMap<>(update.setTags()).entrySet()) {
                String old = target.tags.put(tag.getKey(), tag.getValue());
                if (!tag.getValue().equals(old)) {
                    target.record("tag:" + tag.getKey(), old, tag.getValue(), update.actor(), at);
                }
            }
            for (String key : new TreeSet<>(update.removeTags())) {
                String old = target.tags.remove(key);
                if (old != null) {
                    target.record("tag:" + key, old, null, update.actor(), at);
                }
            }
            return target.toRecord();
        });
    }

    @Override
    public List<VersionChange> changes(String model, int version) {
        return locked(() -> find(model, version).map(v -> List.copyOf(v.changes)).orElseGet(List::of));
    }

    /** Discards everything. Idempotent; later operations throw {@link IllegalStateException}. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            models.clear();
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(Supplier<T> operation) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The metadata store is closed");
            }
            return operation.get();
        } finally {
            lock.unlock();
        }
    }

    private Optional<VersionState> find(String model, int version) {
        return Optional.ofNullable(models.get(model)).map(m -> m.versions.get(version));
    }

    private VersionState require(String model, int version) {
        return find(model, version).orElseThrow(() -> new VersionNotFoundException(VersionRef.of(model, version)));
    }

    /** Truncates like the database stores do, so tests against this store see their precision. */
    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Mutable model state; guarded by the store's lock. */
    private static final class ModelState {
        final String name;
        final String description;
        final Map<String, String> tags;
        final String createdBy;
        final Instant createdAt;
        final TreeMap<Integer, VersionState> versions = new TreeMap<>();
        int latestVersion;

        ModelState(String name, String description, Map<String, String> tags, String createdBy, Instant createdAt) {
            this.name = name;
            this.description = description;
            this.tags = Map.copyOf(tags);
            this.createdBy = createdBy;
            this.createdAt = createdAt;
        }

        Model toModel() {
            return new Model(name, description, tags, createdBy, createdAt, latestVersion);
        }
    }

    /** Mutable version state; the immutable parts are kept as registered. Guarded by the store's lock. */
    private static final class VersionState {
        final String model;
        final int number;
        final NewVersion registered;
        final Instant createdAt;
        final Map<String, String> tags;
        final List<TransitionRecord> transitions = new ArrayList<>();
        final List<VersionChange> changes = new ArrayList<>();
        String stage;
        String description;

        VersionState(String model, int number, NewVersion registered, Instant createdAt) {
            this.model = model;
            this.number = number;
            this.registered = registered;
            this.createdAt = createdAt;
            this.tags = new HashMap<>(registered.tags());
            this.stage = registered.stage();
            this.description = registered.description();
        }

        VersionRef ref() {
            return VersionRef.of(model, number);
        }

        void move(String to, String actor, Instant at, String comment) {
            transitions.add(new TransitionRecord(model, number, stage, to, actor, at, comment));
            stage = to;
        }

        void record(String field, String oldValue, String newValue, String actor, Instant at) {
            changes.add(new VersionChange(ref(), field, oldValue, newValue, actor, at));
        }

        VersionRecord toRecord() {
            return new VersionRecord(model, number, stage, description, registered.params(), registered.metrics(),
                    tags, registered.files(), registered.digest(), registered.createdBy(), createdAt);
        }
    }
}
