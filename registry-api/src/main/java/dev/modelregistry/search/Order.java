package dev.modelregistry.search;

import dev.modelregistry.InvalidInputException;
import java.util.Objects;

/**
 * One ordering key of a search. Versions without a value for the field (a missing tag or metric)
 * come after those with one, in either direction.
 *
 * @param field      what to order by; any field but {@code alias}, {@code dataset} and {@code parent},
 *                   which can hold several values
 * @param descending whether larger values come first
 */
public record Order(Field field, boolean descending) {

    public Order {
        Objects.requireNonNull(field, "field");
        if (field.kind().multiValued()) {
            throw new InvalidInputException("order field", field.toString(),
                    "a version can have several values of it; order by a field with one value per version");
        }
    }

    /** Smaller values first. */
    public static Order asc(Field field) {
        return new Order(field, false);
    }

    /** Larger values first. */
    public static Order desc(Field field) {
        return new Order(field, true);
    }

    @Override
    public String toString() {
        return field + (descending ? " DESC" : " ASC");
    }
}
