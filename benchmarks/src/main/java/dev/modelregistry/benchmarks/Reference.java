package dev.modelregistry.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A tool the registry is timed against, on the same data in the same run.
 *
 * @param name        as shown in the table
 * @param measures    one line on what it does to the data, for the legend
 * @param unavailable why it cannot run here, or empty if it can
 * @param runner      runs it once on a data set, writing only under a given empty directory
 */
record Reference(String name, String measures, Optional<String> unavailable, Runner runner) {

    /** One timed run. */
    @FunctionalInterface
    interface Runner {
        /** Returns the wall time in nanoseconds; untimed preparation happens before the clock starts. */
        long run(Dataset data, Path out) throws IOException;
    }

    static Reference available(String name, String measures, Runner runner) {
        return new Reference(name, measures, Optional.empty(), runner);
    }

    static Reference missing(String name, String measures, String why) {
        return new Reference(name, measures, Optional.of(why), (data, out) -> {
            throw new IllegalStateException(name + " is not available: " + why);
        });
    }
}
