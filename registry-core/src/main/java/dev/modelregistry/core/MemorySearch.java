package dev.modelregistry.core;

import dev.modelregistry.Evaluation;
import dev.modelregistry.VersionRef;
import dev.modelregistry.search.Filter;
import dev.modelregistry.spi.SearchHit;
import dev.modelregistry.spi.SearchRequest;
import dev.modelregistry.spi.VersionRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The searches of an {@link InMemoryMetadataStore}, by evaluating the filter on every version with
 * {@link SearchMatcher}: the reference the SQL backends are tested against. Not thread-safe: guarded
 * by the store's lock.
 */
final class MemorySearch {

    private final MemoryState state;

    MemorySearch(MemoryState state) {
        this.state = state;
    }

    List<SearchHit> search(SearchRequest request) {
        var order = SearchMatcher.keyOrder(request.order());
        return state.allVersions()
                .map(this::view)
                .filter(view -> SearchMatcher.matches(request.filter(), view))
                .map(view -> new SearchHit(view.ref(), SearchMatcher.keys(request.order(), view)))
                .filter(hit -> request.after().isEmpty() || order.compare(hit.keys(), request.after()) > 0)
                .sorted((a, b) -> order.compare(a.keys(), b.keys()))
                .limit(request.limit())
                .toList();
    }

    long count(Filter filter) {
        return state.allVersions().map(this::view).filter(view -> SearchMatcher.matches(filter, view)).count();
    }

    List<VersionRecord> versionsOf(Collection<VersionRef> versions) {
        return new LinkedHashSet<>(versions).stream()
                .flatMap(ref -> state.find(ref.model(), ref.version()).stream())
                .map(MemoryState.VersionState::toRecord)
                .toList();
    }

    private SearchView view(MemoryState.VersionState v) {
        Set<String> aliases = state.model(v.registered.model()).orElseThrow().aliases.entrySet().stream()
                .filter(e -> e.getValue() == v.number).map(Map.Entry::getKey).collect(Collectors.toSet());
        Map<String, Map<String, Double>> latest = new HashMap<>();
        for (Evaluation e : v.evaluations) {
            latest.put(e.name(), e.metrics());
        }
        return new SearchView(v.toRecord(), aliases, v.registered.lineage(), latest);
    }
}
