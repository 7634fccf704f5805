package dev.modelregistry.spi;

import dev.modelregistry.Model;
import dev.modelregistry.VersionChange;
import java.util.List;
import java.util.Optional;

/**
 * Stores models, versions, their files manifests, stages and the history of changes.
 *
 * <p>Each method is one atomic operation: it commits completely or not at all. Inputs are already
 * validated by the core. Implementations must be thread-safe, and safe against other processes
 * using the same storage; failures of the storage itself are reported as
 * {@link dev.modelregistry.StorageException}.
 *
 * <p>Instants are stored with millisecond precision: a store may truncate finer parts, so callers
 * that compare what they wrote with what they read truncate to milliseconds first.
 */
public interface MetadataStore extends AutoCloseable {

    /**
     * Creates a model with no versions.
     *
     * @throws dev.modelregistry.ModelAlreadyExistsException if the name is taken
     */
    Model createModel(NewModel model);

    /** The model called {@code name}, if any. */
    Optional<Model> model(String name);

    /** All models, sorted by name. */
    List<Model> models();

    /**
     * Allocates the model's next version number and inserts the version with its files in one
     * transaction, creating the model (empty description, no tags, created by the version's
     * creator) if it does not exist. Numbers start at 1, increase by one and are never reused,
     * also under concurrent calls from many threads and processes.
     */
    VersionRecord insertVersion(NewVersion version);

    /** A version, if it exists. */
    Optional<VersionRecord> version(String model, int version);

    /** The highest-numbered version of a model, if any. */
    Optional<VersionRecord> latestVersion(String model);

    /** The highest-numbered version of a model currently in {@code stage}, if any. */
    Optional<VersionRecord> newestInStage(String model, String stage);

    /** All versions of a model, highest number first; empty if the model does not exist. */
    List<VersionRecord> versions(String model);

    /**
     * Moves a version to another stage and records the move, atomically with the displacement
     * the request asks for.
     *
     * @throws dev.modelregistry.VersionNotFoundException  if the version does not exist
     * @throws dev.modelregistry.VersionConflictException  if the version is not in {@code expectedFrom}
     */
    VersionRecord transition(TransitionRequest request);

    /** Every recorded stage move of a version, oldest first; empty if none or no such version. */
    List<TransitionRecord> transitions(String model, int version);

    /**
     * Applies a change to a version's description and tags, recording one {@link VersionChange} per
     * value that actually changed.
     *
     * @throws dev.modelregistry.VersionNotFoundException if the version does not exist
     */
    VersionRecord updateVersion(VersionUpdate update);

    /** Every recorded change of a version's description and tags, oldest first. */
    List<VersionChange> changes(String model, int version);

    /** Releases resources. Idempotent. */
    @Override
    void close();
}
