package dev.modelregistry.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap use over a stretch of code: the heap pools' peaks are reset at the start and summed at
 * the end. The sum of per-pool peaks is an upper bound of the true peak (pools peak at different
 * moments) and counts garbage not yet collected, so it overstates, never understates, what was held.
 */
final class HeapPeak {

    private HeapPeak() {
    }

    /** Collects garbage (so earlier work does not count) and resets the peaks. */
    static void reset() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Bytes: the sum of the heap pools' peak use since {@link #reset()}. */
    static long peak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The heap limit ({@code -Xmx}) in bytes. */
    static long max() {
        return Runtime.getRuntime().maxMemory();
    }
}
