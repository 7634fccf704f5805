package dev.modelregistry.jdbc;

import dev.modelregistry.Model;
import dev.modelregistry.spi.Mutation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** The SQL for the {@code models} and {@code model_tags} tables, including version number allocation. */
final class ModelSql {

    /** A model's row once per tag, or once with NULL tag columns if it has no tags. */
    private static final String SELECT_MODELS_WITH_TAGS = "SELECT m.model_name, m.description, m.created_by,"
            + " m.created_at, m.next_version, t.item_key, t.item_value"
            + " FROM models m LEFT JOIN model_tags t ON t.model_name = m.model_name";

    private static final String INSERT_MODEL =
            "INSERT INTO models (model_name, description, created_by, created_at, next_version)"
                    + " VALUES (:name, :description, :createdBy, :createdAt, :nextVersion)";

    private ModelSql() {
    }

    static Optional<Model> find(Handle h, String name) {
        List<Model> models = read(h.createQuery(SELECT_MODELS_WITH_TAGS + " WHERE m.model_name = :name")
                .bind("name", name));
        return models.isEmpty() ? Optional.empty() : Optional.of(models.get(0));
    }

    /** All models, sorted by name in Java's order rather than the database collation's. */
    static List<Model> all(Handle h) {
        List<Model> models = read(h.createQuery(SELECT_MODELS_WITH_TAGS));
        models.sort(Comparator.comparing(Model::name));
        return models;
    }

    /** Models with their tags from one statement, so from one snapshot (see {@link VersionReads}). */
    private static List<Model> read(Query query) {
        Map<String, ModelRow> rows = new LinkedHashMap<>();
        Map<String, Map<String, String>> tags = new HashMap<>();
        query.reduceResultSet(rows, (acc, rs, ctx) -> {
            String name = rs.getString("model_name");
            if (!acc.containsKey(name)) {
                acc.put(name, ModelRow.MAPPER.map(rs, ctx));
            }
            String key = rs.getString("item_key");
            if (key != null) {
                tags.computeIfAbsent(name, n -> new HashMap<>()).put(key, rs.getString("item_value"));
            }
            return acc;
        });
        List<Model> models = new ArrayList<>(rows.size());
        rows.forEach((name, row) -> models.add(row.toModel(tags.getOrDefault(name, Map.of()))));
        return models;
    }

    /**
     * Creates a model; the caller checked under the lock that it did not exist.
     *
     * @throws RetryTransaction if another transaction created the model concurrently: the retry
     *                          finds it and refuses the change set's precondition
     */
    static void create(Handle h, Mutation.CreateModel model) {
        try {
            h.createUpdate(INSERT_MODEL)
                    .bind("name", model.model())
                    .bind("description", model.description())
                    .bind("createdBy", model.createdBy())
                    .bind("createdAt", model.createdAt().toEpochMilli())
                    .bind("nextVersion", 1)
                    .execute();
        } catch (JdbiException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new RetryTransaction(e);
            }
            throw e;
        }
        if (!model.tags().isEmpty()) {
            PreparedBatch batch = h.prepareBatch("INSERT INTO model_tags (model_name, item_key, item_value)"
                    + " VALUES (:name, :key, :value)");
            model.tags().forEach((k, v) -> batch.bind("name", model.model()).bind("key", k).bind("value", v).add());
            batch.execute();
        }
    }

    /** The recorded lifecycle, if any. */
    static Optional<String> lifecycle(Handle h) {
        return h.createQuery("SELECT description FROM registry_lifecycle WHERE lifecycle_id = 1")
                .mapTo(String.class)
                .findOne();
    }

    /** The stages versions are in. */
    static Set<String> stagesInUse(Handle h) {
        return new TreeSet<>(h.createQuery("SELECT DISTINCT stage FROM versions").mapTo(String.class).list());
    }

    /**
     * Records the lifecycle, replacing the one before.
     *
     * @throws RetryTransaction if another transaction recorded one first: the retry finds it
     */
    static void recordLifecycle(Handle h, Mutation.RecordLifecycle m) {
        int updated = h.createUpdate("UPDATE registry_lifecycle SET description = :d WHERE lifecycle_id = 1")
                .bind("d", m.description()).execute();
        if (updated == 0) {
            try {
                h.createUpdate("INSERT INTO registry_lifecycle (lifecycle_id, description) VALUES (1, :d)")
                        .bind("d", m.description()).execute();
            } catch (JdbiException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new RetryTransaction(e);
                }
                throw e;
            }
        }
    }

    /** The model's aliases and the version each points at, sorted by alias in Java's order. */
    static SortedMap<String, Integer> aliases(Handle h, String name) {
        SortedMap<String, Integer> aliases = new TreeMap<>();
        h.createQuery("SELECT alias, version_number FROM model_aliases WHERE model_name = :name")
                .bind("name", name)
                .map((rs, ctx) -> aliases.put(rs.getString(1), rs.getInt(2)))
                .list();
        return aliases;
    }

    /** The version one alias points at, if it is set. */
    static Optional<Integer> alias(Handle h, String name, String alias) {
        return h.createQuery("SELECT version_number FROM model_aliases WHERE model_name = :name AND alias = :alias")
                .bind("name", name)
                .bind("alias", alias)
                .mapTo(Integer.class)
                .findOne();
    }

    /**
     * Locks the model's row until the transaction ends, so that writes to one model's versions run
     * one after the other.
     *
     * @return the model's next version number, or empty if the model does not exist
     */
    static Optional<Integer> lock(Handle h, String name) {
        return h.createQuery("SELECT next_version FROM models WHERE model_name = :name FOR UPDATE")
                .bind("name", name)
                .mapTo(Integer.class)
                .findOne();
    }

    /**
     * Locks the model's row and takes its next version number: one statement on H2 and PostgreSQL,
     * a lock and an update on MariaDB.
     *
     * @return the number taken, or empty if the model does not exist
     */
    static Optional<Integer> lockAndTake(Handle h, Dialect dialect, String name) {
        String bump = "UPDATE models SET next_version = next_version + 1 WHERE model_name = :name";
        return switch (dialect) {
            case POSTGRESQL -> h.createQuery(bump + " RETURNING next_version - 1").bind("name", name)
                    .mapTo(Integer.class).findOne();
            case H2 -> h.createQuery("SELECT next_version - 1 FROM FINAL TABLE (" + bump + ")").bind("name", name)
                    .mapTo(Integer.class).findOne();
            case MARIADB -> lock(h, name).map(next -> {
                setNextVersion(h, name, next + 1);
                return next;
            });
        };
    }

    /** Sets the model's next version number; the caller holds its row lock. */
    static void setNextVersion(Handle h, String name, int next) {
        h.createUpdate("UPDATE models SET next_version = :next WHERE model_name = :name")
                .bind("next", next)
                .bind("name", name)
                .execute();
    }

    private record ModelRow(String name, String description, String createdBy, long createdAt, int nextVersion) {

        static final RowMapper<ModelRow> MAPPER = (rs, ctx) -> new ModelRow(rs.getString("model_name"),
                rs.getString("description"), rs.getString("created_by"), rs.getLong("created_at"),
                rs.getInt("next_version"));

        Model toModel(Map<String, String> tags) {
            return new Model(name, description, tags, createdBy, Instant.ofEpochMilli(createdAt), nextVersion - 1);
        }
    }
}
