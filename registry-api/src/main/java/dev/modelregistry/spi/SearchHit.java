package dev.modelregistry.spi;

import dev.modelregistry.VersionRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A version a search found, with its value of each ordering key, read in the same statement.
 *
 * @param ref  the version
 * @param keys one value per key of {@link SearchRequest#order}, typed as {@link
 *             dev.modelregistry.search.Field#value} types them ({@code String}, {@code Double},
 *             {@code Long}, {@code Instant}); null where the version has none
 */
public record SearchHit(VersionRef ref, List<Object> keys) {

    public SearchHit {
        Objects.requireNonNull(ref, "ref");
        keys = Collections.unmodifiableList(new ArrayList<>(keys));
    }
}
