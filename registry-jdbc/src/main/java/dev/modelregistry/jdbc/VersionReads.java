package dev.modelregistry.jdbc;

import dev.modelregistry.FileEntry;
import dev.modelregistry.VersionChange;
import dev.modelregistry.VersionRef;
import dev.modelregistry.spi.TransitionRecord;
import dev.modelregistry.spi.VersionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads versions with their params, metrics, tags and files, and their history. A version costs
 * five indexed queries; a list of versions costs the same five, not five per version.
 */
final class VersionReads {

    private static final String SELECT_VERSION = "SELECT model_name, version_number, stage, description, digest,"
            + " created_by, created_at FROM versions";

    private VersionReads() {
    }

    static Optional<VersionRecord> find(Handle h, String model, int version) {
        return one(h, h.createQuery(SELECT_VERSION + " WHERE model_name = :model AND version_number = :version")
                .bind("model", model)
                .bind("version", version));
    }

    static Optional<VersionRecord> latest(Handle h, String model) {
        return one(h, h.createQuery(SELECT_VERSION + " WHERE model_name = :model AND version_number ="
                        + " (SELECT MAX(version_number) FROM versions WHERE model_name = :model)")
                .bind("model", model));
    }

    static Optional<VersionRecord> newestInStage(Handle h, String model, String stage) {
        return one(h, h.createQuery(SELECT_VERSION + " WHERE model_name = :model AND version_number ="
                        + " (SELECT MAX(version_number) FROM versions WHERE model_name = :model AND stage = :stage)")
                .bind("model", model)
                .bind("stage", stage));
    }

    /** All versions of a model, highest number first. */
    static List<VersionRecord> all(Handle h, String model) {
        List<VersionRow> rows = h.createQuery(SELECT_VERSION + " WHERE model_name = :model"
                        + " ORDER BY version_number DESC")
                .bind("model", model)
                .map(VersionRow.MAPPER)
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Children children = Children.load(h, model, null);
        List<VersionRecord> records = new ArrayList<>(rows.size());
        rows.forEach(row -> records.add(row.toRecord(children)));
        return records;
    }

    static List<TransitionRecord> transitions(Handle h, String model, int version) {
        return h.createQuery("SELECT from_stage, to_stage, actor, at_millis, transition_comment"
                        + " FROM stage_transitions WHERE model_name = :model AND version_number = :version ORDER BY seq")
                .bind("model", model)
                .bind("version", version)
                .map((rs, ctx) -> new TransitionRecord(model, version, rs.getString(1), rs.getString(2),
                        rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)))
                .list();
    }

    static List<VersionChange> changes(Handle h, String model, int version) {
        VersionRef ref = VersionRef.of(model, version);
        return h.createQuery("SELECT field_name, old_value, new_value, actor, at_millis"
                        + " FROM version_changes WHERE model_name = :model AND version_number = :version ORDER BY seq")
                .bind("model", model)
                .bind("version", version)
                .map((rs, ctx) -> new VersionChange(ref, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))))
                .list();
    }

    private static Optional<VersionRecord> one(Handle h, Query query) {
        return query.map(VersionRow.MAPPER)
                .findOne()
                .map(row -> row.toRecord(Children.load(h, row.model(), row.version())));
    }

    private record VersionRow(String model, int version, String stage, String description, String digest,
                              String createdBy, long createdAt) {

        static final RowMapper<VersionRow> MAPPER = (rs, ctx) -> new VersionRow(rs.getString("model_name"),
                rs.getInt("version_number"), rs.getString("stage"), rs.getString("description"),
                rs.getString("digest"), rs.getString("created_by"), rs.getLong("created_at"));

        VersionRecord toRecord(Children children) {
            return new VersionRecord(model, version, stage, description,
                    children.params.getOrDefault(version, Map.of()), children.metrics.getOrDefault(version, Map.of()),
                    children.tags.getOrDefault(version, Map.of()), children.files.getOrDefault(version, List.of()),
                    digest, createdBy, Instant.ofEpochMilli(createdAt));
        }
    }

    /** The params, metrics, tags and files of one version or of all versions of a model, by version number. */
    private static final class Children {
        final Map<Integer, Map<String, String>> params = new HashMap<>();
        final Map<Integer, Map<String, Double>> metrics = new HashMap<>();
        final Map<Integer, Map<String, String>> tags = new HashMap<>();
        final Map<Integer, List<FileEntry>> files = new HashMap<>();

        static Children load(Handle h, String model, Integer version) {
            Children c = new Children();
            query(h, "SELECT version_number, item_key, item_value FROM version_params", model, version, "")
                    .reduceResultSet(c.params, (acc, rs, ctx) -> {
                        acc.computeIfAbsent(rs.getInt(1), v -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                        return acc;
                    });
            query(h, "SELECT version_number, item_key, metric_value FROM version_metrics", model, version, "")
                    .reduceResultSet(c.metrics, (acc, rs, ctx) -> {
                        acc.computeIfAbsent(rs.getInt(1), v -> new HashMap<>()).put(rs.getString(2), rs.getDouble(3));
                        return acc;
                    });
            query(h, "SELECT version_number, item_key, item_value FROM version_tags", model, version, "")
                    .reduceResultSet(c.tags, (acc, rs, ctx) -> {
                        acc.computeIfAbsent(rs.getInt(1), v -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                        return acc;
                    });
            query(h, "SELECT version_number, file_path, size_bytes, sha256 FROM version_files", model, version,
                    " ORDER BY version_number, file_index")
                    .reduceResultSet(c.files, (acc, rs, ctx) -> {
                        acc.computeIfAbsent(rs.getInt(1), v -> new ArrayList<>())
                                .add(new FileEntry(rs.getString(2), rs.getLong(3), rs.getString(4)));
                        return acc;
                    });
            return c;
        }

        private static Query query(Handle h, String select, String model, Integer version, String orderBy) {
            Query q = h.createQuery(select + " WHERE model_name = :model"
                    + (version == null ? "" : " AND version_number = :version") + orderBy);
            q.bind("model", model);
            if (version != null) {
                q.bind("version", version.intValue());
            }
            return q;
        }
    }
}
