package dev.modelregistry.search;

import dev.modelregistry.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A search for versions: which ({@link Filter}), in what order, how many per page, from where.
 *
 * <pre>{@code
 * SearchQuery.where("stage = 'PRODUCTION' AND tags.team = 'risk' AND metrics.auc > 0.9")
 *         .orderBy(Field.createdAt().desc())
 *         .limit(50)
 * }</pre>
 *
 * <p>Results are ordered by {@code order}, then by model name and version number so that the order
 * is total; without {@code order}, newest first ({@code created_at DESC}).
 *
 * @param filter    which versions
 * @param order     the ordering keys, at most {@value #ORDER_KEYS}
 * @param limit     results per page, 1 to {@value #MAX_LIMIT}
 * @param after     the cursor of the page before ({@link Page#next}); empty for the first page
 * @param counted   whether the page also counts every result of the search
 */
public record SearchQuery(Filter filter, List<Order> order, int limit, Optional<String> after, boolean counted) {

    /** Results per page when a query does not say. */
    public static final int DEFAULT_LIMIT = 100;
    /** Most results one page may hold. */
    public static final int MAX_LIMIT = 1_000;
    /** Most ordering keys. */
    public static final int ORDER_KEYS = 8;
    /** Longest filter text {@link #where(String)} parses. */
    public static final int FILTER_LENGTH = 16_384;

    public SearchQuery {
        Objects.requireNonNull(filter, "filter");
        order = List.copyOf(order);
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("page size", Integer.toString(limit), "not between 1 and " + MAX_LIMIT);
        }
        if (order.size() > ORDER_KEYS) {
            throw new InvalidInputException("order", order.toString(), "more than " + ORDER_KEYS + " keys");
        }
        Shape.check(filter);
    }

    /** Every version, newest first. */
    public static SearchQuery all() {
        return where(Filter.ALL);
    }

    /** The versions {@code filter} matches. */
    public static SearchQuery where(Filter filter) {
        return new SearchQuery(filter, List.of(), DEFAULT_LIMIT, Optional.empty(), false);
    }

    /**
     * The versions a filter text matches (docs/SEARCH.md).
     *
     * @throws SearchSyntaxException if the text is not a filter
     * @throws InvalidInputException if it is too long or compares a field with a value of the wrong type
     */
    public static SearchQuery where(String filter) {
        return where(Filter.parse(filter));
    }

    /** This query ordered by {@code keys}, replacing any order it had. */
    public SearchQuery orderBy(Order... keys) {
        return new SearchQuery(filter, List.of(keys), limit, after, counted);
    }

    /**
     * This query ordered by keys in the language, MLflow's {@code order_by} form:
     * {@code "metrics.auc DESC"}, {@code "name"}, {@code "version_number ASC"}.
     *
     * @throws SearchSyntaxException if a key is not a field followed by an optional ASC or DESC
     */
    public SearchQuery orderBy(String... keys) {
        List<Order> parsed = new ArrayList<>();
        for (String key : keys) {
            parsed.add(FilterParser.order(key));
        }
        return new SearchQuery(filter, parsed, limit, after, counted);
    }

    /** This query with {@code limit} results per page. */
    public SearchQuery limit(int limit) {
        return new SearchQuery(filter, order, limit, after, counted);
    }

    /** The page after the one {@code cursor} came with. */
    public SearchQuery after(String cursor) {
        return new SearchQuery(filter, order, limit, Optional.of(cursor), counted);
    }

    /** This query, also counting every result. */
    public SearchQuery withTotal() {
        return new SearchQuery(filter, order, limit, after, true);
    }
}
