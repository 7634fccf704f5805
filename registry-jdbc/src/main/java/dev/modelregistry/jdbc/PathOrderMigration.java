package dev.modelregistry.jdbc;

import dev.modelregistry.FileEntry;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.Target;
import dev.modelregistry.spi.VersionDigests;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 4: gives every version stored before paths were ordered component by component (as
 * OpenSSF model-signing orders them, see {@link VersionDigests#PATH_ORDER}) that order and the
 * digest it gives. Earlier versions of this library ordered paths as whole strings, so a version
 * holding, say, {@code a-b} and {@code a/b} has its files in the wrong order and a digest that the
 * model-signing tools do not reproduce. Its digest is recomputed from the stored SHA-256 of its
 * files, which the version still holds, and {@code version_files.file_index} is renumbered; the
 * files themselves are not read. A version whose stored order already is the new one (nearly
 * every version: the orders differ only where a path component is a prefix of another one at the
 * same depth followed by a character below {@code /}, such as space, {@code -} or {@code .}) is
 * not written.
 *
 * <p>It reads the catalog in slices of at most {@value #VERSIONS_PER_SLICE} versions (consecutive
 * models, or a window of one large model's version numbers), each read with one statement over the
 * primary key of {@code version_files}, so memory stays bounded whatever the number of versions.
 * A version is out of order if two of its consecutive files (by {@code file_index}) are; only those
 * versions are read again in full and rewritten. On H2 and MariaDB each slice's corrections
 * commit in their own transaction, so a version is never left half renumbered; an interrupted
 * migration is rerun from the start and finds only the versions still out of order. On PostgreSQL
 * the whole migration is already one transaction (see {@link MigrationLock#POSTGRESQL}).
 *
 * <p>Each correction is journaled in the transaction that makes it: a
 * {@code version.digest_corrected} entry by the principal {@value #PRINCIPAL}, with the old and the
 * new digest, so an auditor sees why a version's digest changed.
 *
 * <p>Renumbering goes through negative indexes ({@code -1 - index}) because MariaDB's primary key
 * of {@code version_files} includes {@code file_index} and is checked row by row, so two files
 * cannot swap their indexes in one statement.
 */
final class PathOrderMigration {

    /** How many versions one slice reads at most. */
    static final int VERSIONS_PER_SLICE = 1_000;
    private static final int MODELS_PER_PAGE = 500;

    /** The principal of the journal entries that record the corrections. */
    static final String PRINCIPAL = "model-registry-migration";
    private static final String REASON = "files ordered by path component, as OpenSSF model-signing orders them";

    private static final Logger LOG = LoggerFactory.getLogger(PathOrderMigration.class);

    private PathOrderMigration() {
    }

    /** The versions of the models {@code first} to {@code last} whose numbers lie in {@code [low, high]}. */
    private record Slice(String first, String last, int low, int high) {
    }

    private record Model(String name, int versions) {
    }

    private record VersionKey(String model, int version) {
    }

    private record StoredFile(FileEntry entry, int index) {
    }

    /** Runs the migration on a handle that holds the migration lock. */
    static void apply(Handle h, Dialect dialect) {
        long started = System.nanoTime();
        long corrected = 0;
        String after = null;
        while (true) {
            List<Model> models = modelsAfter(h, after);
            if (models.isEmpty()) {
                break;
            }
            for (Slice slice : slices(models)) {
                List<VersionKey> outOfOrder = outOfOrder(h, slice);
                if (!outOfOrder.isEmpty()) {
                    inTransaction(h, () -> {
                        List<EntryDraft> entries = new ArrayList<>();
                        outOfOrder.forEach(key -> entries.add(correct(h, key)));
                        JournalSql.append(h, List.of(new ChangeSet(UUID.randomUUID().toString(), PRINCIPAL,
                                Instant.now().truncatedTo(ChronoUnit.MILLIS), List.of(), List.of(), entries)),
                                new int[1], null);
                    });
                    corrected += outOfOrder.size();
                }
            }
            after = models.get(models.size() - 1).name();
        }
        LOG.info("Checked the path order of every stored version in {} ms; corrected the file order and digest"
                + " of {}", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), corrected);
    }

    /** The next page of models by name, with an upper bound of their version counts. */
    private static List<Model> modelsAfter(Handle h, String after) {
        String sql = "SELECT model_name, next_version FROM models"
                + (after == null ? "" : " WHERE model_name > :after")
                + " ORDER BY model_name LIMIT " + MODELS_PER_PAGE;
        Query query = h.createQuery(sql);
        if (after != null) {
            query.bind("after", after);
        }
        return query.map((rs, ctx) -> new Model(rs.getString(1), rs.getInt(2) - 1)).list();
    }

    /**
     * Groups a page of consecutive models into slices of at most {@link #VERSIONS_PER_SLICE}
     * versions; a model with more gets slices of its own, by windows of version numbers.
     */
    private static List<Slice> slices(List<Model> models) {
        List<Slice> slices = new ArrayList<>();
        String first = null;
        String last = null;
        int versions = 0;
        for (Model m : models) {
            if (first != null && versions + m.versions() > VERSIONS_PER_SLICE) {
                slices.add(new Slice(first, last, 0, Integer.MAX_VALUE));
                first = null;
                versions = 0;
            }
            if (m.versions() > VERSIONS_PER_SLICE) {
                for (int low = 1; low <= m.versions(); low += VERSIONS_PER_SLICE) {
                    slices.add(new Slice(m.name(), m.name(), low,
                            (int) Math.min((long) low + VERSIONS_PER_SLICE - 1, m.versions())));
                }
                continue;
            }
            if (first == null) {
                first = m.name();
            }
            last = m.name();
            versions += m.versions();
        }
        if (first != null) {
            slices.add(new Slice(first, last, 0, Integer.MAX_VALUE));
        }
        return slices;
    }

    /** The versions of a slice with two consecutive files out of {@link VersionDigests#PATH_ORDER}. */
    private static List<VersionKey> outOfOrder(Handle h, Slice slice) {
        return h.createQuery("SELECT model_name, version_number, file_path FROM version_files"
                        + " WHERE model_name >= :first AND model_name <= :last"
                        + " AND version_number >= :low AND version_number <= :high"
                        + " ORDER BY model_name, version_number, file_index")
                .bind("first", slice.first())
                .bind("last", slice.last())
                .bind("low", slice.low())
                .bind("high", slice.high())
                .setFetchSize(VERSIONS_PER_SLICE)
                .reduceResultSet(new OrderCheck(), (check, rs, ctx) -> {
                    check.next(rs.getString(1), rs.getInt(2), rs.getString(3));
                    return check;
                })
                .outOfOrder;
    }

    /** Follows the files of a slice in stored order and notes each version where that order breaks. */
    private static final class OrderCheck {
        private final List<VersionKey> outOfOrder = new ArrayList<>();
        private String model;
        private int version;
        private String path;
        private boolean noted;

        void next(String nextModel, int nextVersion, String nextPath) {
            boolean sameVersion = nextVersion == version && nextModel.equals(model);
            if (sameVersion && !noted && VersionDigests.PATH_ORDER.compare(path, nextPath) > 0) {
                outOfOrder.add(new VersionKey(model, version));
                noted = true;
            }
            if (!sameVersion) {
                model = nextModel;
                version = nextVersion;
                noted = false;
            }
            path = nextPath;
        }
    }

    /** Renumbers a version's files in path order and stores the digest they give. */
    /** Corrects one version; returns the journal entry that records the correction. */
    private static EntryDraft correct(Handle h, VersionKey key) {
        String old = h.createQuery("SELECT digest FROM versions WHERE model_name = :model AND version_number = :version")
                .bind("model", key.model())
                .bind("version", key.version())
                .mapTo(String.class)
                .one();
        List<StoredFile> files = h.createQuery("SELECT file_path, file_index, size_bytes, sha256 FROM version_files"
                        + " WHERE model_name = :model AND version_number = :version")
                .bind("model", key.model())
                .bind("version", key.version())
                .map((rs, ctx) -> new StoredFile(new FileEntry(rs.getString(1), rs.getLong(3), rs.getString(4)),
                        rs.getInt(2)))
                .list();
        files.sort(Comparator.comparing(StoredFile::entry, VersionDigests.FILE_ORDER));
        // Path and index are both named, so that each row is found by primary key on every database.
        try (PreparedBatch moves = h.prepareBatch("UPDATE version_files SET file_index = :moved WHERE model_name = :model"
                + " AND version_number = :version AND file_path = :path AND file_index = :index")) {
            for (int i = 0; i < files.size(); i++) {
                StoredFile f = files.get(i);
                if (f.index() != i) {
                    moves.bind("moved", -1 - i)
                            .bind("model", key.model())
                            .bind("version", key.version())
                            .bind("path", f.entry().path())
                            .bind("index", f.index())
                            .add();
                }
            }
            if (moves.size() > 0) {
                moves.execute();
            }
        }
        h.createUpdate("UPDATE version_files SET file_index = -1 - file_index"
                        + " WHERE model_name = :model AND version_number = :version AND file_index < 0")
                .bind("model", key.model())
                .bind("version", key.version())
                .execute();
        String digest = VersionDigests.manifest(files.stream().map(StoredFile::entry).toList());
        h.createUpdate("UPDATE versions SET digest = :digest WHERE model_name = :model AND version_number = :version")
                .bind("digest", digest)
                .bind("model", key.model())
                .bind("version", key.version())
                .execute();
        return EntryDraft.of(Operations.VERSION_DIGEST_CORRECTED, Target.version(key.model(), key.version()),
                "{\"old\":\"" + old + "\",\"new\":\"" + digest + "\",\"reason\":\"" + REASON + "\"}");
    }

    /** Runs {@code work} in a transaction of its own, or in the one the handle is in (PostgreSQL's migration). */
    private static void inTransaction(Handle h, Runnable work) {
        if (h.isInTransaction()) {
            work.run();
        } else {
            h.useTransaction(t -> work.run());
        }
    }
}
