package dev.modelregistry.fs;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Clean-up of temp files that crashed writers left in {@code <root>/tmp}. */
final class TempFiles {

    private TempFiles() {
    }

    /**
     * Deletes the regular files in {@code dir} not modified for {@code maxAge}. A live writer keeps
     * its temp file fresh as it writes, so only files of dead or hopelessly stalled writers qualify.
     * Best effort: a file that cannot be inspected or deleted is left for the next attempt.
     */
    static void deleteOlderThan(Path dir, Duration maxAge) {
        Instant cutoff = Instant.now().minus(maxAge);
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path file : stream) {
                deleteIfOlder(file, cutoff);
            }
        } catch (IOException | DirectoryIteratorException e) {
            // Leftovers only cost disk space; failing to open the store over them would cost more.
        }
    }

    private static void deleteIfOlder(Path file, Instant cutoff) {
        try {
            if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // Gone already (another store opened on this root at the same time) or not ours to delete.
        }
    }
}
