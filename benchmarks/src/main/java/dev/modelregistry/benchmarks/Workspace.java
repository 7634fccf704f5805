package dev.modelregistry.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** The scratch directory of a run: everything the suite writes lives here and is deleted after use. */
final class Workspace implements AutoCloseable {

    private final Path root;

    Workspace(Path root) throws IOException {
        this.root = root;
        delete(root);
        Files.createDirectories(root);
    }

    Path root() {
        return root;
    }

    /** An empty directory {@code name}, deleting what a previous use left there. */
    Path fresh(String name) throws IOException {
        Path dir = root.resolve(name);
        delete(dir);
        return Files.createDirectories(dir);
    }

    /** Deletes {@code path} and everything under it, if it exists. */
    static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /** Bytes (apparent size) and count of the regular files under {@code dir}. */
    static long[] usage(Path dir) throws IOException {
        long[] bytesAndFiles = new long[2];
        if (!Files.exists(dir)) {
            return bytesAndFiles;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    bytesAndFiles[0] += attrs.size();
                    bytesAndFiles[1]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return bytesAndFiles;
    }

    @Override
    public void close() {
        delete(root);
    }
}
