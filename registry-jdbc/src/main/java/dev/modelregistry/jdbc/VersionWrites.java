package dev.modelregistry.jdbc;

import dev.modelregistry.FileEntry;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.spi.Target;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;

/**
 * The writes of mutations to versions and models: registration, stage moves, description and tag
 * changes, each with its history row. They run inside the change set's transaction, after its
 * models are locked, so writes to one model never interleave.
 */
final class VersionWrites {

    private VersionWrites() {
    }

    /** Registers a version under the model's next number; returns the number. */
    static int insert(Handle h, NewVersion v, LockedModels locked) {
        int number = locked.allocate(h, v.model());
        h.createUpdate("INSERT INTO versions (model_name, version_number, stage, description, digest, created_by,"
                        + " created_at) VALUES (:model, :version, :stage, :description, :digest, :createdBy, :createdAt)")
                .bind("model", v.model())
                .bind("version", number)
                .bind("stage", v.stage())
                .bind("description", v.description())
                .bind("digest", v.digest())
                .bind("createdBy", v.createdBy())
                .bind("createdAt", v.createdAt().toEpochMilli())
                .execute();
        insertPairs(h, "version_params", "item_value", v.model(), number, v.params());
        insertPairs(h, "version_metrics", "metric_value", v.model(), number, v.metrics());
        insertPairs(h, "version_tags", "item_value", v.model(), number, v.tags());
        insertFiles(h, v.model(), number, v.files());
        LineageSql.insert(h, v.model(), number, v.lineage());
        return number;
    }

    static void move(Handle h, Mutation.MoveStage m, String actor, Instant at) {
        Target t = m.target();
        h.createUpdate("UPDATE versions SET stage = :stage WHERE model_name = :model AND version_number = :version")
                .bind("stage", m.to())
                .bind("model", t.model())
                .bind("version", t.version())
                .execute();
        h.createUpdate("INSERT INTO stage_transitions (model_name, version_number, seq, from_stage, to_stage, actor,"
                        + " at_millis, transition_comment) VALUES (:model, :version, :seq, :from, :to, :actor, :at,"
                        + " :comment)")
                .bind("model", t.model())
                .bind("version", t.version())
                .bind("seq", nextSeq(h, "stage_transitions", t))
                .bind("from", m.from())
                .bind("to", m.to())
                .bind("actor", actor)
                .bind("at", at.toEpochMilli())
                .bind("comment", m.comment())
                .execute();
    }

    static void describe(Handle h, Mutation.SetDescription m, String actor, Instant at) {
        Target t = m.target();
        (t.isVersion()
                ? h.createUpdate("UPDATE versions SET description = :description"
                        + " WHERE model_name = :model AND version_number = :version").bind("version", t.version())
                : h.createUpdate("UPDATE models SET description = :description WHERE model_name = :model"))
                .bind("description", m.to())
                .bind("model", t.model())
                .execute();
        recordChange(h, t, "description", m.from(), m.to(), actor, at);
    }

    static void tag(Handle h, Mutation.SetTag m, String actor, Instant at) {
        Target t = m.target();
        String table = t.isVersion() ? "version_tags" : "model_tags";
        String where = " WHERE model_name = :model" + (t.isVersion() ? " AND version_number = :version" : "")
                + " AND item_key = :key";
        String sql;
        if (m.from() == null) {
            sql = t.isVersion()
                    ? "INSERT INTO version_tags (model_name, version_number, item_key, item_value)"
                            + " VALUES (:model, :version, :key, :value)"
                    : "INSERT INTO model_tags (model_name, item_key, item_value) VALUES (:model, :key, :value)";
        } else if (m.to() == null) {
            sql = "DELETE FROM " + table + where;
        } else {
            sql = "UPDATE " + table + " SET item_value = :value" + where;
        }
        Update update = h.createUpdate(sql).bind("model", t.model()).bind("key", m.key());
        if (t.isVersion()) {
            update.bind("version", t.version());
        }
        if (m.to() != null) {
            update.bind("value", m.to());
        }
        update.execute();
        recordChange(h, t, "tag:" + m.key(), m.from(), m.to(), actor, at);
    }

    static void evaluate(Handle h, Mutation.AddEvaluation m, String actor, Instant at) {
        Target t = m.target();
        int seq = nextSeq(h, "version_evaluations", t);
        h.createUpdate("INSERT INTO version_evaluations (model_name, version_number, seq, evaluation, passed, details,"
                        + " recorded_by, at_millis) VALUES (:model, :version, :seq, :name, :passed, :details, :actor, :at)")
                .bind("model", t.model())
                .bind("version", t.version())
                .bind("seq", seq)
                .bind("name", m.name())
                .bind("passed", m.passed())
                .bind("details", m.details())
                .bind("actor", actor)
                .bind("at", at.toEpochMilli())
                .execute();
        if (!m.metrics().isEmpty()) {
            PreparedBatch batch = h.prepareBatch("INSERT INTO evaluation_metrics (model_name, version_number, seq,"
                    + " item_key, metric_value) VALUES (:model, :version, :seq, :key, :value)");
            m.metrics().forEach((k, v) -> batch.bind("model", t.model()).bind("version", t.version()).bind("seq", seq)
                    .bind("key", k).bind("value", v).add());
            batch.execute();
        }
    }

