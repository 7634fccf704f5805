package dev.modelregistry.benchmarks;

import dev.modelregistry.FileEntry;
import dev.modelregistry.StandardStage;
import dev.modelregistry.VersionRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a {@link SyntheticCatalog} straight into the registry's tables with JDBC batches, because
 * registering a million versions one by one through the API costs a durable commit each (at the
 * measured median, most of an hour on H2). The rows are those the store itself would write for the
 * same history: {@code models.next_version} one past the newest version, one PRODUCTION version per
 * model, the stage moves that led to each version's stage in {@code stage_transitions} (with the
 * "displaced by" comment on the archiving move), files in path order with their index, the lineage
 * of {@link SyntheticLineage} with its dataset and parent index rows. The journal stays empty, as
 * in a database upgraded from before the journal. The schema must exist (open a store on
 * the database first) and be empty. One load at a time per instance.
 */
final class BulkLoader {

    /** Versions per JDBC batch and per commit: large enough to amortize round trips, small enough for H2's undo log. */
    private static final int VERSIONS_PER_COMMIT = 5_000;
    private static final String DISPLACED_BY = "displaced by ";

    private final SyntheticCatalog catalog;
    private final SyntheticLineage lineage;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final AtomicInteger modelsDone = new AtomicInteger();
    private final AtomicInteger reported = new AtomicInteger();
    private long started;

    /** Opens a connection to the loaded database. */
    interface Connector {
        Connection connect() throws SQLException;
    }

    BulkLoader(SyntheticCatalog catalog) {
        this.catalog = catalog;
        this.lineage = new SyntheticLineage(catalog);
    }

    /** Rows inserted so far, over all tables. */
    long rows() {
        return rows.get();
    }

