package dev.modelregistry.embedded;

import dev.modelregistry.Registration;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionRef;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.DatasetRole;
import dev.modelregistry.lineage.Relation;
import dev.modelregistry.lineage.TrainingRun;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A catalog of versions for {@link SearchPropertyTest}, as plain data, so that the same catalog can be
 * registered, in the same order and at the same instants, into every registry under test.
 *
 * @param versions the versions, in registration order
 * @param actions  what happens to them after they are all registered, in order
 */
record SearchCatalog(List<VersionSpec> versions, List<Action> actions) {

    /** The registration time of the first version; the others follow by their {@code advance}. */
    static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    /**
     * One version to register.
     *
     * @param model     its model's name
     * @param advance   milliseconds the clock moves on before it is registered (0 gives equal times)
     * @param parents   indexes of earlier versions of the catalog it derives from
     * @param runId     the training run's id, or null for no run
     * @param runUrl    the run's page, or null
     */
    record VersionSpec(String model, long advance, String description, String createdBy, Map<String, String> tags,
                       Map<String, String> params, Map<String, Double> metrics, List<DatasetSpec> datasets,
                       List<Integer> parents, String runId, String runUrl) {
    }

    /** A dataset of a version's lineage; {@code digest} may be null. */
    record DatasetSpec(String uri, String digest, DatasetRole role) {
    }

    /** What to do to version {@code version} (an index into the catalog) once all are registered. */
    sealed interface Action permits Move, Alias, Evaluate {
        int version();
    }

    /** {@code registry.transition}. */
    record Move(int version, String stage) implements Action {
    }

    /** {@code registry.setAlias}. */
    record Alias(int version, String alias) implements Action {
    }

    /** {@code registry.evaluate}. */
    record Evaluate(int version, String name, Map<String, Double> metrics) implements Action {
    }

    /** The creation time of each version. */
    List<Instant> createdAt() {
        List<Instant> times = new ArrayList<>();
        Instant t = START;
        for (VersionSpec v : versions) {
            t = t.plusMillis(v.advance());
            times.add(t);
        }
        return times;
    }

    /**
     * Registers the catalog into {@code registry}, whose clock must be {@code clock}.
     *
     * @return the versions' refs, by catalog index
     */
    List<VersionRef> registerInto(Registry registry, SettableClock clock) {
        List<VersionRef> refs = new ArrayList<>();
        List<Instant> times = createdAt();
        for (int i = 0; i < versions.size(); i++) {
            VersionSpec v = versions.get(i);
            clock.set(times.get(i));
            Registration r = registry.register(v.model())
                    .content("model.bin", ("weights " + i).getBytes(StandardCharsets.UTF_8))
                    .description(v.description()).createdBy(v.createdBy())
                    .tags(v.tags()).params(v.params()).metrics(v.metrics());
            for (DatasetSpec d : v.datasets()) {
                r.dataset(d.digest() == null ? Dataset.of(d.uri(), d.role()) : Dataset.of(d.uri(), d.digest(), d.role()));
            }
            for (int p : v.parents()) {
                r.parent(refs.get(p), Relation.values()[p % Relation.values().length]);
            }
            if (v.runId() != null) {
                r.run(v.runUrl() == null ? TrainingRun.of("mlflow", v.runId())
                        : TrainingRun.of("mlflow", v.runId(), URI.create(v.runUrl())));
            }
            refs.add(r.commit().ref());
        }
        clock.set(times.isEmpty() ? START : times.get(times.size() - 1).plusSeconds(1));
        for (Action a : actions) {
            VersionRef ref = refs.get(a.version());
            if (a instanceof Move m) {
                registry.transition(ref, Stage.named(m.stage()), "moved");
            } else if (a instanceof Alias al) {
                registry.setAlias(ref, al.alias());
            } else {
                Evaluate e = (Evaluate) a;
                registry.evaluate(ref, e.name(), e.metrics(), true, "");
            }
            clock.set(clock.instant().plusMillis(1));
        }
        return refs;
    }

    /** Every text a filter could find in this catalog, for queries that match something. */
    List<String> texts() {
        Set<String> texts = new TreeSet<>(List.of("DEVELOPMENT", "STAGING", "PRODUCTION", "ARCHIVED", ""));
        for (VersionSpec v : versions) {
            texts.add(v.model());
            int slash = v.model().indexOf('/');
            if (slash > 0) {
                texts.add(v.model().substring(0, slash));
            }
            texts.add(v.description());
            texts.add(v.createdBy());
            texts.addAll(v.tags().values());
            texts.addAll(v.params().values());
            if (v.runId() != null) {
                texts.add(v.runId());
            }
            if (v.runUrl() != null) {
                texts.add(v.runUrl());
            }
        }
        for (Action a : actions) {
            if (a instanceof Alias al) {
                texts.add(al.alias());
            }
        }
        return List.copyOf(texts);
    }

    /** The texts this catalog holds in {@code field} (a text field), for queries that match something. */
    List<String> texts(dev.modelregistry.search.Field field) {
        Set<String> texts = new TreeSet<>();
        for (VersionSpec v : versions) {
            int slash = v.model().indexOf('/');
            switch (field.kind()) {
                case NAME -> texts.add(v.model());
                case NAMESPACE -> texts.add(slash > 0 ? v.model().substring(0, slash) : "");
                case STAGE -> texts.addAll(List.of("DEVELOPMENT", "STAGING", "PRODUCTION", "ARCHIVED"));
                case CREATED_BY -> texts.add(v.createdBy());
                case DESCRIPTION -> texts.add(v.description());
                case RUN_ID -> texts.add(v.runId() == null ? "" : v.runId());
                case RUN_URL -> texts.add(v.runUrl() == null ? "" : v.runUrl());
                case TAG -> texts.add(v.tags().getOrDefault(field.key(), ""));
                case PARAM -> texts.add(v.params().getOrDefault(field.key(), ""));
                default -> texts.addAll(texts());
            }
        }
        return List.copyOf(texts);
    }

    /** Every number a metric or evaluation of this catalog holds. */
    List<Double> numbers() {
        Set<Double> numbers = new LinkedHashSet<>();
        versions.forEach(v -> numbers.addAll(v.metrics().values()));
        actions.stream().filter(a -> a instanceof Evaluate).forEach(a -> numbers.addAll(((Evaluate) a).metrics().values()));
        return List.copyOf(numbers);
    }

    /** Dataset URIs and digests of this catalog. */
    List<String> datasetValues() {
        Set<String> values = new LinkedHashSet<>();
        for (VersionSpec v : versions) {
            for (DatasetSpec d : v.datasets()) {
                values.add(d.uri());
                if (d.digest() != null) {
                    values.add(d.digest());
                }
            }
        }
        return List.copyOf(values);
    }

    /** Parent values ({@code model@n} and {@code model}) that this catalog's versions could have. */
    List<String> parentValues() {
        Set<String> values = new LinkedHashSet<>();
        Map<String, Integer> numbers = new java.util.HashMap<>();
        for (VersionSpec v : versions) {
            int n = numbers.merge(v.model(), 1, Integer::sum);
            values.add(v.model() + "@" + n);
            values.add(v.model());
        }
        return List.copyOf(values);
    }

    /** A clock the test sets before each registration. */
    static final class SettableClock extends Clock {
        private volatile Instant now = START;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a test clock stays in UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
