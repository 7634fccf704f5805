package dev.modelregistry.core;

import dev.modelregistry.VersionRef;
import dev.modelregistry.search.Field;
import dev.modelregistry.spi.LineageRecord;
import dev.modelregistry.spi.VersionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a search sees of one version: its record, its aliases, its lineage links and the metrics of
 * the latest evaluation under each name. {@link #values} gives a field's values as {@link
 * Field#value} types them, which is what {@link SearchMatcher} compares and orders by.
 *
 * @param record      the version
 * @param aliases     the aliases pointing at it
 * @param lineage     its recorded lineage links
 * @param evaluations metrics of the latest evaluation of each name, by name
 */
record SearchView(VersionRecord record, Set<String> aliases, LineageRecord lineage,
                  Map<String, Map<String, Double>> evaluations) {

    SearchView {
        Objects.requireNonNull(record, "record");
        aliases = Set.copyOf(aliases);
        Objects.requireNonNull(lineage, "lineage");
        evaluations = Map.copyOf(evaluations);
    }

    VersionRef ref() {
        return VersionRef.of(record.model(), record.version());
    }

    /**
     * The field's values: none if the version has no value for it, several only for the multi-valued
     * fields. A dataset gives its URI hash and, when known, its digest; a parent gives
     * {@code model@version}.
     */
    List<Object> values(Field field) {
        return switch (field.kind()) {
            case NAME -> List.of(record.model());
            case NAMESPACE -> List.of(namespace(record.model()));
            case VERSION -> List.of((long) record.version());
            case STAGE -> List.of(record.stage());
            case ALIAS -> List.copyOf(aliases);
            case CREATED_BY -> List.of(record.createdBy());
            case CREATED_AT -> List.of(record.createdAt());
            case DESCRIPTION -> List.of(record.description());
            case RUN_ID -> optional(lineage.runId());
            case RUN_URL -> optional(lineage.runUrl());
            case TAG -> optional(record.tags().get(field.key()));
            case PARAM -> optional(record.params().get(field.key()));
            case METRIC -> optional(record.metrics().get(field.key()));
            case EVALUATION -> optional(evaluations.getOrDefault(field.key(), Map.of()).get(field.subkey()));
            case DATASET -> {
                List<Object> values = new ArrayList<>();
                for (LineageRecord.DatasetLink d : lineage.datasets()) {
                    values.add(d.uriHash());
                    if (d.digest() != null) {
                        values.add(d.digest());
                    }
                }
                yield values;
            }
            case PARENT -> lineage.parents().stream()
                    .map(p -> (Object) (p.parent().model() + "@" + p.parent().version())).toList();
        };
    }

    /** The part of a model name before its {@code /}; empty for a name without one. */
    static String namespace(String model) {
        int slash = model.indexOf('/');
        return slash < 0 ? "" : model.substring(0, slash);
    }

    private static List<Object> optional(Object value) {
        return value == null ? List.of() : List.of(value);
    }
}
