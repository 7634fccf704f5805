package dev.modelregistry.jdbc;

import dev.modelregistry.Model;
import dev.modelregistry.ModelAlreadyExistsException;
import dev.modelregistry.spi.NewModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The SQL for the {@code models} and {@code model_tags} tables, including version number allocation. */
final class ModelSql {

    private static final String SELECT_MODEL =
            "SELECT model_name, description, created_by, created_at, next_version FROM models";

    private static final String INSERT_MODEL =
            "INSERT INTO models (model_name, description, created_by, created_at, next_version, request_id)"
                    + " VALUES (:name, :description, :createdBy, :createdAt, :nextVersion, :request)";

    private ModelSql() {
    }

    static Optional<Model> find(Handle h, String name) {
        return h.createQuery(SELECT_MODEL + " WHERE model_name = :name")
                .bind("name", name)
                .map(ModelRow.MAPPER)
                .findOne()
                .map(row -> row.toModel(tags(h, name).getOrDefault(name, Map.of())));
    }

    /** All models, sorted by name in Java's order rather than the database collation's. */
    static List<Model> all(Handle h) {
        Map<String, Map<String, String>> tags = tags(h, null);
        List<Model> models = new ArrayList<>();
        h.createQuery(SELECT_MODEL)
                .map(ModelRow.MAPPER)
                .forEach(row -> models.add(row.toModel(tags.getOrDefault(row.name(), Map.of()))));
        models.sort(Comparator.comparing(Model::name));
        return models;
    }

    /**
     * Creates a model, recording the request id (see {@link Requests}).
     *
     * @throws RetryTransaction if another transaction created the model concurrently: the retry
     *                          reports the name as taken, unless that transaction was an
     *                          interrupted earlier attempt of this very request
     */
    static Model create(Handle h, NewModel model, String request) {
        if (lock(h, model.name())) {
            throw new ModelAlreadyExistsException(model.name());
        }
        try {
            insert(h, model.name(), model.description(), model.createdBy(), model.createdAt(), 1, request);
        } catch (JdbiException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new RetryTransaction(e);
            }
            throw e;
        }
        if (!model.tags().isEmpty()) {
            PreparedBatch batch = h.prepareBatch("INSERT INTO model_tags (model_name, item_key, item_value)"
                    + " VALUES (:name, :key, :value)");
            model.tags().forEach((k, v) -> batch.bind("name", model.name()).bind("key", k).bind("value", v).add());
            batch.execute();
        }
        return new ModelRow(model.name(), model.description(), model.createdBy(), model.createdAt().toEpochMilli(), 1)
                .toModel(model.tags());
    }

    /**
     * Locks the model's row until the transaction ends, so that writes to one model's versions run
     * one after the other.
     *
     * @return whether the model exists
     */
    static boolean lock(Handle h, String name) {
        return h.createQuery("SELECT next_version FROM models WHERE model_name = :name FOR UPDATE")
                .bind("name", name)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    /**
     * Allocates the model's next version number, creating the model if it does not exist. Bumping
     * the counter locks the model's row, so concurrent allocations wait for each other.
     *
     * @throws RetryTransaction if another transaction created the model concurrently
     */
    static int allocateVersion(Handle h, String name, String createdBy, Instant createdAt) {
        int bumped = h.createUpdate("UPDATE models SET next_version = next_version + 1 WHERE model_name = :name")
                .bind("name", name)
                .execute();
        if (bumped == 1) {
            return h.createQuery("SELECT next_version FROM models WHERE model_name = :name")
                    .bind("name", name)
                    .mapTo(Integer.class)
                    .one() - 1;
        }
        try {
            insert(h, name, "", createdBy, createdAt, 2, null);
        } catch (JdbiException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new RetryTransaction(e);
            }
            throw e;
        }
        return 1;
    }

    private static void insert(Handle h, String name, String description, String createdBy, Instant createdAt,
                               int nextVersion, String request) {
        h.createUpdate(INSERT_MODEL)
                .bind("name", name)
                .bind("description", description)
                .bind("createdBy", createdBy)
                .bind("createdAt", createdAt.toEpochMilli())
                .bind("nextVersion", nextVersion)
                .bind("request", request)
                .execute();
    }

    /** Tags of one model, or of all models if {@code name} is null, by model name. */
    private static Map<String, Map<String, String>> tags(Handle h, String name) {
        Map<String, Map<String, String>> tags = new HashMap<>();
        String sql = "SELECT model_name, item_key, item_value FROM model_tags"
                + (name == null ? "" : " WHERE model_name = :name");
        var query = h.createQuery(sql);
        if (name != null) {
            query.bind("name", name);
        }
        query.map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .forEach(row -> tags.computeIfAbsent(row[0], n -> new HashMap<>()).put(row[1], row[2]));
        return tags;
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
