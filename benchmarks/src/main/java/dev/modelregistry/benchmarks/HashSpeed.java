package dev.modelregistry.benchmarks;

import java.security.MessageDigest;
import java.util.Random;

/**
 * The JDK's SHA-256 throughput on one core, measured in the run it is reported in: hashing in memory,
 * so no I/O counts. A reader that verifies one SHA-256 over every byte cannot be faster than this, as
 * SHA-256 is sequential (each block depends on the one before).
 */
final class HashSpeed {

    private static final int BUFFER = 8 * 1024 * 1024;
    private static final int ROUNDS = 64;
    private static final int TRIES = 5;

    private HashSpeed() {
    }

    /** Bytes per second of one SHA-256 stream; the best of a few tries, so a busy moment counts less. */
    static double oneCore() {
        byte[] data = new byte[BUFFER];
        new Random(42).nextBytes(data);
        MessageDigest digest = SyntheticCatalog.sha256();
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < TRIES; attempt++) {
            long start = System.nanoTime();
            for (int round = 0; round < ROUNDS; round++) {
                digest.update(data);
            }
            digest.digest();
            best = Math.min(best, System.nanoTime() - start);
        }
        return (double) BUFFER * ROUNDS / (best / 1e9);
    }
}
