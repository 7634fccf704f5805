package dev.modelregistry;

/**
 * Told how far a long registration ({@link Registration#commit(ProgressListener)}) or copy
 * ({@link Registry#copyTo(VersionRef, java.nio.file.Path, ProgressListener)}) has got.
 *
 * <p>Calls are made on the thread that called {@code commit} or {@code copyTo}, one at a time, even
 * where files are stored on several threads, so an implementation needs no synchronization of its
 * own. For each file there is a first call with nothing done and a final call with everything done;
 * in between, at most one call per {@link Progress#INTERVAL} for the whole operation. A last call
 * with {@link Progress#finished()} true follows when every file is done.
 *
 * <p>A listener that throws stops the operation, and its exception reaches the caller unchanged:
 * a commit then registers no version, a copy leaves what a failed copy leaves. A listener should
 * return quickly; the bytes wait while it runs.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Receives one report. */
    void progress(Progress progress);
}
