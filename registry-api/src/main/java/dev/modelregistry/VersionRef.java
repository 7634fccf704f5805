package dev.modelregistry;

import java.util.Objects;

/**
 * Names one version of one model, such as {@code fraud-detector v7}. A reference does not say the
 * version exists.
 *
 * @param model   the model name
 * @param version the version number, starting at 1
 */
public record VersionRef(String model, int version) {

    public VersionRef {
        Objects.requireNonNull(model, "model");
        if (version < 1) {
            throw new InvalidInputException("version number", Integer.toString(version), "versions start at 1");
        }
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
