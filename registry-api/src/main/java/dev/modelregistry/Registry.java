package dev.modelregistry;

import dev.modelregistry.access.Access;
import dev.modelregistry.access.Principal;
import dev.modelregistry.journal.Journal;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model registry: stores versioned models with their files and metadata and moves them through
 * lifecycle stages.
 *
 * <p>Every mutation is made as this registry's {@linkplain #principal() principal} and is recorded
 * with who and when. Lookups return {@code Optional} or an empty list when nothing matches;
 * operations on a missing model or version throw {@link ModelNotFoundException} or
 * {@link VersionNotFoundException}. Implementations are thread-safe; {@link #close()} is idempotent.
 */
public interface Registry extends AutoCloseable {

    /**
     * Starts registering a new version of {@code model}; nothing happens until {@link Registration#commit()}.
     *
     * @throws InvalidInputException if {@code model} is not a valid model name
     */
    Registration register(String model);

    /**
     * Creates a model explicitly, with a description and tags. Registering a version creates its
     * model implicitly; this is only needed to describe a model before its first version.
     *
     * @throws ModelAlreadyExistsException if the name is taken
     * @throws InvalidInputException       if the name, description or a tag is invalid
     */
    Model createModel(String name, String description, Map<String, String> tags);

    /**
     * Replaces a model's description; the change is recorded and journaled. Setting the description
     * it already has changes nothing.
     *
     * @return the model after the change
     * @throws ModelNotFoundException if the model does not exist
     * @throws InvalidInputException  if the name or description is invalid
     */
    Model describeModel(String name, String description);

    /**
     * Sets a tag on a model; the change is recorded and journaled.
     *
     * @return the model after the change
     * @throws ModelNotFoundException if the model does not exist
     * @throws InvalidInputException  if the key or value is invalid, or the model already has
     *                                {@link Limits#ENTRIES} other tags
     */
    Model tagModel(String name, String key, String value);

    /**
     * Removes a tag from a model, if present; the change is recorded and journaled.
     *
     * @return the model after the change
     * @throws ModelNotFoundException if the model does not exist
     */
    Model untagModel(String name, String key);

    /**
     * Every recorded change to a model's description and tags, oldest first.
     *
     * @throws ModelNotFoundException if the model does not exist
     */
    List<ModelChange> modelChanges(String name);

    /** The model called {@code name}, if it exists. */
    Optional<Model> model(String name);

    /** All models, sorted by name. */
    List<Model> models();

    /** Version {@code version} of {@code model}, if it exists. */
    Optional<ModelVersion> version(String model, int version);

    /** The version {@code ref} names, if it exists. */
    default Optional<ModelVersion> version(VersionRef ref) {
        return version(ref.model(), ref.version());
    }

    /** The highest-numbered version of {@code model}, if it has any. */
    Optional<ModelVersion> latest(String model);

    /**
     * The version of {@code model} currently in {@code stage}; when a stage may hold several versions,
     * the highest-numbered one.
     */
    Optional<ModelVersion> find(String model, Stage stage);

    /** All versions of {@code model}, newest first; empty if the model does not exist. */
    List<ModelVersion> versions(String model);

    /**
     * Moves a version to another stage. If the target stage holds at most one version per model,
     * its current occupant is moved to the lifecycle's displacement stage in the same transaction.
     *
     * @return the version as it is after the move
     * @throws ModelNotFoundException      if the model does not exist
     * @throws VersionNotFoundException    if the model exists but not the version
     * @throws IllegalTransitionException  if the lifecycle does not allow the move
     * @throws InvalidInputException       if the comment is too long or the stage is not of this lifecycle
     */
    ModelVersion transition(VersionRef ref, Stage to, String comment);

    /** Same as {@link #transition(VersionRef, Stage, String)} for {@code version.ref()}. */
    default ModelVersion transition(ModelVersion version, Stage to, String comment) {
        return transition(version.ref(), to, comment);
    }

    /**
     * Every stage transition of a version, oldest first.
     *
     * @throws ModelNotFoundException   if the model does not exist
     * @throws VersionNotFoundException if the model exists but not the version
     */
    List<StageTransition> history(VersionRef ref);

    /**
     * Replaces a version's description; the change is recorded.
     *
     * @throws ModelNotFoundException   if the model does not exist
     * @throws VersionNotFoundException if the model exists but not the version
     */
    ModelVersion describe(VersionRef ref, String description);

    /**
     * Sets a tag on a version; the change is recorded.
     *
     * @throws ModelNotFoundException   if the model does not exist
     * @throws VersionNotFoundException if the model exists but not the version
     * @throws InvalidInputException    if the key or value is invalid, or the version already has
     *                                  {@link Limits#ENTRIES} other tags
     */
    ModelVersion tag(VersionRef ref, String key, String value);

    /**
     * Removes a tag from a version, if present; the change is recorded.
     *
     * @throws ModelNotFoundException   if the model does not exist
     * @throws VersionNotFoundException if the model exists but not the version
     */
    ModelVersion untag(VersionRef ref, String key);

    /**
     * Every recorded change to a version's description and tags, oldest first.
     *
     * @throws ModelNotFoundException   if the model does not exist
     * @throws VersionNotFoundException if the model exists but not the version
     */
    List<VersionChange> changes(VersionRef ref);

    /**
     * Opens a file of a version. The stream checks the bytes against the file's SHA-256 and size and
     * throws {@link IntegrityException} at end of stream on a mismatch. For a large file it reads ahead
     * and hashes on another thread, holding up to 16 MiB of heap while open. The caller closes it.
     *
     * @throws ModelNotFoundException   if the model does not exist
     * @throws VersionNotFoundException if the model exists but not the version
     * @throws InvalidInputException    if the version has no file at {@code path}
     */
    InputStream open(VersionRef ref, String path);

    /** Same as {@link #open(VersionRef, String)} for {@code version.ref()}. */
    default InputStream open(ModelVersion version, String path) {
        return open(version.ref(), path);
    }

    /**
     * Copies every file of a version into {@code directory} (created if missing), verifying each.
     * A file whose bytes fail verification is deleted again and {@link IntegrityException} thrown.
     *
     * @return the directory
     * @throws ModelNotFoundException   if the model does not exist
     * @throws VersionNotFoundException if the model exists but not the version
     * @throws InvalidInputException    if a file of that name already exists in the directory
     */
    Path copyTo(VersionRef ref, Path directory);

    /** Same as {@link #copyTo(VersionRef, Path)} for {@code version.ref()}. */
    default Path copyTo(ModelVersion version, Path directory) {
        return copyTo(version.ref(), directory);
    }

    /**
     * Same as {@link #copyTo(VersionRef, Path)}, telling {@code listener} how many bytes have been
     * written to the directory: on the calling thread, a first and a final call per file, at most
     * one call per {@link Progress#INTERVAL} in between, and a last call once every file is copied.
     * {@link #copyTo(VersionRef, Path)} counts nothing: without a listener no stream is wrapped.
     *
     * <p>If the listener throws, copying stops and its exception propagates unchanged; as with any
     * failed copy, the file being copied is deleted and the files copied before it stay.
     *
     * @return the directory
     * @throws ModelNotFoundException   if the model does not exist
     * @throws VersionNotFoundException if the model exists but not the version
     * @throws InvalidInputException    if a file of that name already exists in the directory
     * @throws NullPointerException     if {@code listener} is null
     */
    Path copyTo(VersionRef ref, Path directory, ProgressListener listener);

    /** Same as {@link #copyTo(VersionRef, Path, ProgressListener)} for {@code version.ref()}. */
    default Path copyTo(ModelVersion version, Path directory, ProgressListener listener) {
        return copyTo(version.ref(), directory, listener);
    }

    /**
     * Appends an evaluation to a version: evidence such as a test on held-out data, which gates can
     * require. It is recorded with this registry's principal and journaled ({@code
     * version.evaluated}); the version's own metrics do not change.
     *
     * @param name    what was evaluated: 1-250 characters, like a metric key
     * @param metrics what it measured: at most 1,000 finite numbers
     * @param passed  whether it passed
     * @param details free text, at most 16,384 characters; empty for none
     * @return the evaluation as recorded
     * @throws InvalidInputException naming the offending value, with nothing recorded
     * @throws VersionNotFoundException if there is no such version
     */
    Evaluation evaluate(VersionRef ref, String name, Map<String, Double> metrics, boolean passed, String details);

    /**
     * The version's evaluations, oldest first.
     *
     * @throws VersionNotFoundException if there is no such version
     */
    List<Evaluation> evaluations(VersionRef ref);

    /**
     * Rolls an exclusive stage (PRODUCTION) back: puts back the version that held it before the
     * current one, as its own move with {@code reason} (the current one is displaced as by any
     * promotion), skipping earlier versions that the lifecycle no longer lets enter it. Rolling
     * back again goes further back, not forth. Gates are not checked: the version met them when it
     * entered the stage before.
     *
     * @return the version now in the stage
     * @throws InvalidInputException if the stage is not an exclusive stage of the lifecycle, or the
     *         reason is too long
     * @throws ModelNotFoundException if there is no such model
     * @throws NothingToRollBackException if no earlier version may hold the stage, with nothing changed
     */
    ModelVersion rollback(String model, Stage stage, String reason);

    /**
     * Rolls an alias back: points it at the version it pointed at before the current one (or, if
     * it was removed, at the last one), recorded and journaled as a move marked as a rollback.
     * Rolling back again goes further back, not forth.
     *
     * @return the version the alias points at now
     * @throws InvalidInputException if {@code alias} cannot be an alias
     * @throws ModelNotFoundException if there is no such model
     * @throws NothingToRollBackException if the alias never pointed at another version
     */
    ModelVersion rollbackAlias(String model, String alias, String reason);

    /**
     * Asks for a version to be moved into a stage; the move happens on the approval that meets
     * every gate of the stage ({@link #approve}). Journaled as {@code request.opened}.
     *
     * @return the pending request
     * @throws IllegalTransitionException if the lifecycle does not allow the move from the
     *         version's stage
     * @throws VersionNotFoundException if there is no such version
     */
    PromotionRequest requestPromotion(VersionRef ref, Stage to, String reason);

    /**
     * Approves a pending request as this registry's principal, and makes its move if every gate of
     * the stage is then met (the request is then {@code COMPLETED}); otherwise the vote is
     * recorded and the request stays pending.
     *
     * @return the request after the vote
     * @throws InvalidInputException naming the request or the principal if the request is not
     *         pending, the principal has voted on it, or the principal created the version or asked
     *         for the move where the stage requires approvals (four-eyes); nothing changes
     */
    PromotionRequest approve(String model, int request, String comment);

    /**
     * Rejects a pending request as this registry's principal; the request ends {@code REJECTED}.
     *
     * @throws InvalidInputException naming the request or the principal, as for {@link #approve}
     */
    PromotionRequest reject(String model, int request, String comment);

    /**
     * The model's request {@code request}, if it has one.
     *
     * @throws ModelNotFoundException if there is no such model
     */
    Optional<PromotionRequest> promotionRequest(String model, int request);

    /**
     * The model's pending requests, oldest first.
     *
     * @throws ModelNotFoundException if there is no such model
     */
    List<PromotionRequest> pendingRequests(String model);

    /**
     * Points {@code alias} of the version's model at the version: sets it, or moves it there from
     * the version it pointed at, atomically; recorded in {@link #modelChanges} (field
     * {@code alias:<name>}, old and new version numbers) and journaled. Setting an alias where it
     * already points changes nothing.
     *
     * @param alias a lower-case letter, then up to {@value Limits#ALIAS_LENGTH} letters, digits,
     *              {@code .}, {@code _} or {@code -} in all; not {@code latest} and not the name of
     *              a stage of the lifecycle in any case
     * @return the version
     * @throws InvalidInputException naming the alias if it is not one, with nothing changed
     * @throws VersionNotFoundException if there is no such version
     */
    ModelVersion setAlias(VersionRef ref, String alias);

    /**
     * Removes {@code alias} from the model; recorded and journaled like {@link #setAlias}.
     *
     * @return whether the alias existed
     * @throws InvalidInputException if {@code alias} cannot be an alias
     * @throws ModelNotFoundException if there is no such model
     */
    boolean removeAlias(String model, String alias);

    /**
     * The model's aliases and the version each points at, sorted by alias.
     *
     * @throws ModelNotFoundException if there is no such model
     */
    Map<String, Integer> aliases(String model);

    /**
     * The aliases that point at the version, sorted.
     *
     * @throws VersionNotFoundException if there is no such version
     */
    List<String> aliasesOf(VersionRef ref);

    /**
     * The version a reference such as {@code fraud-detector@champion} names (syntax: {@link
     * VersionReference}), or empty if there is none: no such model, version, alias, or no version
     * in the stage.
     *
     * @throws InvalidInputException naming the reference if it is malformed, or names a stage the
     *         lifecycle does not have
     */
    Optional<ModelVersion> resolve(String reference);

    /**
     * Watches a reference: calls {@code listener} with what it resolves to now, then each time that
     * changes (another version, or none, as when the stage is emptied), whichever process committed
     * the change; not when something else changes. Calls are made in commit order, one at a time,
     * on a daemon thread of the watch. A watch reads the state after the changes it has seen, so
     * changes in quick succession may come as one call with the latest state, and never as a state
     * older than one reported before. From a commit to the call takes at most one journal poll
     * interval (50 ms; a commit by this registry or its views wakes the watch at once) plus the time
     * to resolve the reference. If reading the registry fails, the failure is logged and the watch
     * tries again a second later.
     *
     * @param reference a version reference ({@link VersionReference})
     * @return the running watch; closing it, or this registry, stops it
     * @throws InvalidInputException naming the reference, as {@link #resolve} does, or if its model
     *         name can never exist; nothing is started then
     */
    dev.modelregistry.serving.Watch watch(String reference, dev.modelregistry.serving.ModelListener listener);

    /**
     * Watches a reference like {@link #watch(String, dev.modelregistry.serving.ModelListener)}, and
     * before each call copies the version's files, verified, into a fresh directory {@code
     * <workDirectory>/<model>-v<version>-<random>} (never reused), so that the listener only ever
     * sees a complete copy ({@link dev.modelregistry.serving.ModelUpdate#directory()}). The previous
     * update's directory is deleted once the listener has returned normally for the next update:
     * by then the listener must have switched away from it. After a call that throws, no directory
     * is deleted until the listener returns normally for a later update. A copy that fails is
     * deleted again and retried a second later. The delay from a commit adds the copy time. Closing
     * the watch leaves the last update's directory to the application.
     *
     * @param workDirectory where to copy versions; created if missing
     * @throws InvalidInputException as {@link #watch(String, dev.modelregistry.serving.ModelListener)}
     *         does, or if {@code workDirectory} exists and is not a directory
     * @throws StorageException if {@code workDirectory} cannot be created
     */
    dev.modelregistry.serving.Watch watch(String reference, Path workDirectory,
                                          dev.modelregistry.serving.ModelListener listener);

    /** The journal of every committed change, shared by every view of this registry. */
    Journal journal();

    /** Lineage queries and views: upstream, downstream and impact walks, diffs, model cards, pictures. */
    dev.modelregistry.lineage.Lineages lineage();

    /** Searches for versions across every model by stage, aliases, metadata and lineage (docs/SEARCH.md). */
    dev.modelregistry.search.Search search();

    /**
     * Webhook subscriptions and the delivery of events to them and to sinks such as a message
     * broker, shared by every view of this registry (changes are made as the view's principal).
     */
    dev.modelregistry.events.Deliveries deliveries();

    /**
     * The principal this registry acts as, as the journal names it ({@link
     * dev.modelregistry.access.Principal#id()}); recorded on every change.
     */
    String principal();

    /**
     * A view of this registry that acts as {@code principal}, named as the journal names principals
     * (a user by its name, a service as {@code service:<name>}), without groups:
     * {@code as(Principal.parse(principal))}.
     *
     * @throws InvalidInputException if {@code principal} is not a valid principal name
     * @throws AccessDeniedException if this is a view whose principal may not act as others
     */
    default Registry as(String principal) {
        return as(Principal.parse(principal));
    }

    /**
     * A view of this registry that performs every operation as {@code principal}. It shares this
     * registry's stores; closing the view does not close them. With access control, a registry
     * built by the builder may hand out views as anyone (the application that built it authenticates
     * its callers); a view itself needs {@link dev.modelregistry.access.Action#ACT_AS} to hand out a
     * view as someone else, so a caller given a view cannot escape it.
     *
     * @throws AccessDeniedException if this is a view whose principal may not act as others
     */
    Registry as(Principal principal);

    /** Grants and what the principal may do (docs/ACCESS.md). */
    Access access();

    /** The lifecycle whose stages and rules this registry uses. */
    Lifecycle lifecycle();

    /** Stops the watches of this registry and its views and closes the stores it owns. Idempotent. */
    @Override
    void close();
}
