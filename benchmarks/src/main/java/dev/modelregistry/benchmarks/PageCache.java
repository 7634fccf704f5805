package dev.modelregistry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Puts the machine in the same state before every timed run: nothing dirty waiting to be written
 * (so one subject never pays for the writes of the one before), and, for cold-cache reads, nothing cached.
 */
final class PageCache {

    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private PageCache() {
    }

    /** Writes all dirty pages of the machine to disk ({@code sync}), so the next run starts clean. */
    static void settle(Path dir) throws IOException {
        Processes.run(List.of("sync"), dir);
    }

    /**
     * Empties the page cache (needs root, and a kernel that lets a container do it). Affects the
     * whole machine, which is why only the cold-read case asks for it.
     *
     * @return whether it worked
     */
    static boolean drop(Path dir) {
        try {
            settle(dir);
            Files.writeString(DROP_CACHES, "3");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Reads every byte of {@code files} so that they are in the page cache. */
    static void warm(List<Path> files) throws IOException {
        byte[] buffer = new byte[1024 * 1024];
        for (Path file : files) {
            try (var in = Files.newInputStream(file)) {
                while (in.read(buffer) >= 0) {
                    // reading is the point
                }
            }
        }
    }
}