    /**
     * Inserts every model and version on {@code threads} connections at once, each taking the next
     * {@value #VERSIONS_PER_COMMIT} versions' worth of models and committing them as one transaction.
     * Models never span two transactions, so no two connections touch the same rows and they never
     * wait for each other.
     */
    void load(Connector connector, int threads) throws SQLException {
        started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> {
                    try (Connection c = connector.connect()) {
                        loadChunks(c);
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while loading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("loading failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void loadChunks(Connection c) throws SQLException {
        c.setAutoCommit(false);
        // Whole families per chunk, so that a parent version is always in its child's transaction.
        int families = Math.max(1, VERSIONS_PER_COMMIT / catalog.versionsPerModel() / SyntheticLineage.FAMILY);
        int modelsPerChunk = families * SyntheticLineage.FAMILY;
        try (Statements s = new Statements(c)) {
            for (int first = nextChunk.getAndIncrement() * modelsPerChunk; first < catalog.models();
                 first = nextChunk.getAndIncrement() * modelsPerChunk) {
                int end = Math.min(catalog.models(), first + modelsPerChunk);
                for (int m = first; m < end; m++) {
                    addModel(s, m);
                }
                rows.addAndGet(s.flush());
                c.commit();
                progress(modelsDone.addAndGet(end - first));
            }
        }
    }

    /** About ten progress lines per load, whatever its size. */
    private void progress(int done) {
        int tenths = (int) (10L * done / catalog.models());
        int previous = reported.get();
        if (tenths > previous && reported.compareAndSet(previous, tenths)) {
            Progress.note(String.format(Locale.ROOT, "  loaded %d of %d models, %d rows, %.0f s",
                    done, catalog.models(), rows.get(), (System.nanoTime() - started) / 1e9));
        }
    }

    private void addModel(Statements s, int m) throws SQLException {
        String name = SyntheticCatalog.modelName(m);
        int newest = catalog.versionsPerModel();
        long createdAt = catalog.version(m, 1).createdAt();
        s.models.setString(1, name);
        s.models.setString(2, "");
        s.models.setString(3, SyntheticCatalog.CREATED_BY);
        s.models.setLong(4, createdAt);
        s.models.setInt(5, newest + 1);
        s.models.addBatch();
        s.modelTags.setString(1, name);
        s.modelTags.setString(2, "owner");
        s.modelTags.setString(3, "team-" + m % 50);
        s.modelTags.addBatch();
        for (int n = 1; n <= newest; n++) {
            addVersion(s, name, catalog.version(m, n), newest);
            addLineage(s, m, n);
        }
    }

    private void addVersion(Statements s, String model, SyntheticCatalog.Version v, int newest) throws SQLException {
        PreparedStatement p = s.versions;
        p.setString(1, model);
        p.setInt(2, v.number());
        p.setString(3, v.stage().name());
        p.setString(4, "");
        p.setString(5, v.digest());
        p.setString(6, SyntheticCatalog.CREATED_BY);
        p.setLong(7, v.createdAt());
        p.addBatch();
        for (Map.Entry<String, String> e : v.params().entrySet()) {
            pair(s.params, model, v.number(), e.getKey()).setString(4, e.getValue());
            s.params.addBatch();
        }
        for (Map.Entry<String, Double> e : v.metrics().entrySet()) {
            pair(s.metrics, model, v.number(), e.getKey()).setDouble(4, e.getValue());
            s.metrics.addBatch();
        }
        for (Map.Entry<String, String> e : v.tags().entrySet()) {
            pair(s.tags, model, v.number(), e.getKey()).setString(4, e.getValue());
            s.tags.addBatch();
        }
        List<FileEntry> files = v.files();
        for (int i = 0; i < files.size(); i++) {
            FileEntry f = files.get(i);
            s.files.setString(1, model);
            s.files.setInt(2, v.number());
            s.files.setString(3, f.path());
            s.files.setInt(4, i);
            s.files.setLong(5, f.size());
            s.files.setString(6, f.sha256());
            s.files.addBatch();
        }
        addMoves(s, model, v, newest);
    }

    /** The rows the store writes for a lineage: its text, one row per dataset, one per parent. */
    private void addLineage(Statements s, int m, int n) throws SQLException {
        String model = SyntheticCatalog.modelName(m);
        s.lineage.setString(1, model);
        s.lineage.setInt(2, n);
        dev.modelregistry.lineage.Lineage recorded = lineage.lineage(m, n);
        s.lineage.setString(3, SyntheticLineage.text(recorded));
        s.lineage.setString(4, recorded.run().orElseThrow().runId());
        s.lineage.addBatch();
        int[] datasets = {SyntheticLineage.trainingSet(m, n), SyntheticLineage.validationSet(m)};
        for (int i = 0; i < datasets.length; i++) {
            s.datasets.setString(1, model);
            s.datasets.setInt(2, n);
            s.datasets.setInt(3, i);
            s.datasets.setString(4, SyntheticLineage.uriHash(datasets[i]));
            s.datasets.setString(5, SyntheticLineage.datasetDigest(datasets[i]));
            s.datasets.setString(6, i == 0 ? "train" : "validation");
            s.datasets.addBatch();
        }
        Optional<VersionRef> parent = SyntheticLineage.parent(m, n);
        if (parent.isPresent()) {
            s.parents.setString(1, model);
            s.parents.setInt(2, n);
            s.parents.setString(3, parent.get().model());
            s.parents.setInt(4, parent.get().version());
            s.parents.setString(5, "fine-tuned-from");
            s.parents.addBatch();
        }
    }

    /** The moves from DEVELOPMENT that the standard lifecycle allows to reach the version's stage. */
    private void addMoves(Statements s, String model, SyntheticCatalog.Version v, int newest) throws SQLException {
        List<StandardStage> path = switch (v.stage()) {
            case DEVELOPMENT -> List.of();
            case STAGING -> List.of(StandardStage.STAGING);
            case PRODUCTION -> List.of(StandardStage.STAGING, StandardStage.PRODUCTION);
            case ARCHIVED -> List.of(StandardStage.STAGING, StandardStage.PRODUCTION, StandardStage.ARCHIVED);
        };
        StandardStage from = StandardStage.DEVELOPMENT;
        for (int seq = 1; seq <= path.size(); seq++) {
            StandardStage to = path.get(seq - 1);
            boolean displaced = to == StandardStage.ARCHIVED;
            PreparedStatement t = s.transitions;
            t.setString(1, model);
            t.setInt(2, v.number());
            t.setInt(3, seq);
            t.setString(4, from.name());
            t.setString(5, to.name());
            t.setString(6, SyntheticCatalog.CREATED_BY);
            t.setLong(7, v.createdAt() + seq * 60_000L);
            // Archived versions were displaced by the next version promoted: five later, or the current one.
            t.setString(8, displaced ? DISPLACED_BY + model + " v" + Math.min(v.number() + 5, newest - 2) : "");
            t.addBatch();
            from = to;
        }
    }

    private static PreparedStatement pair(PreparedStatement p, String model, int version, String key)
            throws SQLException {
        p.setString(1, model);
        p.setInt(2, version);
        p.setString(3, key);
        return p;
    }

    /** One prepared insert per table, executed parents first so that foreign keys hold. */
    private static final class Statements implements AutoCloseable {
        final PreparedStatement models;
        final PreparedStatement modelTags;
        final PreparedStatement versions;
        final PreparedStatement params;
        final PreparedStatement metrics;
        final PreparedStatement tags;
        final PreparedStatement files;
        final PreparedStatement transitions;
        final PreparedStatement lineage;
        final PreparedStatement datasets;
        final PreparedStatement parents;
        private final List<PreparedStatement> inOrder;

        Statements(Connection c) throws SQLException {
            models = c.prepareStatement("INSERT INTO models (model_name, description, created_by, created_at,"
                    + " next_version) VALUES (?, ?, ?, ?, ?)");
            modelTags = c.prepareStatement("INSERT INTO model_tags (model_name, item_key, item_value) VALUES (?, ?, ?)");
            versions = c.prepareStatement("INSERT INTO versions (model_name, version_number, stage, description,"
                    + " digest, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
            params = c.prepareStatement("INSERT INTO version_params (model_name, version_number, item_key,"
                    + " item_value) VALUES (?, ?, ?, ?)");
            metrics = c.prepareStatement("INSERT INTO version_metrics (model_name, version_number, item_key,"
                    + " metric_value) VALUES (?, ?, ?, ?)");
            tags = c.prepareStatement("INSERT INTO version_tags (model_name, version_number, item_key,"
                    + " item_value) VALUES (?, ?, ?, ?)");
            files = c.prepareStatement("INSERT INTO version_files (model_name, version_number, file_path,"
                    + " file_index, size_bytes, sha256) VALUES (?, ?, ?, ?, ?, ?)");
            transitions = c.prepareStatement("INSERT INTO stage_transitions (model_name, version_number, seq,"
                    + " from_stage, to_stage, actor, at_millis, transition_comment)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            lineage = c.prepareStatement("INSERT INTO version_lineage (model_name, version_number, lineage,"
                    + " run_id) VALUES (?, ?, ?, ?)");
            datasets = c.prepareStatement("INSERT INTO lineage_datasets (model_name, version_number, dataset_index,"
                    + " uri_hash, digest, dataset_role) VALUES (?, ?, ?, ?, ?, ?)");
            parents = c.prepareStatement("INSERT INTO lineage_parents (model_name, version_number, parent_model,"
                    + " parent_version, relation_name) VALUES (?, ?, ?, ?, ?)");
            inOrder = List.of(models, modelTags, versions, params, metrics, tags, files, transitions, lineage,
                    datasets, parents);
        }

        /** Executes every pending batch; returns the rows inserted. */
        long flush() throws SQLException {
            long inserted = 0;
            for (PreparedStatement p : inOrder) {
                for (int count : p.executeBatch()) {
                    // A driver that rewrites a batch into multi-row inserts may report SUCCESS_NO_INFO (-2).
                    inserted += count > 0 ? count : 1;
                }
            }
            return inserted;
        }

        @Override
        public void close() throws SQLException {
            SQLException failure = null;
            for (PreparedStatement p : inOrder) {
                try {
                    p.close();
                } catch (SQLException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
