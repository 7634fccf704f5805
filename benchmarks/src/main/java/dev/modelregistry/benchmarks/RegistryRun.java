package dev.modelregistry.benchmarks;

import dev.modelregistry.Registry;
import dev.modelregistry.embedded.EmbeddedRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * One run of the registry on a data set: register it into a fresh embedded registry, register the
 * identical content again, and (for a directory) register it once more with one file changed.
 */
final class RegistryRun {

    static final String NAME = "registry: register + commit";
    private static final String MODEL = "bench-model";
    private static final int CHANGED_BYTES = 4096;

    /** What one run measured; times in nanoseconds, sizes in bytes. */
    record Result(long open, long register, long registerHeap, Step identical, Step oneChanged) {
    }

    /**
     * A registration of content mostly or wholly stored already.
     *
     * @param nanos       wall time of register + commit
     * @param heap        peak heap during it
     * @param addedBytes  growth of the artifacts directory (blobs and temp files)
     * @param addedFiles  files added to the artifacts directory
     * @param io          bytes this process wrote meanwhile, H2's metadata included
     */
    record Step(long nanos, long heap, long addedBytes, long addedFiles, ProcessIo io) {
    }

    private RegistryRun() {
    }

    static Result run(Dataset data, Path out) throws IOException {
        Path root = out.resolve("registry");
        long opening = System.nanoTime();
        try (Registry registry = EmbeddedRegistry.open(root)) {
            long open = System.nanoTime() - opening;
            HeapPeak.reset();
            long start = System.nanoTime();
            registry.register(MODEL).file(data.root()).commit();
            long register = System.nanoTime() - start;
            long heap = HeapPeak.peak();

            Path artifacts = EmbeddedRegistry.artifactsDirectory(root);
            Step identical = step(registry, data, artifacts, out);
            Step oneChanged = data.isDirectory() ? withOneFileChanged(registry, data, artifacts, out) : null;
            return new Result(open, register, heap, identical, oneChanged);
        }
    }

    private static Step step(Registry registry, Dataset data, Path artifacts, Path out) throws IOException {
        PageCache.settle(out);
        long[] before = Workspace.usage(artifacts);
        ProcessIo io = ProcessIo.now();
        HeapPeak.reset();
        long start = System.nanoTime();
        registry.register(MODEL).file(data.root()).commit();
        long nanos = System.nanoTime() - start;
        long heap = HeapPeak.peak();
        ProcessIo written = ProcessIo.now().minus(io);
        long[] after = Workspace.usage(artifacts);
        return new Step(nanos, heap, after[0] - before[0], after[1] - before[1], written);
    }

    /** Overwrites the start of the first file, registers, and puts the original bytes back. */
    private static Step withOneFileChanged(Registry registry, Dataset data, Path artifacts, Path out) throws IOException {
        Path file = data.files().get(0);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer original = ByteBuffer.allocate(CHANGED_BYTES);
            channel.read(original, 0);
            byte[] changed = new byte[CHANGED_BYTES];
            new SplittableRandom().nextBytes(changed);
            channel.write(ByteBuffer.wrap(changed), 0);
            try {
                return step(registry, data, artifacts, out);
            } finally {
                channel.write(original.flip(), 0);
            }
        }
    }
}
