package dev.modelregistry;

import java.util.Objects;

/**
 * Names one version of one model, such as {@code fraud-detector v7}. A reference does not say the
 * version exists: {@code VersionRef.of("m", 0)} is a reference to a version that never exists, which
 * lookups do not find and operations report as not found, just like {@code registry.version("m", 0)}.
 *
 * @param model   the model name
 * @param version the version number; versions are numbered from 1
 */
public record VersionRef(String model, int version) {

    public VersionRef {
        Objects.requireNonNull(model, "model");
    }

    /** Shorthand for {@code new VersionRef(model, version)}. */
    public static VersionRef of(String model, int version) {
        return new VersionRef(model, version);
    }

    /** {@code model vN}, for example {@code fraud-detector v7}. */
    @Override
    public String toString() {
        return model + " v" + version;
    }
}
