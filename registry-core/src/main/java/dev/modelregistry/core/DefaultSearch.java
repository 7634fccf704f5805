package dev.modelregistry.core;

import dev.modelregistry.access.Scope;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.VersionRef;
import dev.modelregistry.search.Field;
import dev.modelregistry.search.Filter;
import dev.modelregistry.search.Order;
import dev.modelregistry.search.Page;
import dev.modelregistry.search.Search;
import dev.modelregistry.search.SearchQuery;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.SearchHit;
import dev.modelregistry.spi.SearchRequest;
import dev.modelregistry.spi.VersionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The search concern: completes the order so that no two versions tie, reads one page of hits from
 * the store, then the hits' records in one more read, and makes the cursor of the next page. Under
 * access control the store's filter is the query's AND the scopes the principal may read, so that
 * pages, cursors and totals only ever count readable versions; a custom policy, whose answers only
 * it knows, has each hit checked instead (docs/ACCESS.md, "Search").
 */
final class DefaultSearch implements Search {

    private static final Order NEWEST_FIRST = Field.createdAt().desc();

    private final DefaultRegistry registry;
    private final MetadataStore metadata;

    DefaultSearch(DefaultRegistry registry, MetadataStore metadata) {
        this.registry = registry;
        this.metadata = metadata;
    }

    @Override
    public Page<ModelVersion> versions(SearchQuery query) {
        registry.checkOpen();
        List<Order> order = order(query.order());
        List<Object> after = query.after().map(c -> SearchCursors.decode(c, query.filter(), order)).orElse(List.of());
        Optional<Filter> filter = readable(query.filter());
        if (filter.isEmpty()) {
            return new Page<>(List.of(), Optional.empty(), query.counted() ? OptionalLong.of(0) : OptionalLong.empty());
        }
        List<SearchHit> hits = hits(new SearchRequest(filter.get(), order, after, query.limit() + 1));
        boolean more = hits.size() > query.limit();
        List<SearchHit> page = more ? hits.subList(0, query.limit()) : hits;
        Map<VersionRef, VersionRecord> records = metadata.versionsOf(page.stream().map(SearchHit::ref).toList())
                .stream().collect(Collectors.toMap(r -> VersionRef.of(r.model(), r.version()), Function.identity()));
        List<ModelVersion> items = new ArrayList<>(page.size());
        for (SearchHit hit : page) {
            VersionRecord record = records.get(hit.ref());
            if (record != null) {
                items.add(registry.toModelVersion(record));
            }
        }
        Optional<String> next = more
                ? Optional.of(SearchCursors.encode(query.filter(), order, page.get(page.size() - 1).keys()))
                : Optional.empty();
        OptionalLong total = query.counted() ? OptionalLong.of(readableCount(filter.get())) : OptionalLong.empty();
        return new Page<>(items, next, total);
    }

    @Override
    public long count(Filter filter) {
        registry.checkOpen();
        Objects.requireNonNull(filter, "filter");
        return readable(filter).map(this::readableCount).orElse(0L);
    }

    /**
     * {@code filter} restricted to what the principal may read: unchanged without access control or
     * for one that may read every model, AND the readable models and namespaces otherwise; empty if
     * it may read nothing.
     */
    private Optional<Filter> readable(Filter filter) {
        AccessGuard.Readable readable = registry.guard().readable();
        if (readable.all()) {
            return Optional.of(filter);
        }
        List<Filter> scopes = new ArrayList<>();
        chunks(readable.scopes(), Scope.Kind.MODEL).forEach(names -> scopes.add(Field.name().in(names)));
        chunks(readable.scopes(), Scope.Kind.NAMESPACE).forEach(names -> scopes.add(Field.namespace().in(names)));
        if (scopes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(filter.and(Filter.anyOf(scopes.toArray(Filter[]::new))));
    }

    private static List<List<String>> chunks(List<Scope> scopes, Scope.Kind kind) {
        List<String> names = scopes.stream().filter(s -> s.kind() == kind).map(Scope::name).distinct().sorted().toList();
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < names.size(); i += Filter.IN_VALUES) {
            chunks.add(names.subList(i, Math.min(names.size(), i + Filter.IN_VALUES)));
        }
        return chunks;
    }

    /** The store's hits, each checked by a custom policy if there is one. */
    private List<SearchHit> hits(SearchRequest request) {
        List<SearchHit> hits = metadata.search(request);
        AccessGuard guard = registry.guard();
        if (!guard.enforced() || guard.byGrants()) {
            return hits;
        }
        // A custom policy: read on past refused hits until the page is full or the matches end.
        List<SearchHit> allowed = new ArrayList<>();
        while (true) {
            hits.stream().filter(h -> guard.mayRead(h.ref().model())).forEach(allowed::add);
            if (allowed.size() >= request.limit() || hits.size() < request.limit()) {
                return allowed.size() > request.limit() ? allowed.subList(0, request.limit()) : allowed;
            }
            request = new SearchRequest(request.filter(), request.order(), hits.get(hits.size() - 1).keys(),
                    request.limit());
            hits = metadata.search(request);
        }
    }

    private long readableCount(Filter filter) {
        AccessGuard guard = registry.guard();
        if (!guard.enforced() || guard.byGrants()) {
            return metadata.count(filter);
        }
        long count = 0;
        List<Object> after = List.of();
        List<Order> order = order(List.of());
        while (true) {
            List<SearchHit> page = metadata.search(new SearchRequest(filter, order, after, SearchQuery.MAX_LIMIT));
            count += page.stream().filter(h -> guard.mayRead(h.ref().model())).count();
            if (page.size() < SearchQuery.MAX_LIMIT) {
                return count;
            }
            after = page.get(page.size() - 1).keys();
        }
    }

    /** The query's keys (newest first if none), then name and version unless already there. */
    static List<Order> order(List<Order> keys) {
        List<Order> order = new ArrayList<>(keys.isEmpty() ? List.of(NEWEST_FIRST) : keys);
        if (order.stream().noneMatch(o -> o.field().kind() == Field.Kind.NAME)) {
            order.add(Field.name().asc());
        }
        if (order.stream().noneMatch(o -> o.field().kind() == Field.Kind.VERSION)) {
            order.add(Field.version().desc());
        }
        return order;
    }
}
