package dev.modelregistry.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random bytes on disk to store: one file, or a directory of files. Random content defeats
 * compression and any deduplication below the registry, so every tool moves every byte.
 *
 * @param root  the file, or the directory
 * @param files the regular files, sorted
 * @param bytes their total size
 */
record Dataset(Path root, List<Path> files, long bytes) {

    private static final int CHUNK = 1024 * 1024;

    Dataset {
        files = List.copyOf(files);
    }

    boolean isDirectory() {
        return Files.isDirectory(root);
    }

    /** Writes {@code size} random bytes to {@code file}. */
    static Dataset file(Path file, long size, long seed) throws IOException {
        write(file, size, new SplittableRandom(seed));
        return new Dataset(file, List.of(file), size);
    }

    /** Writes {@code count} files of random bytes, {@code total} bytes in all, under a new directory {@code dir}. */
    static Dataset directory(Path dir, long total, int count, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long size = total / count + (i < total % count ? 1 : 0);
            // zero-padded so that the sorted order is the numeric order, as sharded checkpoints name files
            Path file = dir.resolve(String.format("shard-%05d-of-%05d.bin", i + 1, count));
            write(file, size, random);
            files.add(file);
        }
        return new Dataset(dir, files, total);
    }

    private static void write(Path file, long size, SplittableRandom random) throws IOException {
        byte[] buffer = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= CHUNK) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(CHUNK, left));
            }
        }
    }
}
