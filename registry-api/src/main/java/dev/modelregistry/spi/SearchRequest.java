package dev.modelregistry.spi;

import dev.modelregistry.search.Filter;
import dev.modelregistry.search.Order;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One page of a search, as the core asks a store for it.
 *
 * @param filter which versions
 * @param order  the complete order: the caller's keys, then the model name and the version number
 *               unless the caller's keys already hold them, so that no two versions tie
 * @param after  the key values ({@link SearchHit#keys}) of the last version of the page before,
 *               one per key of {@code order}, null where that version had no value; empty for the
 *               first page
 * @param limit  most hits to return
 */
public record SearchRequest(Filter filter, List<Order> order, List<Object> after, int limit) {

    public SearchRequest {
        Objects.requireNonNull(filter, "filter");
        order = List.copyOf(order);
        after = Collections.unmodifiableList(new ArrayList<>(after));
        if (!after.isEmpty() && after.size() != order.size()) {
            throw new IllegalArgumentException("after holds " + after.size() + " values for " + order.size()
                    + " keys");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit);
        }
    }
}
