package dev.modelregistry.junit;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The version an {@link Evaluates} test validates, and the metrics the test reports about it; they
 * are recorded with the evaluation. Used by the one test thread that received it.
 */
public final class Candidate {

    private final Registry registry;
    private final ModelVersion version;
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    Candidate(Registry registry, ModelVersion version) {
        this.registry = registry;
        this.version = version;
    }

    /** The version under test, as resolved when the test started. */
    public ModelVersion version() {
        return version;
    }

    /** The bytes of one of its files, verified against their digest. */
    public byte[] read(String path) {
        try (InputStream in = registry.open(version, path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path + " of " + version.ref(), e);
        }
    }

    /**
     * Reports a metric of the evaluation; the last value reported for a key counts.
     *
     * @return this candidate
     */
    public Candidate metric(String key, double value) {
        metrics.put(Objects.requireNonNull(key, "key"), value);
        return this;
    }

    Map<String, Double> metrics() {
        return Collections.unmodifiableMap(metrics);
    }
}
