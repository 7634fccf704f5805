package dev.modelregistry.jdbc;

import dev.modelregistry.FileEntry;
import dev.modelregistry.VersionConflictException;
import dev.modelregistry.VersionNotFoundException;
import dev.modelregistry.VersionRef;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.spi.TransitionRequest;
import dev.modelregistry.spi.VersionRecord;
import dev.modelregistry.spi.VersionUpdate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The writes to versions: registration, stage moves and metadata updates. Each method runs inside
 * the caller's transaction and starts by locking the model's row, so writes to one model's
 * versions never interleave and always see each other's results.
 */
final class VersionWrites {

    /** The comment of a displacement record, followed by the displacing version (see TransitionRequest). */
    static final String DISPLACED_BY = "displaced by ";

    private VersionWrites() {
    }

    /** Registers a version under the next number, recording the request id (see {@link Requests}). */
    static VersionRecord insert(Handle h, NewVersion v, String request) {
        int number = ModelSql.allocateVersion(h, v.model(), v.createdBy(), v.createdAt());
        long createdAt = v.createdAt().toEpochMilli();
        h.createUpdate("INSERT INTO versions (model_name, version_number, stage, description, digest, created_by,"
                        + " created_at, request_id) VALUES (:model, :version, :stage, :description, :digest,"
                        + " :createdBy, :createdAt, :request)")
                .bind("model", v.model())
                .bind("version", number)
                .bind("stage", v.stage())
                .bind("description", v.description())
                .bind("digest", v.digest())
                .bind("createdBy", v.createdBy())
                .bind("createdAt", createdAt)
                .bind("request", request)
                .execute();
        insertPairs(h, "version_params", "item_value", v.model(), number, v.params());
        insertPairs(h, "version_metrics", "metric_value", v.model(), number, v.metrics());
        insertPairs(h, "version_tags", "item_value", v.model(), number, v.tags());
        insertFiles(h, v.model(), number, v.files());
        return new VersionRecord(v.model(), number, v.stage(), v.description(), v.params(), v.metrics(), v.tags(),
                v.files(), v.digest(), v.createdBy(), Instant.ofEpochMilli(createdAt));
    }

    /** Moves a version, recording the request id on its own move, not on the displacements. */
    static VersionRecord transition(Handle h, TransitionRequest r, String request) {
        ModelSql.lock(h, r.model());
        String stage = stageOf(h, r.model(), r.version())
                .orElseThrow(() -> new VersionNotFoundException(VersionRef.of(r.model(), r.version())));
        if (!stage.equals(r.expectedFrom())) {
            throw new VersionConflictException("Version " + VersionRef.of(r.model(), r.version()) + " is in stage "
                    + stage + ", not in " + r.expectedFrom() + " as expected");
        }
        if (r.displacedTo() != null) {
            List<Integer> occupants = h.createQuery("SELECT version_number FROM versions"
                            + " WHERE model_name = :model AND stage = :stage AND version_number <> :version"
                            + " ORDER BY version_number")
                    .bind("model", r.model())
                    .bind("stage", r.to())
                    .bind("version", r.version())
                    .mapTo(Integer.class)
                    .list();
            String comment = DISPLACED_BY + VersionRef.of(r.model(), r.version());
            for (int occupant : occupants) {
                move(h, r.model(), occupant, r.to(), r.displacedTo(), r.actor(), r.at(), comment, null);
            }
        }
        move(h, r.model(), r.version(), stage, r.to(), r.actor(), r.at(), r.comment(), request);
        return VersionReads.find(h, r.model(), r.version()).orElseThrow();
    }

