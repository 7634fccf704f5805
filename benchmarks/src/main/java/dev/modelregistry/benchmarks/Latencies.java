package dev.modelregistry.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** Latencies of many runs of one operation, in nanoseconds, reported by percentiles. Not thread-safe. */
final class Latencies {

    private long[] nanos;
    private int count;
    private boolean sorted;

    Latencies(int expected) {
        nanos = new long[Math.max(16, expected)];
    }

    void add(long value) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = value;
        sorted = false;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.count; i++) {
            add(other.nanos[i]);
        }
    }

    int count() {
        return count;
    }

    /** The nearest-rank percentile, {@code p} in (0, 100]: the smallest sample with at least p% of samples at or below it. */
    long percentile(double p) {
        if (count == 0) {
            throw new IllegalStateException("no samples");
        }
        if (!sorted) {
            Arrays.sort(nanos, 0, count);
            sorted = true;
        }
        int rank = (int) Math.ceil(p / 100 * count);
        return nanos[Math.max(0, Math.min(count, rank) - 1)];
    }

    long p50() {
        return percentile(50);
    }

    long p99() {
        return percentile(99);
    }

    /** {@code 0.412 ms}. */
    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
}
