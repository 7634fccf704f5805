package dev.modelregistry.search;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of search results.
 *
 * @param items the results, in the query's order
 * @param next  the cursor of the next page ({@link SearchQuery#after}), empty on the last page
 * @param total how many results the whole search has, when the query asked for it
 * @param <T>   what was searched for
 */
public record Page<T>(List<T> items, Optional<String> next, OptionalLong total) {

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(total, "total");
    }
}
