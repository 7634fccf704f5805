package dev.modelregistry.core;

import dev.modelregistry.FileEntry;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.StorageException;
import dev.modelregistry.spi.VersionRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies a version's files into a directory, verifying each and refusing to overwrite anything. */
final class VersionCopier {

    private final DefaultRegistry registry;
    private final VersionRecord version;

    VersionCopier(DefaultRegistry registry, VersionRecord version) {
        this.registry = registry;
        this.version = version;
    }

    void copyTo(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        // Check every target first so that a refused copy writes nothing.
        for (FileEntry file : version.files()) {
            Path target = target(root, file);
            if (Files.exists(target)) {
                throw new InvalidInputException("copy target", target.toString(), "already exists");
            }
        }
        for (FileEntry file : version.files()) {
            copy(file, target(root, file));
        }
    }

    private void copy(FileEntry file, Path target) {
        try {
            Files.createDirectories(target.getParent());
            try (InputStream in = registry.open(version.ref(), file.path())) {
                Files.copy(in, target);
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(target);
                throw e;
            }
        } catch (IOException e) {
            throw new StorageException("cannot copy " + version.ref() + " " + file.path() + " to " + target, e);
        }
    }

    /** Paths were validated at registration; the prefix check keeps a damaged manifest from escaping too. */
    private static Path target(Path root, FileEntry file) {
        Path target = root.resolve(file.path()).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new InvalidInputException("file path", file.path(), "escapes the target directory");
        }
        return target;
    }
}
