package dev.modelregistry;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Collects the files and metadata of a new model version; {@link #commit()} registers it.
 *
 * <p>Each setter validates its argument at once and throws {@link InvalidInputException} naming
 * the offending value; a setter that throws changes nothing (a map setter adds all of its entries
 * or none). Nothing is written before {@code commit()}, and a {@code commit()} that throws leaves
 * no visible version.
 *
 * <p>A registration is used once: the first {@code commit()} that gets as far as storing files
 * spends it, whether it returns or throws, since the streams it read cannot be read again. Calling
 * {@code commit()} again throws {@link IllegalStateException}; to retry after a failure, start a new
 * registration. A {@code commit()} refused before anything was read (no files added) does not spend
 * it. Instances are not thread-safe.
 */
public interface Registration {

    /**
     * Adds a file under its file name, or a directory's regular files under their paths relative
     * to the directory. Symbolic links are followed only when they point inside the directory.
     *
     * @throws InvalidInputException if {@code source} does not exist or is neither a file nor a directory
     */
    Registration file(Path source);

    /**
     * Adds the file {@code source} under {@code path} inside the version.
     *
     * @throws InvalidInputException if {@code path} is not a safe relative path or {@code source} is not a regular file
     */
    Registration file(String path, Path source);

    /**
     * Adds {@code content} under {@code path}. The stream is read to its end during {@link #commit()}
     * and is not closed by the registry.
     *
     * @throws InvalidInputException if {@code path} is not a safe relative path
     */
    Registration content(String path, InputStream content);

    /**
     * Adds {@code bytes} under {@code path}.
     *
     * @throws InvalidInputException if {@code path} is not a safe relative path
     */
    Registration content(String path, byte[] bytes);

    /** Sets the version's description. */
    Registration description(String description);

    /** Records a training parameter. */
    Registration param(String key, String value);

    /** Records several training parameters. */
    Registration params(Map<String, String> params);

    /**
     * Records a metric: any finite number, negative ones included (R², log-likelihood, a delta
     * against a baseline).
     *
     * @throws InvalidInputException if {@code value} is NaN or infinite
     */
    Registration metric(String key, double value);

    /** Records several metrics. */
    Registration metrics(Map<String, Double> metrics);

    /** Sets a tag. */
    Registration tag(String key, String value);

    /** Sets several tags. */
    Registration tags(Map<String, String> tags);

    /** Who registers the version; defaults to the registry's principal. */
    Registration createdBy(String principal);

    /**
     * Records a dataset the version used (lineage).
     *
     * @throws InvalidInputException if the same URI is already recorded in the same role, or the
     *         registration already records {@link dev.modelregistry.lineage.Lineage#DATASETS} datasets
     */
    Registration dataset(dev.modelregistry.lineage.Dataset dataset);

    /**
     * Records a local file or directory as a dataset: its {@code file:} URI and its content digest
     * (see {@link dev.modelregistry.lineage.Lineages#digest}), computed now.
     *
     * @throws InvalidInputException if {@code local} is neither a file nor a directory, or as
     *         {@link #dataset(dev.modelregistry.lineage.Dataset)}
     * @throws StorageException      if it cannot be read
     */
    Registration dataset(Path local, dev.modelregistry.lineage.DatasetRole role);

    /** Records the source code the version was built from, replacing any recorded before. */
    Registration code(dev.modelregistry.lineage.CodeVersion code);

    /**
     * Records the source code as found in {@code workingDirectory}'s {@code .git} and in the usual CI
     * variables. Never fails: what could not be found out is listed in
     * {@link dev.modelregistry.lineage.CodeVersion#unknown()}.
     */
    Registration captureCode(Path workingDirectory);

    /** Records the experiment-tracker run that produced the version, replacing any recorded before. */
    Registration run(dev.modelregistry.lineage.TrainingRun run);

    /**
     * Records a version this one was derived from. It must exist by {@link #commit()}.
     *
     * @throws InvalidInputException if the parent is already recorded, or the registration already
     *         records {@link dev.modelregistry.lineage.Lineage#PARENTS} parents
     */
    Registration parent(VersionRef parent, dev.modelregistry.lineage.Relation relation);

    /**
     * Records the version of the library that {@code anyClass} comes from (the ML library used) in
     * the environment, read from its jar's manifest or Maven metadata. The rest of the environment
     * (JVM, OS, architecture, this library's version) is recorded with every version.
     *
     * @throws InvalidInputException if the registration already names
     *         {@link dev.modelregistry.lineage.Environment#LIBRARIES} libraries
     */
    Registration library(Class<?> anyClass);

    /**
     * Records the version of a library on the class path named by its Maven coordinates,
     * {@code groupId:artifactId}, read from its {@code META-INF/maven} metadata ({@code unknown} if
     * it is not on the class path).
     *
     * @throws InvalidInputException if {@code coordinates} is not {@code groupId:artifactId}, or the
     *         registration already names {@link dev.modelregistry.lineage.Environment#LIBRARIES} libraries
     */
    Registration library(String coordinates);

    /**
     * Stores the files, then allocates the next version number and commits the metadata in one
     * transaction. The model is created if it does not exist yet.
     *
     * @return the committed version, in the lifecycle's initial stage
     * @throws InvalidInputException if no file was added, a source file was changed into a symbolic
     *         link or removed since it was added, or a parent version does not exist
     * @throws StorageException      if a backend fails; no version is visible then
     * @throws IllegalStateException if this registration was spent by an earlier {@code commit()}
     */
    ModelVersion commit();

    /**
     * Same as {@link #commit()}, telling {@code listener} how far storing the files has got: on the
     * calling thread, one call at a time (also while files are stored on several threads), a first
     * and a final call per file and at most one call per {@link Progress#INTERVAL} in between, then
     * a last call once every file is stored and before the metadata commits. A file added as a stream
     * has an {@link Progress#UNKNOWN} size until it has been read. {@link #commit()} counts nothing:
     * without a listener no stream or channel is wrapped.
     *
     * <p>If the listener throws, storing stops, no version is registered, the registration is spent
     * (as by any commit that got as far as storing files) and the listener's exception propagates
     * unchanged; blobs already stored stay as orphans, like those of any failed commit.
     *
     * @return the committed version, in the lifecycle's initial stage
     * @throws InvalidInputException if no file was added, a source file was changed into a symbolic
     *         link or removed since it was added, or a parent version does not exist
     * @throws StorageException      if a backend fails; no version is visible then
     * @throws IllegalStateException if this registration was spent by an earlier {@code commit}
     * @throws NullPointerException  if {@code listener} is null
     */
    ModelVersion commit(ProgressListener listener);
}
