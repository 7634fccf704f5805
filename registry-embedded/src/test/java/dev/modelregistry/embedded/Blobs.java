package dev.modelregistry.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads the blob files of an embedded registry straight from disk, the way an operator would look. */
final class Blobs {

    private Blobs() {
    }

    /** The digests of all blob files under {@code <root>/artifacts/sha256}. */
    static Set<String> in(Path root) {
        Path sha = EmbeddedRegistry.artifactsDirectory(root).resolve("sha256");
        if (!Files.exists(sha)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(sha)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getParent().getFileName().toString().matches("[0-9a-f]{2}"))
                    .map(p -> p.getParent().getFileName().toString() + p.getFileName())
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The blob file holding {@code sha256}. */
    static Path file(Path root, String sha256) {
        return EmbeddedRegistry.artifactsDirectory(root).resolve("sha256").resolve(sha256.substring(0, 2))
                .resolve(sha256.substring(2));
    }
}
