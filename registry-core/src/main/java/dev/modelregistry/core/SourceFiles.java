package dev.modelregistry.core;

import dev.modelregistry.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns the files and directories a user adds into {@link PendingFile}s, refusing sources that do not
 * exist and symbolic links that lead outside the added directory (which would let a registration
 * pick up, say, {@code ~/.ssh/id_rsa} through a link planted in a model directory). Each file is
 * remembered as a {@link SourceFile}, by its real path, so that {@code commit()} reads the file that
 * was checked here and nothing a link put in its place later.
 */
final class SourceFiles {

    private SourceFiles() {
    }

    static List<PendingFile> collect(Path source) {
        if (Files.isDirectory(source)) {
            return directory(source);
        }
        return List.of(PendingFile.of(FilePaths.check(fileName(source)), regularFile(source)));
    }

    /** A single file the user named; a link the user named is resolved now, once. */
    static SourceFile regularFile(Path source) {
        if (!Files.exists(source)) {
            throw new InvalidInputException("source file", source.toString(), "does not exist");
        }
        if (!Files.isRegularFile(source)) {
            throw new InvalidInputException("source file", source.toString(), "is not a regular file");
        }
        Path real = realPath(source);
        Path parent = real.getParent();
        return SourceFile.under(source, parent, SourceFile.keyOf(parent), real);
    }

    private static String fileName(Path source) {
        Path name = source.getFileName();
        if (name == null) {
            throw new InvalidInputException("source file", source.toString(), "has no file name");
        }
        return name.toString();
    }

    private static List<PendingFile> directory(Path dir) {
        Path root = realPath(dir);
        Object rootKey = SourceFile.keyOf(root);
        List<PendingFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isDirectory(p)) {
                    continue;
                }
                if (!Files.isRegularFile(p)) {
                    throw new InvalidInputException("source file", p.toString(), "is not a regular file");
                }
                Path real = realPath(p);
                if (!real.startsWith(root)) {
                    throw new InvalidInputException("source file", p.toString(),
                            "is a symbolic link to " + real + ", outside " + root);
                }
                String relative = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                files.add(PendingFile.of(FilePaths.check(relative), SourceFile.under(p, root, rootKey, real)));
            }
        } catch (IOException e) {
            throw new InvalidInputException("source directory", dir.toString(), "cannot be read: " + e);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException("source directory", dir.toString(), "cannot be read: " + e.getCause());
        }
        return files;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException("source file", p.toString(), "cannot be resolved: " + e.getMessage());
        }
    }
}
