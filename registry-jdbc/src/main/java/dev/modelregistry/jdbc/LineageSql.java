package dev.modelregistry.jdbc;

import dev.modelregistry.VersionRef;
import dev.modelregistry.spi.LineageReader.LineageNode;
import dev.modelregistry.spi.LineageReader.LineageStep;
import dev.modelregistry.spi.LineageRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Writes a new version's lineage rows and answers the lineage reads. Batches of versions are
 * matched with row-value {@code IN} lists, which H2, PostgreSQL and MariaDB all serve from the
 * primary key or {@code ix_lineage_parents_parent}, split into statements of at most {@link #BATCH}.
 */
final class LineageSql {

    /** Most versions named in one statement. */
    static final int BATCH = 500;

    /** The reached version's stage and aliases, joined in: one row per alias, or one with a null alias. */
    private static final String NODE = " JOIN versions v ON v.model_name = %1$s AND v.version_number = %2$s"
            + " LEFT JOIN model_aliases a ON a.model_name = v.model_name AND a.version_number = v.version_number";

    private static final String USERS = "SELECT DISTINCT v.model_name, v.version_number, v.stage, a.alias"
            + " FROM lineage_datasets d" + NODE.formatted("d.model_name", "d.version_number");

    private static final String STEPS = "SELECT p.model_name, p.version_number, p.parent_model, p.parent_version,"
            + " p.relation_name, v.stage, a.alias FROM lineage_parents p";

    private LineageSql() {
    }

    static void insert(Handle h, String model, int version, LineageRecord lineage) {
        if (lineage.text().isEmpty()) {
            return;
        }
        h.createUpdate("INSERT INTO version_lineage (model_name, version_number, lineage, run_id, run_url)"
                        + " VALUES (:model, :version, :lineage, :runId, :runUrl)")
                .bind("model", model).bind("version", version).bind("lineage", lineage.text())
                .bind("runId", lineage.runId()).bind("runUrl", lineage.runUrl()).execute();
        if (!lineage.datasets().isEmpty()) {
            PreparedBatch batch = h.prepareBatch("INSERT INTO lineage_datasets (model_name, version_number,"
                    + " dataset_index, uri_hash, digest, dataset_role) VALUES (:model, :version, :index, :uriHash,"
                    + " :digest, :role)");
            for (int i = 0; i < lineage.datasets().size(); i++) {
                LineageRecord.DatasetLink d = lineage.datasets().get(i);
                batch.bind("model", model).bind("version", version).bind("index", i).bind("uriHash", d.uriHash())
                        .bind("digest", d.digest()).bind("role", d.role()).add();
            }
            batch.execute();
        }
        if (!lineage.parents().isEmpty()) {
            PreparedBatch batch = h.prepareBatch("INSERT INTO lineage_parents (model_name, version_number,"
                    + " parent_model, parent_version, relation_name) VALUES (:model, :version, :parentModel,"
                    + " :parentVersion, :relation)");
            for (LineageRecord.ParentLink p : lineage.parents()) {
                batch.bind("model", model).bind("version", version).bind("parentModel", p.parent().model())
                        .bind("parentVersion", p.parent().version()).bind("relation", p.relation()).add();
            }
            batch.execute();
        }
    }

    static Map<VersionRef, String> lineages(Handle h, Collection<VersionRef> versions) {
        Map<VersionRef, String> found = new LinkedHashMap<>();
        for (List<VersionRef> batch : batches(versions)) {
            bindRefs(h.createQuery("SELECT model_name, version_number, lineage FROM version_lineage WHERE "
                    + in("model_name", "version_number", batch.size())), batch)
                    .map((rs, ctx) -> Map.entry(VersionRef.of(rs.getString(1), rs.getInt(2)), rs.getString(3)))
                    .forEach(e -> found.put(e.getKey(), e.getValue()));
        }
        return found;
    }

    static List<LineageNode> datasetUsers(Handle h, String uriHash, String digest) {
        Query query = uriHash != null
                ? h.createQuery(USERS + " WHERE d.uri_hash = :key").bind("key", uriHash)
                : h.createQuery(USERS + " WHERE d.digest = :key").bind("key", digest);
        Map<VersionRef, NodeRows> nodes = new LinkedHashMap<>();
        query.map((rs, ctx) -> new Row(VersionRef.of(rs.getString(1), rs.getInt(2)), null, null, rs.getString(3),
                rs.getString(4))).forEach(row -> nodes.computeIfAbsent(row.child, r -> new NodeRows(r, row.stage))
                .alias(row.alias));
        return nodes.values().stream().map(NodeRows::node).toList();
    }

    static List<LineageStep> children(Handle h, Collection<VersionRef> parents) {
        return steps(h, parents, true);
    }

    static List<LineageStep> parents(Handle h, Collection<VersionRef> children) {
        return steps(h, children, false);
    }

    private static List<LineageStep> steps(Handle h, Collection<VersionRef> from, boolean downward) {
        String join = downward ? NODE.formatted("p.model_name", "p.version_number")
                : NODE.formatted("p.parent_model", "p.parent_version");
        String[] key = downward ? new String[] {"p.parent_model", "p.parent_version"}
                : new String[] {"p.model_name", "p.version_number"};
        Map<List<VersionRef>, StepRows> steps = new LinkedHashMap<>();
        for (List<VersionRef> batch : batches(from)) {
            bindRefs(h.createQuery(STEPS + join + " WHERE " + in(key[0], key[1], batch.size())), batch)
                    .map((rs, ctx) -> new Row(VersionRef.of(rs.getString(1), rs.getInt(2)),
                            VersionRef.of(rs.getString(3), rs.getInt(4)), rs.getString(5), rs.getString(6),
                            rs.getString(7)))
                    .forEach(row -> steps.computeIfAbsent(List.of(row.child, row.parent), k -> new StepRows(row.child,
                            row.parent, row.relation, new NodeRows(downward ? row.child : row.parent, row.stage)))
                            .node.alias(row.alias));
        }
        return steps.values().stream().map(s -> new LineageStep(s.child, s.parent, s.relation, s.node.node())).toList();
    }

    /** {@code (a, b) IN ((?, ?), ...)} with {@code n} rows. */
    private static String in(String a, String b, int n) {
        return "(" + a + ", " + b + ") IN (" + String.join(", ", Collections.nCopies(n, "(?, ?)")) + ")";
    }

    private static Query bindRefs(Query query, List<VersionRef> refs) {
        for (int i = 0; i < refs.size(); i++) {
            query.bind(2 * i, refs.get(i).model()).bind(2 * i + 1, refs.get(i).version());
        }
        return query;
    }

    private static List<List<VersionRef>> batches(Collection<VersionRef> refs) {
        List<VersionRef> distinct = new ArrayList<>(new HashSet<>(refs));
        List<List<VersionRef>> batches = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i += BATCH) {
            batches.add(distinct.subList(i, Math.min(distinct.size(), i + BATCH)));
        }
        return batches;
    }

    /** A reached version collected from its rows, one per alias. */
    private static final class NodeRows {
        private final VersionRef ref;
        private final String stage;
        private final Set<String> aliases = new TreeSet<>();

        NodeRows(VersionRef ref, String stage) {
            this.ref = ref;
            this.stage = stage;
        }

        void alias(String alias) {
            if (alias != null) {
                aliases.add(alias);
            }
        }

        LineageNode node() {
            return new LineageNode(ref, stage, aliases);
        }
    }

    /** One result row: a version (with its parent, for a step), the reached version's stage, one alias or null. */
    private record Row(VersionRef child, VersionRef parent, String relation, String stage, String alias) {
    }

    private record StepRows(VersionRef child, VersionRef parent, String relation, NodeRows node) {
    }
}
