package dev.modelregistry.search;

import dev.modelregistry.InvalidInputException;

/** The size limits of a filter tree: {@link Filter#COMPARISONS} comparisons, {@link Filter#DEPTH} levels. */
final class Shape {

    private Shape() {
    }

    static void check(Filter filter) {
        int comparisons = count(filter, 1);
        if (comparisons > Filter.COMPARISONS) {
            throw new InvalidInputException("filter", abbreviated(filter), "holds " + comparisons
                    + " comparisons, more than " + Filter.COMPARISONS);
        }
    }

    private static int count(Filter filter, int depth) {
        if (depth > Filter.DEPTH) {
            throw new InvalidInputException("filter", abbreviated(filter), "nests deeper than " + Filter.DEPTH);
        }
        if (filter instanceof Filter.And and) {
            return and.filters().stream().mapToInt(f -> count(f, depth + 1)).sum();
        }
        if (filter instanceof Filter.Or or) {
            return or.filters().stream().mapToInt(f -> count(f, depth + 1)).sum();
        }
        if (filter instanceof Filter.Not not) {
            return count(not.filter(), depth + 1);
        }
        return filter instanceof Filter.All ? 0 : 1;
    }

    private static String abbreviated(Filter filter) {
        return filter.toString();
    }
}
