package dev.modelregistry.jdbc;

import dev.modelregistry.search.Filter;

/**
 * Picks the versions an index can find for a filter, a superset of those it matches, so that a search
 * reads them instead of every version. Null when no part of the filter is indexed.
 */
final class SearchDriver {

    private SearchDriver() {
    }

    static SqlText of(Filter filter) {
        return null;
    }
}
