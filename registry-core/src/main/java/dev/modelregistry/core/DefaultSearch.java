package dev.modelregistry.core;

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
 * the store, then the hits' records in one more read, and makes the cursor of the next page.
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
        List<SearchHit> hits = metadata.search(new SearchRequest(query.filter(), order, after, query.limit() + 1));
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
        OptionalLong total = query.counted() ? OptionalLong.of(metadata.count(query.filter())) : OptionalLong.empty();
        return new Page<>(items, next, total);
    }

    @Override
    public long count(Filter filter) {
        registry.checkOpen();
        Objects.requireNonNull(filter, "filter");
        return metadata.count(filter);
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
