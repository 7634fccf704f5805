package dev.modelregistry.core;

import dev.modelregistry.FileEntry;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.VersionRef;
import dev.modelregistry.lineage.CodeVersion;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.Difference;
import dev.modelregistry.lineage.Environment;
import dev.modelregistry.lineage.Lineage;
import dev.modelregistry.lineage.LineageDiff;
import dev.modelregistry.lineage.ParentModel;
import dev.modelregistry.lineage.TrainingRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Compares two versions for reproducibility: what a reader must change to make one the way the
 * other was made. Pure functions of their arguments.
 */
final class LineageDiffs {

    private static final Comparator<VersionRef> BY_REF =
            Comparator.comparing(VersionRef::model).thenComparingInt(VersionRef::version);

    private LineageDiffs() {
    }

    /**
     * Every difference between two versions and their lineages, by section in the order listed in
     * {@link Difference}, then by key; equal values give none, so identical inputs give an empty diff.
     */
    static LineageDiff diff(ModelVersion left, Lineage leftLineage, ModelVersion right, Lineage rightLineage) {
        List<Difference> out = new ArrayList<>();
        strings(out, "dataset", datasets(leftLineage), datasets(rightLineage));
        strings(out, "code", code(leftLineage.code()), code(rightLineage.code()));
        strings(out, "run", run(leftLineage.run()), run(rightLineage.run()));
        section(out, "parent", parents(leftLineage), parents(rightLineage), BY_REF, String::equals,
                Function.identity());
        strings(out, "environment", environment(leftLineage.environment()), environment(rightLineage.environment()));
        strings(out, "library", libraries(leftLineage.environment()), libraries(rightLineage.environment()));
        strings(out, "param", left.params(), right.params());
        section(out, "metric", left.metrics(), right.metrics(), Comparator.<String>naturalOrder(),
                (a, b) -> Double.compare(a, b) == 0, d -> Double.toString(d));
        strings(out, "file", files(left), files(right));
        return new LineageDiff(left.ref(), right.ref(), out);
    }

    private static void strings(List<Difference> out, String section, Map<String, String> left,
                                Map<String, String> right) {
        section(out, section, left, right, Comparator.naturalOrder(), String::equals, Function.identity());
    }

    /** Adds one difference per key whose value is missing on one side or not the same on both. */
    private static <K, V> void section(List<Difference> out, String section, Map<K, V> left, Map<K, V> right,
                                       Comparator<K> order, BiPredicate<V, V> same, Function<V, String> text) {
        TreeSet<K> keys = new TreeSet<>(order);
        keys.addAll(left.keySet());
        keys.addAll(right.keySet());
        for (K key : keys) {
            V l = left.get(key);
            V r = right.get(key);
            if (l != null && r != null && same.test(l, r)) {
                continue;
            }
            out.add(new Difference(section, key.toString(), Optional.ofNullable(l).map(text),
                    Optional.ofNullable(r).map(text)));
        }
    }

    /** Keyed by role and URI: the digest (or {@code no digest}) and the row count, if known. */
    private static Map<String, String> datasets(Lineage lineage) {
        Map<String, String> values = new HashMap<>();
        for (Dataset d : lineage.datasets()) {
            String value = d.digest().orElse("no digest");
            if (d.rows().isPresent()) {
                value += ", " + d.rows().getAsLong() + " rows";
            }
            values.put(d.role().text() + " " + d.uri(), value);
        }
        return values;
    }

    private static Map<String, String> code(Optional<CodeVersion> code) {
        Map<String, String> values = new HashMap<>();
        code.ifPresent(c -> {
            c.repository().ifPresent(v -> values.put("repository", v));
            c.commit().ifPresent(v -> values.put("commit", v));
            c.branch().ifPresent(v -> values.put("branch", v));
            c.dirty().ifPresent(v -> values.put("dirty", v.toString()));
            values.put("source", c.source());
        });
        return values;
    }

    private static Map<String, String> run(Optional<TrainingRun> run) {
        Map<String, String> values = new HashMap<>();
        run.ifPresent(r -> {
            values.put("tracker", r.tracker());
            values.put("runId", r.runId());
            r.url().ifPresent(u -> values.put("url", u.toString()));
        });
        return values;
    }

    private static Map<VersionRef, String> parents(Lineage lineage) {
        Map<VersionRef, String> values = new HashMap<>();
        for (ParentModel p : lineage.parents()) {
            values.put(p.version(), p.relation().text());
        }
        return values;
    }

    private static Map<String, String> environment(Optional<Environment> environment) {
        Map<String, String> values = new HashMap<>();
        environment.ifPresent(e -> {
            values.put("jvmVendor", e.jvmVendor());
            values.put("jvmVersion", e.jvmVersion());
            values.put("os", e.os());
            values.put("architecture", e.architecture());
            values.put("registryVersion", e.registryVersion());
        });
        return values;
    }

    private static Map<String, String> libraries(Optional<Environment> environment) {
        return environment.map(Environment::libraries).orElse(Map.of());
    }

    /** Keyed by path: {@code sha256:<hex>, <size> bytes}. */
    private static Map<String, String> files(ModelVersion version) {
        Map<String, String> values = new HashMap<>();
        for (FileEntry f : version.files()) {
            values.put(f.path(), "sha256:" + f.sha256() + ", " + f.size() + " bytes");
        }
        return values;
    }
}
