package dev.modelregistry.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one thing (nanoseconds, bytes, …); reported by their median. */
final class Samples {

    private final List<Long> values = new ArrayList<>();

    void add(long value) {
        values.add(value);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** The median; the mean of the two middle values for an even count. */
    double median() {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    long min() {
        return values.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    long max() {
        return values.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /** {@code 2.41 s (2.30–2.95)}: median and range of nanosecond samples. */
    String seconds() {
        return String.format(Locale.ROOT, "%.2f s (%.2f–%.2f)", median() / 1e9, min() / 1e9, max() / 1e9);
    }

    /** Throughput in MB/s (10^6 bytes per second) of moving {@code bytes} in the median time. */
    String throughput(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB/s", bytes / (median() / 1e9) / 1e6);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
