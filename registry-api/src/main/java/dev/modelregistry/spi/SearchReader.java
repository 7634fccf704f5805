package dev.modelregistry.spi;

import dev.modelregistry.search.Filter;
import java.util.List;

/**
 * Evaluates searches: the filter tree of {@code dev.modelregistry.search}, with the meaning its
 * Javadoc and docs/SEARCH.md give it, in the order of the request. The in-memory store is the
 * reference every other backend must agree with, hit for hit and in the same order. Each method
 * reads one committed state. Implementations must be thread-safe.
 */
public interface SearchReader {

    /**
     * The versions the request's filter matches that come after {@link SearchRequest#after} in its
     * order, at most {@link SearchRequest#limit} of them, in order.
     */
    List<SearchHit> search(SearchRequest request);

    /** How many versions {@code filter} matches. */
    long count(Filter filter);
}
