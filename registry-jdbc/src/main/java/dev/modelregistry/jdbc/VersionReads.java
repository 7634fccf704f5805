package dev.modelregistry.jdbc;

import dev.modelregistry.Evaluation;
import dev.modelregistry.FileEntry;
import dev.modelregistry.ModelChange;
import dev.modelregistry.PromotionRequest;
import dev.modelregistry.VersionChange;
import dev.modelregistry.VersionRef;
import dev.modelregistry.spi.RequestRecord;
import dev.modelregistry.spi.TransitionRecord;
import dev.modelregistry.spi.VersionRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads versions with their params, metrics, tags and files, and their history.
 *
 * <p>Every read here is one SQL statement, because a single statement reads one consistent
 * snapshot on each supported database, also outside a transaction at READ COMMITTED (see
 * {@link Transactions#read}): PostgreSQL takes a snapshot per statement, InnoDB a read view per
 * statement, and H2's MVStore a coherent snapshot of every table a statement uses when it starts.
 * So a version's row, params, metrics, tags and files come from one committed state, never half a
 * registration or the files of one state with the stage of another, and a lookup costs one round
 * trip. The five tables are therefore read with one {@code UNION ALL}; a list of versions costs
 * the same single statement as one version.
 */
final class VersionReads {

    private static final int VERSION = 0;
    private static final int METRIC = 1;
    private static final int PARAM = 2;
    private static final int TAG = 3;
    private static final int FILE = 4;

    /** Selects the versions of a model; {@code AND version_number = ...} narrows it to one. */
    private static final String MODEL = "model_name = :model";

    private static final String FIND = select(MODEL + " AND version_number = :version");
    private static final String LATEST = select(MODEL
            + " AND version_number = (SELECT MAX(version_number) FROM versions WHERE model_name = :model)");
    private static final String NEWEST_IN_STAGE = select(MODEL + " AND version_number ="
            + " (SELECT MAX(version_number) FROM versions WHERE model_name = :model AND stage = :stage)");
    private static final String ALL = select(MODEL);

    private VersionReads() {
    }

    /**
     * The versions that {@code where} selects and their params, metrics, tags and files, one row
     * each, told apart by {@code kind}; {@code pos} is a file's index, and unused columns are NULL.
     * {@code where} is repeated in every branch; a {@code MAX} subquery in it finds the same version
     * in each, since all branches read the statement's one snapshot. Not sorted: sorting the rows
     * cost H2 more than sorting the records costs Java.
     *
     * <p>The metrics branch must come second: PostgreSQL types a UNION's columns pair by pair from
     * the left and makes a column that is NULL in both of the first two branches text, which a
     * metric's double would then not match (a typed NULL is no way out: MariaDB cannot cast to
     * DOUBLE PRECISION, PostgreSQL not to DOUBLE).
     */
    private static String select(String where) {
        String tail = " WHERE " + where;
        return "SELECT " + VERSION + " AS kind, version_number, 0 AS pos, stage AS a, description AS b,"
                + " digest AS c, created_by AS d, created_at AS n, NULL AS x, model_name FROM versions" + tail
                + " UNION ALL SELECT " + METRIC + ", version_number, 0, item_key, NULL, NULL, NULL, NULL,"
                + " metric_value, model_name FROM version_metrics" + tail
                + " UNION ALL SELECT " + PARAM + ", version_number, 0, item_key, item_value, NULL, NULL, NULL,"
                + " NULL, model_name FROM version_params" + tail
                + " UNION ALL SELECT " + TAG + ", version_number, 0, item_key, item_value, NULL, NULL, NULL,"
                + " NULL, model_name FROM version_tags" + tail
                + " UNION ALL SELECT " + FILE + ", version_number, file_index, file_path, sha256, NULL, NULL,"
                + " size_bytes, NULL, model_name FROM version_files" + tail;
    }

    static Optional<VersionRecord> find(Handle h, String model, int version) {
        return one(read(h.createQuery(FIND).bind("version", version), model));
    }

    static Optional<VersionRecord> latest(Handle h, String model) {
        return one(read(h.createQuery(LATEST), model));
    }

    static Optional<VersionRecord> newestInStage(Handle h, String model, String stage) {
        return one(read(h.createQuery(NEWEST_IN_STAGE).bind("stage", stage), model));
    }

    /** All versions of a model, highest number first. */
    static List<VersionRecord> all(Handle h, String model) {
        return read(h.createQuery(ALL), model);
    }

    /** The numbers of the model's versions in a stage, lowest first. */
    static List<Integer> inStage(Handle h, String model, String stage) {
        return h.createQuery("SELECT version_number FROM versions WHERE model_name = :model AND stage = :stage"
                        + " ORDER BY version_number")
                .bind("model", model)
                .bind("stage", stage)
                .mapTo(Integer.class)
                .list();
    }

    static List<ModelChange> modelChanges(Handle h, String model) {
        return h.createQuery("SELECT field_name, old_value, new_value, actor, at_millis"
                        + " FROM model_changes WHERE model_name = :model ORDER BY seq")
                .bind("model", model)
                .map((rs, ctx) -> new ModelChange(model, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))))
                .list();
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

    /** A model's promotion requests with their votes, by number, in one statement. */
    static List<RequestRecord> requests(Handle h, String model) {
        Map<Integer, RequestRecord> byId = new LinkedHashMap<>();
        Map<Integer, List<PromotionRequest.Vote>> votes = new HashMap<>();
        h.createQuery("SELECT r.request_id, r.version_number, r.to_stage, r.requested_by, r.reason, r.at_millis,"
                        + " r.status, v.principal, v.approve, v.vote_comment, v.at_millis FROM promotion_requests r"
                        + " LEFT JOIN request_votes v ON v.model_name = r.model_name AND v.request_id = r.request_id"
                        + " WHERE r.model_name = :model ORDER BY r.request_id, v.at_millis, v.principal")
                .bind("model", model)
                .reduceResultSet(byId, (acc, rs, ctx) -> {
                    int id = rs.getInt(1);
                    if (!acc.containsKey(id)) {
                        acc.put(id, new RequestRecord(model, id, rs.getInt(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7), List.of()));
                    }
                    String principal = rs.getString(8);
                    if (principal != null) {
                        votes.computeIfAbsent(id, k -> new ArrayList<>()).add(new PromotionRequest.Vote(principal,
                                rs.getBoolean(9), rs.getString(10), Instant.ofEpochMilli(rs.getLong(11))));
                    }
                    return acc;
                });
        List<RequestRecord> requests = new ArrayList<>(byId.size());
        byId.forEach((id, r) -> requests.add(new RequestRecord(model, id, r.version(), r.to(), r.requestedBy(),
                r.reason(), r.at(), r.status(), votes.getOrDefault(id, List.of()))));
        return requests;
    }

    /** A version's evaluations with their metrics, oldest first, in one statement. */
    static List<Evaluation> evaluations(Handle h, String model, int version) {
        VersionRef ref = VersionRef.of(model, version);
        Map<Integer, Evaluation> bySeq = new LinkedHashMap<>();
        Map<Integer, Map<String, Double>> metrics = new HashMap<>();
        h.createQuery("SELECT e.seq, e.evaluation, e.passed, e.details, e.recorded_by, e.at_millis, m.item_key,"
                        + " m.metric_value FROM version_evaluations e LEFT JOIN evaluation_metrics m"
                        + " ON m.model_name = e.model_name AND m.version_number = e.version_number AND m.seq = e.seq"
                        + " WHERE e.model_name = :model AND e.version_number = :version ORDER BY e.seq")
                .bind("model", model)
                .bind("version", version)
                .reduceResultSet(bySeq, (acc, rs, ctx) -> {
                    int seq = rs.getInt(1);
                    if (!acc.containsKey(seq)) {
                        acc.put(seq, new Evaluation(ref, seq, rs.getString(2), Map.of(), rs.getBoolean(3),
                                rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))));
                    }
                    String key = rs.getString(7);
                    if (key != null) {
                        metrics.computeIfAbsent(seq, k -> new HashMap<>()).put(key, rs.getDouble(8));
                    }
                    return acc;
                });
        List<Evaluation> evaluations = new ArrayList<>(bySeq.size());
        bySeq.forEach((seq, e) -> evaluations.add(new Evaluation(ref, seq, e.name(), metrics.getOrDefault(seq, Map.of()),
                e.passed(), e.details(), e.recordedBy(), e.at())));
        return evaluations;
    }

    private static Optional<VersionRecord> one(List<VersionRecord> records) {
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(0));
    }

    private static List<VersionRecord> read(Query query, String model) {
        return query.bind("model", model)
                .reduceResultSet(new Rows(), (rows, rs, ctx) -> rows.add(rs))
                .records();
    }

    /**
     * The given versions that exist, of any models, in statements of at most {@link LineageSql#BATCH}, as a
     * row-value {@code IN} list padded with repeats of its last version to a power of two, so that a
     * handful of statement texts serve every size and the databases' statement caches hold them. PostgreSQL
     * gets two arrays instead, one statement text for every size, which it plans once.
     */
    static List<VersionRecord> of(Handle h, Dialect dialect, Collection<VersionRef> wanted) {
        List<VersionRef> distinct = new ArrayList<>(new LinkedHashSet<>(wanted));
        List<VersionRecord> records = new ArrayList<>(distinct.size());
        if (dialect == Dialect.POSTGRESQL) {
            Query query = h.createQuery(select("(model_name, version_number) IN (SELECT * FROM"
                    + " unnest(CAST(:models AS VARCHAR[]), CAST(:numbers AS INTEGER[])))"));
            query.bindArray("models", String.class, distinct.stream().map(VersionRef::model).toList());
            query.bindArray("numbers", Integer.class, distinct.stream().map(VersionRef::version).toList());
            return query.reduceResultSet(new Rows(), (rows, rs, ctx) -> rows.add(rs)).records();
        }
        for (int from = 0; from < distinct.size(); from += LineageSql.BATCH) {
            List<VersionRef> batch = distinct.subList(from, Math.min(distinct.size(), from + LineageSql.BATCH));
            int size = Integer.highestOneBit(batch.size() * 2 - 1);
            StringBuilder where = new StringBuilder("(model_name, version_number) IN (");
            for (int i = 0; i < size; i++) {
                where.append(i == 0 ? "" : ", ").append("(:m").append(i).append(", :v").append(i).append(')');
            }
            Query query = h.createQuery(select(where.append(')').toString()));
            for (int i = 0; i < size; i++) {
                VersionRef ref = batch.get(Math.min(i, batch.size() - 1));
                query.bind("m" + i, ref.model()).bind("v" + i, ref.version());
            }
            records.addAll(query.reduceResultSet(new Rows(), (rows, rs, ctx) -> rows.add(rs)).records());
        }
        return records;
    }

    /** The rows of one {@link #select(String)}, gathered into records; columns by position, as listed there. */
    private static final class Rows {
        private final List<VersionRow> versions = new ArrayList<>();
        private final Map<VersionRef, Map<String, String>> params = new HashMap<>();
        private final Map<VersionRef, Map<String, Double>> metrics = new HashMap<>();
        private final Map<VersionRef, Map<String, String>> tags = new HashMap<>();
        private final Map<VersionRef, List<IndexedFile>> files = new HashMap<>();

        Rows add(ResultSet rs) throws SQLException {
            int kind = rs.getInt(1);
            VersionRef version = VersionRef.of(rs.getString(10), rs.getInt(2));
            String a = rs.getString(4);
            switch (kind) {
                case VERSION -> versions.add(new VersionRow(version, a, rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getLong(8)));
                case METRIC -> metrics.computeIfAbsent(version, v -> new HashMap<>()).put(a, rs.getDouble(9));
                case PARAM -> params.computeIfAbsent(version, v -> new HashMap<>()).put(a, rs.getString(5));
                case TAG -> tags.computeIfAbsent(version, v -> new HashMap<>()).put(a, rs.getString(5));
                case FILE -> files.computeIfAbsent(version, v -> new ArrayList<>())
                        .add(new IndexedFile(rs.getInt(3), new FileEntry(a, rs.getLong(8), rs.getString(5))));
                default -> throw new IllegalStateException("Unknown row kind " + kind);
            }
            return this;
        }

        /** The versions highest number first, each with its files in their order. */
        List<VersionRecord> records() {
            versions.sort(Comparator.comparingInt((VersionRow v) -> v.version().version()).reversed());
            List<VersionRecord> records = new ArrayList<>(versions.size());
            for (VersionRow v : versions) {
                List<IndexedFile> indexed = files.getOrDefault(v.version(), List.of());
                List<FileEntry> entries = indexed.stream()
                        .sorted(Comparator.comparingInt(IndexedFile::index))
                        .map(IndexedFile::entry)
                        .toList();
                records.add(new VersionRecord(v.version().model(), v.version().version(), v.stage(), v.description(),
                        params.getOrDefault(v.version(), Map.of()), metrics.getOrDefault(v.version(), Map.of()),
                        tags.getOrDefault(v.version(), Map.of()), entries,
                        v.digest(), v.createdBy(), Instant.ofEpochMilli(v.createdAt())));
            }
            return records;
        }
    }

    private record IndexedFile(int index, FileEntry entry) {
    }

    private record VersionRow(VersionRef version, String stage, String description, String digest, String createdBy,
                              long createdAt) {
    }
}
