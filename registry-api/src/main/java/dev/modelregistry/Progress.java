package dev.modelregistry;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How far a registration or copy has got, as told to a {@link ProgressListener}: one file's bytes
 * and the whole operation's bytes and files. Bytes are counted as they are read from the source
 * (registration) or written to the target directory (copy).
 *
 * <p>A total is {@link #UNKNOWN} when it is not known in advance: a file added as a stream
 * ({@link Registration#content(String, java.io.InputStream)}) until it has been read to its end,
 * and the overall total while any such file is not done. Instances are immutable and thread-safe.
 *
 * @param path           the file inside the version this report is about; empty in the last report
 *                       of an operation ({@link #finished()})
 * @param fileBytesDone  bytes of that file done so far
 * @param fileBytesTotal that file's size, or {@link #UNKNOWN}
 * @param bytesDone      bytes of all files done so far, counting each file as of its latest report
 * @param bytesTotal     the size of all files together, or {@link #UNKNOWN}
 * @param filesDone      how many files are completely done
 * @param filesTotal     how many files the operation has
 */
public record Progress(String path, long fileBytesDone, long fileBytesTotal, long bytesDone, long bytesTotal,
                       int filesDone, int filesTotal) {

    /** A total not known in advance. */
    public static final long UNKNOWN = -1;

    /** The shortest time between two reports other than a file's first and final ones. */
    public static final Duration INTERVAL = Duration.ofMillis(100);

    /**
     * Checks that the counts are consistent.
     *
     * @throws IllegalArgumentException if a count is negative, a done count exceeds its known total,
     *         or a total is negative other than {@link #UNKNOWN}
     */
    public Progress {
        Objects.requireNonNull(path, "path");
        check("file bytes", fileBytesDone, fileBytesTotal);
        check("bytes", bytesDone, bytesTotal);
        if (filesDone < 0 || filesTotal < 0 || filesDone > filesTotal) {
            throw new IllegalArgumentException("files done " + filesDone + " of " + filesTotal);
        }
    }

    /** Whether this is an operation's last report, made once every file is done. */
    public boolean finished() {
        return path.isEmpty();
    }

    /** The fraction of all bytes done, from 0 to 1, or empty while the total is {@link #UNKNOWN}. */
    public OptionalDouble fraction() {
        if (bytesTotal == UNKNOWN) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(bytesTotal == 0 ? 1.0 : (double) bytesDone / bytesTotal);
    }

    private static void check(String what, long done, long total) {
        if (done < 0 || total < UNKNOWN || (total != UNKNOWN && done > total)) {
            throw new IllegalArgumentException(what + " done " + done + " of " + total);
        }
    }
}
