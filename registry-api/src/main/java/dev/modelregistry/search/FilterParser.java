package dev.modelregistry.search;

/** The filter language's parser (docs/SEARCH.md). */
final class FilterParser {

    private FilterParser() {
    }

    static Filter filter(String text) {
        throw new UnsupportedOperationException("not yet");
    }

    static Order order(String text) {
        throw new UnsupportedOperationException("not yet");
    }
}
