package dev.modelregistry.search;

import dev.modelregistry.ModelVersion;

/**
 * Finds versions across every model by what they are and what was recorded about them
 * (docs/SEARCH.md). Obtained from {@link dev.modelregistry.Registry#search()}.
 *
 * <pre>{@code
 * SearchQuery query = SearchQuery.where("stage = 'PRODUCTION' AND tags.team = 'risk' AND metrics.auc > 0.9")
 *         .orderBy(Field.metric("auc").desc());
 * Page<ModelVersion> page = registry.search().versions(query);
 * while (page.next().isPresent()) {
 *     page = registry.search().versions(query.after(page.next().get()));
 * }
 * }</pre>
 *
 * <p>Pages are read with keyset cursors, so paging does not slow down as it goes and stays exact while
 * other processes register and promote versions: a version that matches from the first page to the
 * last, and whose ordering values do not change meanwhile, is returned exactly once.
 *
 * <p>Thread-safe.
 */
public interface Search {

    /**
     * One page of the versions the query matches, in its order.
     *
     * @throws dev.modelregistry.InvalidInputException if the query's cursor is not one this query handed out
     * @throws dev.modelregistry.StorageException      if the storage fails
     */
    Page<ModelVersion> versions(SearchQuery query);

    /**
     * The first page of the versions a filter text matches, newest first.
     *
     * @throws SearchSyntaxException                   if the text is not a filter
     * @throws dev.modelregistry.InvalidInputException if it compares a field with a value of the wrong type
     */
    default Page<ModelVersion> versions(String filter) {
        return versions(SearchQuery.where(filter));
    }

    /**
     * How many versions {@code filter} matches.
     *
     * @throws dev.modelregistry.StorageException if the storage fails
     */
    long count(Filter filter);
}
