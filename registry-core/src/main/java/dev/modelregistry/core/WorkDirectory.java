package dev.modelregistry.core;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.StorageException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a copying watch puts versions: a fresh directory per update, and the directories handed to
 * the listener that it may still be using. Confined to the watch's thread, apart from
 * {@link #open}.
 */
final class WorkDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(WorkDirectory.class);

    private final Path root;
    /** Directories handed to the listener and not deleted yet, oldest first. */
    private final List<Path> handedOut = new ArrayList<>();

    private WorkDirectory(Path root) {
        this.root = root;
    }

    /**
     * Creates {@code root} if missing.
     *
     * @throws InvalidInputException if it exists and is not a directory
     * @throws StorageException if it cannot be created
     */
    static WorkDirectory open(Path root) {
        try {
            return new WorkDirectory(Files.createDirectories(root));
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException("work directory", root.toString(), "exists and is not a directory");
        } catch (IOException e) {
            throw new StorageException("cannot create the work directory " + root, e);
        }
    }

    /**
     * Copies the version's files, verified, into a new directory {@code <model>-v<version>-<random>}
     * that no one has used before; on failure deletes what it copied and throws.
     */
    Path copy(DefaultRegistry registry, ModelVersion version) {
        // '/' of a namespace cannot be in a file name; '+' cannot be in a model name.
        String prefix = version.model().replace('/', '+') + "-v" + version.version() + "-";
        Path directory;
        try {
            directory = Files.createTempDirectory(root, prefix);
        } catch (IOException e) {
            throw new StorageException("cannot create a directory in " + root + " for " + version.ref(), e);
        }
        try {
            registry.copyTo(version.ref(), directory);
        } catch (RuntimeException e) {
            delete(directory);
            throw e;
        }
        return directory;
    }

    /**
     * Records that the listener returned normally for an update with {@code current} (null if the
     * update had no directory): it has switched away from every directory before, which are deleted.
     */
    void switchedTo(Path current) {
        for (Path old : handedOut) {
            if (!old.equals(current)) {
                delete(old);
            }
        }
        handedOut.clear();
        if (current != null) {
            handedOut.add(current);
        }
    }

    /** Records that the listener threw on an update with {@code current}: it may still use any directory. */
    void maybeSwitchedTo(Path current) {
        if (current != null) {
            handedOut.add(current);
        }
    }

    /** Deletes a directory tree, logging what it cannot delete. */
    static void delete(Path directory) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Cannot delete the watch directory {}", directory, e);
        }
    }
}
