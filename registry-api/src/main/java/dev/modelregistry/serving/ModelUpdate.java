package dev.modelregistry.serving;

import dev.modelregistry.ModelVersion;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a watched reference resolves to, as a {@link Watch} delivers it to its {@link ModelListener}.
 * Immutable and thread-safe.
 *
 * @param reference the watched reference, as given, such as {@code fraud-detector@PRODUCTION}
 * @param version   the version it resolves to, or empty if it names none (for example the stage was
 *                  emptied, or the alias removed)
 * @param directory in the copying form of a watch, a fresh directory holding every file of the
 *                  version, verified, complete before the listener is called; empty otherwise, and
 *                  when there is no version
 * @param sequence  the journal sequence of the change that caused the update; for the first update,
 *                  the journal's head when the watch started
 */
public record ModelUpdate(String reference, Optional<ModelVersion> version, Optional<Path> directory,
                          long sequence) {

    public ModelUpdate {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(directory, "directory");
        if (directory.isPresent() && version.isEmpty()) {
            throw new IllegalArgumentException("a directory without a version");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("negative journal sequence " + sequence);
        }
    }
}
