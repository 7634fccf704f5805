package dev.modelregistry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's I/O counters from {@code /proc/self/io} (Linux): {@code wchar} counts every byte
 * passed to {@code write()}-like calls, {@code write_bytes} the bytes it caused to be sent to storage.
 * Both cover all threads, so H2's metadata writes are included.
 *
 * @param wchar      bytes handed to the kernel for writing, or -1 if not available
 * @param writeBytes bytes dirtied for storage, or -1 if not available
 */
record ProcessIo(long wchar, long writeBytes) {

    private static final Path IO = Path.of("/proc/self/io");

    static ProcessIo now() {
        long wchar = -1;
        long writeBytes = -1;
        try {
            for (String line : Files.readAllLines(IO)) {
                String[] kv = line.split(":\\s*");
                if (kv[0].equals("wchar")) {
                    wchar = Long.parseLong(kv[1].trim());
                } else if (kv[0].equals("write_bytes")) {
                    writeBytes = Long.parseLong(kv[1].trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc not mounted: the counters are reported as unavailable
        }
        return new ProcessIo(wchar, writeBytes);
    }

    boolean available() {
        return wchar >= 0;
    }

    ProcessIo minus(ProcessIo before) {
        return new ProcessIo(wchar - before.wchar, writeBytes - before.writeBytes);
    }
}
