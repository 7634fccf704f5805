/**
 * Searching versions: the filter language ({@link dev.modelregistry.search.Filter#parse}), the typed
 * builder that makes the same trees from Java ({@link dev.modelregistry.search.Field}), ordering, and
 * keyset-paged results ({@link dev.modelregistry.search.Page}). docs/SEARCH.md has the grammar and
 * the meaning of every field and operator. For users of the registry; backends receive the same trees
 * through {@link dev.modelregistry.spi.SearchReader}.
 */
package dev.modelregistry.search;