    static void openRequest(Handle h, Mutation.OpenRequest m, String actor, Instant at) {
        h.createUpdate("INSERT INTO promotion_requests (model_name, request_id, version_number, to_stage, requested_by,"
                        + " reason, at_millis, status) VALUES (:model, :id, :version, :to, :actor, :reason, :at, 'PENDING')")
                .bind("model", m.model())
                .bind("id", m.id())
                .bind("version", m.version())
                .bind("to", m.to())
                .bind("actor", actor)
                .bind("reason", m.reason())
                .bind("at", at.toEpochMilli())
                .execute();
    }

    static void vote(Handle h, Mutation.AddVote m, String actor, Instant at) {
        h.createUpdate("INSERT INTO request_votes (model_name, request_id, principal, approve, vote_comment, at_millis)"
                        + " VALUES (:model, :id, :actor, :approve, :comment, :at)")
                .bind("model", m.model())
                .bind("id", m.id())
                .bind("actor", actor)
                .bind("approve", m.approve())
                .bind("comment", m.comment())
                .bind("at", at.toEpochMilli())
                .execute();
    }

    static void closeRequest(Handle h, Mutation.CloseRequest m) {
        h.createUpdate("UPDATE promotion_requests SET status = :status WHERE model_name = :model AND request_id = :id")
                .bind("status", m.status())
                .bind("model", m.model())
                .bind("id", m.id())
                .execute();
    }

    static void alias(Handle h, Mutation.SetAlias m, String actor, Instant at) {
        String sql;
        if (m.from() == null) {
            sql = "INSERT INTO model_aliases (model_name, alias, version_number) VALUES (:model, :alias, :version)";
        } else if (m.to() == null) {
            sql = "DELETE FROM model_aliases WHERE model_name = :model AND alias = :alias";
        } else {
            sql = "UPDATE model_aliases SET version_number = :version WHERE model_name = :model AND alias = :alias";
        }
        Update update = h.createUpdate(sql).bind("model", m.model()).bind("alias", m.alias());
        if (m.to() != null) {
            update.bind("version", m.to());
        }
        update.execute();
        recordChange(h, Target.model(m.model()), "alias:" + m.alias(), m.from() == null ? null : m.from().toString(),
                m.to() == null ? null : m.to().toString(), actor, at);
    }

    private static void recordChange(Handle h, Target t, String field, String from, String to, String actor,
                                     Instant at) {
        Update insert = t.isVersion()
                ? h.createUpdate("INSERT INTO version_changes (model_name, version_number, seq, field_name, old_value,"
                        + " new_value, actor, at_millis) VALUES (:model, :version, :seq, :field, :old, :new, :actor,"
                        + " :at)").bind("version", t.version())
                : h.createUpdate("INSERT INTO model_changes (model_name, seq, field_name, old_value, new_value, actor,"
                        + " at_millis) VALUES (:model, :seq, :field, :old, :new, :actor, :at)");
        insert.bind("model", t.model())
                .bind("seq", nextSeq(h, t.isVersion() ? "version_changes" : "model_changes", t))
                .bind("field", field)
                .bind("old", from)
                .bind("new", to)
                .bind("actor", actor)
                .bind("at", at.toEpochMilli())
                .execute();
    }

    /** The next history sequence number of a version or model; safe because the caller holds the model's row lock. */
    private static int nextSeq(Handle h, String table, Target t) {
        return (t.isVersion()
                ? h.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM " + table
                        + " WHERE model_name = :model AND version_number = :version").bind("version", t.version())
                : h.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM " + table + " WHERE model_name = :model"))
                .bind("model", t.model())
                .mapTo(Integer.class)
                .one();
    }

    private static void insertPairs(Handle h, String table, String valueColumn, String model, int version,
                                    Map<String, ?> pairs) {
        if (pairs.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO " + table + " (model_name, version_number, item_key, "
                + valueColumn + ") VALUES (:model, :version, :key, :value)");
        pairs.forEach((key, value) -> batch.bind("model", model).bind("version", version).bind("key", key)
                .bind("value", (Object) value).add());
        batch.execute();
    }

    private static void insertFiles(Handle h, String model, int version, List<FileEntry> files) {
        if (files.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO version_files (model_name, version_number, file_path,"
                + " file_index, size_bytes, sha256) VALUES (:model, :version, :path, :index, :size, :sha256)");
        for (int i = 0; i < files.size(); i++) {
            FileEntry f = files.get(i);
            batch.bind("model", model).bind("version", version).bind("path", f.path()).bind("index", i)
                    .bind("size", f.size()).bind("sha256", f.sha256()).add();
        }
        batch.execute();
    }
}
