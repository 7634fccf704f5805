package dev.modelregistry.benchmarks.jmh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SHA-256 throughput of this JDK on 1 MiB chunks: the ceiling of every verified read and the CPU
 * cost of every registration. One operation hashes 1 MiB, so MB/s = ops/s × 1.048576.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Sha256Benchmark {

    private final byte[] chunk = new byte[1024 * 1024];
    private MessageDigest sha256;

    /** Fills the chunk with random bytes. */
    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        new SplittableRandom(1).nextBytes(chunk);
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    /** Hashes 1 MiB. */
    @Benchmark
    public byte[] sha256OneMebibyte() {
        sha256.update(chunk);
        return sha256.digest();
    }
}
