package dev.modelregistry.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The reference for durable writes: appending 4 KiB to a file and forcing it to the disk, which is
 * the least any durable commit costs (H2's {@code CHECKPOINT SYNC} and PostgreSQL's WAL flush are
 * each at least one such sync). On a shared machine this is what varies most from run to run.
 * Not thread-safe.
 */
final class FsyncProbe implements AutoCloseable {

    private static final int BLOCK = 4096;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer block = ByteBuffer.allocate(BLOCK);
    private final Latencies latencies = new Latencies(256);

    FsyncProbe(Path dir) throws IOException {
        this.file = Files.createDirectories(dir).resolve("fsync-probe.bin");
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Appends and forces {@code count} blocks, timing each. */
    void run(int count) {
        try {
            for (int i = 0; i < count; i++) {
                block.clear();
                long start = System.nanoTime();
                channel.write(block, channel.size());
                channel.force(false);
                latencies.add(System.nanoTime() - start);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Latencies latencies() {
        return latencies;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
