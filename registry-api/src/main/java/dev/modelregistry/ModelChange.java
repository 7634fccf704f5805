package dev.modelregistry;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded change to the mutable metadata of a model (its description or a tag).
 *
 * @param model    the model that changed
 * @param field    {@code "description"} or {@code "tag:<key>"}
 * @param oldValue the value before, {@code null} if there was none
 * @param newValue the value after, {@code null} if it was removed
 * @param actor    who changed it
 * @param at       when
 */
public record ModelChange(String model, String field, String oldValue, String newValue, String actor, Instant at) {

    public ModelChange {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }
}
