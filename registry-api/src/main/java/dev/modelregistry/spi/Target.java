package dev.modelregistry.spi;

import java.util.Objects;

/**
 * What a change or a precondition is about: a model, or one version of it.
 *
 * @param model   model name
 * @param version version number, or {@value #MODEL} for the model itself
 */
public record Target(String model, int version) {

    /** The {@code version} of a target that is the model itself. */
    public static final int MODEL = 0;

    public Target {
        Objects.requireNonNull(model, "model");
        if (version < 0) {
            throw new IllegalArgumentException("version " + version + " of " + model);
        }
    }

    /** The model itself. */
    public static Target model(String model) {
        return new Target(model, MODEL);
    }

    /** One version of a model. */
    public static Target version(String model, int version) {
        if (version == MODEL) {
            throw new IllegalArgumentException("version 0 of " + model);
        }
        return new Target(model, version);
    }

    /** Whether this is a version rather than the model itself. */
    public boolean isVersion() {
        return version != MODEL;
    }

    @Override
    public String toString() {
        return isVersion() ? model + " v" + version : model;
    }
}