    /** Updates a version, recording the request id on each change it records. */
    static VersionRecord update(Handle h, VersionUpdate u, String request) {
        ModelSql.lock(h, u.model());
        String description = h.createQuery("SELECT description FROM versions"
                        + " WHERE model_name = :model AND version_number = :version")
                .bind("model", u.model())
                .bind("version", u.version())
                .mapTo(String.class)
                .findOne()
                .orElseThrow(() -> new VersionNotFoundException(VersionRef.of(u.model(), u.version())));
        Changes changes = new Changes(h, u, request);
        if (u.description() != null && !u.description().equals(description)) {
            h.createUpdate("UPDATE versions SET description = :description"
                            + " WHERE model_name = :model AND version_number = :version")
                    .bind("description", u.description())
                    .bind("model", u.model())
                    .bind("version", u.version())
                    .execute();
            changes.add("description", description, u.description());
        }
        Map<String, String> tags = new HashMap<>(h.createQuery("SELECT item_key, item_value FROM version_tags"
                        + " WHERE model_name = :model AND version_number = :version")
                .bind("model", u.model())
                .bind("version", u.version())
                .reduceResultSet(new HashMap<String, String>(), (acc, rs, ctx) -> {
                    acc.put(rs.getString(1), rs.getString(2));
                    return acc;
                }));
        for (Map.Entry<String, String> tag : new TreeMap<>(u.setTags()).entrySet()) {
            String old = tags.put(tag.getKey(), tag.getValue());
            if (tag.getValue().equals(old)) {
                continue;
            }
            String sql = old == null
                    ? "INSERT INTO version_tags (model_name, version_number, item_key, item_value)"
                            + " VALUES (:model, :version, :key, :value)"
                    : "UPDATE version_tags SET item_value = :value"
                            + " WHERE model_name = :model AND version_number = :version AND item_key = :key";
            h.createUpdate(sql).bind("model", u.model()).bind("version", u.version())
                    .bind("key", tag.getKey()).bind("value", tag.getValue()).execute();
            changes.add("tag:" + tag.getKey(), old, tag.getValue());
        }
        for (String key : new TreeSet<>(u.removeTags())) {
            String old = tags.remove(key);
            if (old == null) {
                continue;
            }
            h.createUpdate("DELETE FROM version_tags"
                            + " WHERE model_name = :model AND version_number = :version AND item_key = :key")
                    .bind("model", u.model()).bind("version", u.version()).bind("key", key).execute();
            changes.add("tag:" + key, old, null);
        }
        changes.insert();
        return VersionReads.find(h, u.model(), u.version()).orElseThrow();
    }

    private static Optional<String> stageOf(Handle h, String model, int version) {
        return h.createQuery("SELECT stage FROM versions WHERE model_name = :model AND version_number = :version")
                .bind("model", model)
                .bind("version", version)
                .mapTo(String.class)
                .findOne();
    }

    private static void move(Handle h, String model, int version, String from, String to, String actor,
                             Instant at, String comment, String request) {
        h.createUpdate("UPDATE versions SET stage = :stage WHERE model_name = :model AND version_number = :version")
                .bind("stage", to)
                .bind("model", model)
                .bind("version", version)
                .execute();
        h.createUpdate("INSERT INTO stage_transitions (model_name, version_number, seq, from_stage, to_stage, actor,"
                        + " at_millis, transition_comment, request_id) VALUES (:model, :version, :seq, :from, :to,"
                        + " :actor, :at, :comment, :request)")
                .bind("model", model)
                .bind("version", version)
                .bind("seq", nextSeq(h, "stage_transitions", model, version))
                .bind("from", from)
                .bind("to", to)
                .bind("actor", actor)
                .bind("at", at.toEpochMilli())
                .bind("comment", comment)
                .bind("request", request)
                .execute();
    }

    /** The next history sequence number of a version; safe because the caller holds the model's row lock. */
    private static int nextSeq(Handle h, String table, String model, int version) {
        return h.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM " + table
                        + " WHERE model_name = :model AND version_number = :version")
                .bind("model", model)
                .bind("version", version)
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

    /** The change records of one update, inserted in one batch with consecutive sequence numbers. */
    private static final class Changes {
        private final Handle h;
        private final VersionUpdate update;
        private final String request;
        private final PreparedBatch batch;
        private int seq;

        Changes(Handle h, VersionUpdate update, String request) {
            this.h = h;
            this.update = update;
            this.request = request;
            this.batch = h.prepareBatch("INSERT INTO version_changes (model_name, version_number, seq, field_name,"
                    + " old_value, new_value, actor, at_millis, request_id) VALUES (:model, :version, :seq, :field,"
                    + " :old, :new, :actor, :at, :request)");
        }

        void add(String field, String oldValue, String newValue) {
            if (seq == 0) {
                seq = nextSeq(h, "version_changes", update.model(), update.version());
            }
            batch.bind("model", update.model()).bind("version", update.version()).bind("seq", seq++)
                    .bind("field", field).bind("old", oldValue).bind("new", newValue)
                    .bind("actor", update.actor()).bind("at", update.at().toEpochMilli()).bind("request", request)
                    .add();
        }

        void insert() {
            if (seq != 0) {
                batch.execute();
            }
        }
    }
}
