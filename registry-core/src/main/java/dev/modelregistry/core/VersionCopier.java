package dev.modelregistry.core;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.modelregistry.FileEntry;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ProgressListener;
import dev.modelregistry.StorageException;
import dev.modelregistry.spi.VersionRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Copies a version's files into a directory, verifying each, refusing to overwrite anything and
 * never following a symbolic link it finds inside the directory: a link {@code w -> elsewhere/}
 * already in the target would otherwise make {@code w/model.bin} land outside it. Every target is
 * checked before anything is written, so a refused copy writes nothing; directories are created
 * one component at a time and each is confirmed to be a real directory, and files are created
 * with {@code CREATE_NEW} and {@code NOFOLLOW_LINKS}, which refuse anything already at the path.
 */
final class VersionCopier {

    private final DefaultRegistry registry;
    private final VersionRecord version;

    VersionCopier(DefaultRegistry registry, VersionRecord version) {
        this.registry = registry;
        this.version = version;
    }

    /**
     * Copies the files, counting the bytes written and reporting them to {@code listener} on this
     * thread if it is not null; without one, nothing is wrapped.
     */
    void copyTo(Path directory, ProgressListener listener) {
        Path root = directory.toAbsolutePath().normalize();
        List<FileEntry> files = version.files();
        for (FileEntry file : files) {
            check(root, file);
        }
        if (listener == null) {
            for (FileEntry file : files) {
                copy(file, root, null);
            }
            return;
        }
        ProgressTracker progress = new ProgressTracker(listener, files.stream().map(FileEntry::path).toList(),
                files.stream().mapToLong(FileEntry::size).toArray());
        for (int i = 0; i < files.size(); i++) {
            ProgressTracker.Counter counter = progress.counter(i);
            copy(files.get(i), root, counter);
            counter.finish(files.get(i).size());
        }
        progress.finish();
    }

    /** Refuses a target whose path leads through a link or a file, or that already exists in any form. */
    private static void check(Path root, FileEntry file) {
        Path target = target(root, file);
        for (int i = root.getNameCount(); i < target.getNameCount(); i++) {
            Path p = root.resolve(target.subpath(root.getNameCount(), i + 1));
            BasicFileAttributes attributes = attributes(p);
            if (attributes == null) {
                return;
            }
            if (p.equals(target)) {
                throw new InvalidInputException("copy target", target.toString(), "already exists");
            }
            if (attributes.isSymbolicLink()) {
                throw new InvalidInputException("copy target", p.toString(),
                        "is a symbolic link; copyTo does not write through links");
            }
            if (!attributes.isDirectory()) {
                throw new InvalidInputException("copy target", p.toString(), "exists and is not a directory");
            }
        }
    }

    private void copy(FileEntry file, Path root, ProgressTracker.Counter counter) {
        Path target = target(root, file);
        try {
            createDirectories(root, target.getParent());
            try (InputStream in = registry.open(version.ref(), file.path());
                 OutputStream out = Files.newOutputStream(target, CREATE_NEW, WRITE, NOFOLLOW_LINKS)) {
                if (counter == null) {
                    in.transferTo(out);
                } else {
                    counter.start();
                    in.transferTo(new CountingOutputStream(out, counter));
                }
            } catch (FileAlreadyExistsException e) {
                throw new InvalidInputException("copy target", target.toString(), "appeared while copying");
            } catch (RuntimeException | Error | IOException e) {
                // a failed file never stays half written, whatever stopped it (a listener may throw an Error)
                Files.deleteIfExists(target);
                throw e;
            }
        } catch (IOException e) {
            throw new StorageException("cannot copy " + version.ref() + " " + file.path() + " to " + target, e);
        }
    }

    /** Creates {@code dir} below {@code root} one component at a time, each a real directory, never a link. */
    private static void createDirectories(Path root, Path dir) throws IOException {
        Files.createDirectories(root);
        for (int i = root.getNameCount(); i < dir.getNameCount(); i++) {
            Path p = root.resolve(dir.subpath(root.getNameCount(), i + 1));
            try {
                Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                BasicFileAttributes attributes = attributes(p);
                if (attributes == null || !attributes.isDirectory()) {
                    throw new InvalidInputException("copy target", p.toString(),
                            "is not a directory (a symbolic link or a file appeared while copying)");
                }
            }
        }
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
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
