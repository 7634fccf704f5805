package dev.modelregistry.benchmarks.jmh;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.core.InMemoryArtifactStore;
import dev.modelregistry.core.InMemoryMetadataStore;
import dev.modelregistry.core.Registries;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading a 64 MiB blob held in memory, plainly from the store and verified through
 * {@code registry.open}: with no disk involved, this isolates what verification costs the reader.
 * One operation reads the whole blob.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifiedReadBenchmark {

    private static final int SIZE = 64 * 1024 * 1024;

    /** Bytes per {@code read} call: 8 KiB is what {@code InputStream.transferTo} uses. */
    @Param({"8192", "1048576"})
    public int bufferSize;

    private InMemoryArtifactStore store;
    private Registry registry;
    private ModelVersion version;
    private byte[] buffer;

    /** Registers the blob. */
    @Setup
    public void setUp() {
        byte[] content = new byte[SIZE];
        new SplittableRandom(1).nextBytes(content);
        store = new InMemoryArtifactStore();
        registry = Registries.builder().metadataStore(new InMemoryMetadataStore()).artifactStore(store).build();
        version = registry.register("bench").content("blob.bin", content).commit();
        buffer = new byte[bufferSize];
    }

    /** Closes the registry. */
    @TearDown
    public void tearDown() {
        registry.close();
    }

    /** The store's stream, unverified. */
    @Benchmark
    public long plain() throws IOException {
        return drain(store.open(version.files().get(0).sha256()).orElseThrow());
    }

    /** The registry's verified stream. */
    @Benchmark
    public long verified() throws IOException {
        return drain(registry.open(version, "blob.bin"));
    }

    private long drain(InputStream stream) throws IOException {
        long total = 0;
        try (InputStream in = stream) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        }
        return total;
    }
}
