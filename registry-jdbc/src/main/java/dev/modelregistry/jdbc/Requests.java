package dev.modelregistry.jdbc;

import dev.modelregistry.Model;
import dev.modelregistry.spi.VersionRecord;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Request ids: what makes a write safe to retry when the connection broke while it committed.
 *
 * <p>A broken connection during {@code COMMIT} leaves the outcome unknown: the database may have
 * committed just before the connection died (an embedded H2 host killed mid-commit, a server
 * restarted, a network failure). Retrying blindly would then register a version twice or refuse
 * a stage move as a conflict with itself. So each write operation draws one id per call, before
 * its first attempt, and stores it in the row that records the write ({@code request_id}, see
 * {@code V2__request_ids.sql}). When an attempt's commit was interrupted, {@link Transactions}
 * runs one of the lookups here before the next attempt: a row with the id means the earlier
 * attempt committed, and its result is returned instead of writing again.
 *
 * <p>The lookups first lock the model's row, like every write: an interrupted transaction that
 * is still running on a server holds that lock until it ends, so the lookup sees its final
 * outcome. An update that changed nothing leaves no row; retrying it is harmless, because its
 * first attempt had no visible effect.
 */
final class Requests {

    private Requests() {
    }

    /** A new request id, for one call of a write operation and all its attempts. */
    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The model that the request created, if its transaction committed. */
    static Optional<Model> createdModel(Handle h, String name, String request) {
        boolean created = h.createQuery("SELECT 1 FROM models WHERE model_name = :name AND request_id = :request")
                .bind("name", name)
                .bind("request", request)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
        return created ? ModelSql.find(h, name) : Optional.empty();
    }

    /** The version that the request inserted, if its transaction committed. */
    static Optional<VersionRecord> insertedVersion(Handle h, String model, String request) {
        ModelSql.lock(h, model);
        return h.createQuery("SELECT version_number FROM versions WHERE model_name = :model AND request_id = :request")
                .bind("model", model)
                .bind("request", request)
                .mapTo(Integer.class)
                .findOne()
                .flatMap(number -> VersionReads.find(h, model, number));
    }

    /** The version as it is now, if the request's stage move committed. */
    static Optional<VersionRecord> movedVersion(Handle h, String model, int version, String request) {
        return recorded(h, "stage_transitions", model, version, request);
    }

    /** The version as it is now, if the request's update committed and changed something. */
    static Optional<VersionRecord> updatedVersion(Handle h, String model, int version, String request) {
        return recorded(h, "version_changes", model, version, request);
    }

    private static Optional<VersionRecord> recorded(Handle h, String history, String model, int version,
                                                    String request) {
        ModelSql.lock(h, model);
        boolean recorded = h.createQuery("SELECT COUNT(*) FROM " + history
                        + " WHERE model_name = :model AND version_number = :version AND request_id = :request")
                .bind("model", model)
                .bind("version", version)
                .bind("request", request)
                .mapTo(Integer.class)
                .one() > 0;
        return recorded ? VersionReads.find(h, model, version) : Optional.empty();
    }
}
