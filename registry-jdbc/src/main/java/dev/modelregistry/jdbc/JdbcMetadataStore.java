package dev.modelregistry.jdbc;

import dev.modelregistry.Model;
import dev.modelregistry.StorageException;
import dev.modelregistry.VersionChange;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.NewModel;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.spi.TransitionRecord;
import dev.modelregistry.spi.TransitionRequest;
import dev.modelregistry.spi.VersionRecord;
import dev.modelregistry.spi.VersionUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * A {@link MetadataStore} in a relational database, reached through JDBC: H2 (embedded, the
 * default), and through {@link #create(DataSource)} any database the schema supports.
 *
 * <p>Opening a store brings the database's schema up to date. Every operation is one transaction;
 * writes to a model lock its row first, so version numbers are allocated without gaps or
 * duplicates and stage moves apply one after the other, also across processes sharing the
 * database. A transaction that loses a race (deadlock, lock timeout) is retried a few times before
 * the operation fails with a {@link StorageException}. Instants are stored as epoch milliseconds.
 *
 * <p>This class is thread-safe. After {@link #close()} every operation throws
 * {@link IllegalStateException}.
 */
public final class JdbcMetadataStore implements MetadataStore {

    /**
     * H2 settings for a store whose writes must survive a killed process: write each commit to the
     * file at once (the default delays up to 500 ms), and wait generously for row locks, since
     * concurrent writers to one model queue on its row.
     */
    private static final String H2_SETTINGS = ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    private static final int H2_POOL_SIZE = 32;

    private final Transactions transactions;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcMetadataStore(Jdbi jdbi, Runnable release) {
        this.transactions = new Transactions(jdbi);
        this.release = release;
    }

    /**
     * Opens (creating if needed) an embedded H2 database in the file named by the argument plus
     * H2's {@code .mv.db} extension. A write acknowledged by this store survives the process being killed. The
     * database can be shared by several stores in one process, not by several processes.
     *
     * @param databaseFileWithoutExtension the database file without H2's {@code .mv.db} extension
     * @return an open store
     * @throws IllegalArgumentException if the path contains {@code ;}, which would end H2's URL
     * @throws StorageException if the database cannot be opened or migrated
     */
    public static JdbcMetadataStore h2File(Path databaseFileWithoutExtension) {
        Path file = databaseFileWithoutExtension.toAbsolutePath();
        if (file.toString().contains(";")) {
            throw new IllegalArgumentException("H2 database path must not contain ';': " + file);
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StorageException("Could not create the directory of " + file, e);
        }
        return h2("jdbc:h2:file:" + file + H2_SETTINGS, "sa", "", pool -> { });
    }

    /**
     * Opens a new, empty, private in-memory H2 database that lives until this store is closed.
     *
     * @return an open store
     * @throws StorageException if the database cannot be created
     */
    public static JdbcMetadataStore h2InMemory() {
        // DB_CLOSE_DELAY=-1 keeps the database while no connection is open; close() shuts it down.
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + H2_SETTINGS;
        return h2(url, "sa", "", JdbcMetadataStore::shutDown);
    }

    /**
     * Opens a store on a database reached through a JDBC URL. H2 URLs get a connection pool and are
     * used as given, so add {@code ;WRITE_DELAY=0} to a file URL for the durability of
     * {@link #h2File(Path)}. For other databases each operation opens a connection, so prefer
     * {@link #create(DataSource)} with a pooled data source there.
     *
     * @param jdbcUrl  the JDBC URL
     * @param user     the database user
     * @param password the password
     * @return an open store
     * @throws StorageException if the database cannot be reached or migrated
     */
    public static JdbcMetadataStore create(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return h2(jdbcUrl, user, password, pool -> { });
        }
        return open(Jdbi.create(jdbcUrl, user, password), () -> { });
    }

    /**
     * Opens a store on a data source the caller owns; closing the store does not close it.
     *
     * @param dataSource the data source, preferably pooled
     * @return an open store
     * @throws StorageException if the database cannot be reached or migrated
     */
    public static JdbcMetadataStore create(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return open(Jdbi.create(dataSource), () -> { });
    }

    private static JdbcMetadataStore h2(String url, String user, String password,
                                        Consumer<JdbcConnectionPool> beforeDispose) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, user, password);
        pool.setMaxConnections(H2_POOL_SIZE);
        return open(Jdbi.create(pool), () -> {
            try {
                beforeDispose.accept(pool);
            } finally {
                pool.dispose();
            }
        });
    }

    /** Plain JDBC, because SHUTDOWN closes the connection under Jdbi, which then reports a failure. */
    private static void shutDown(JdbcConnectionPool pool) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new StorageException("Could not shut down the in-memory database", e);
        }
    }

    private static JdbcMetadataStore open(Jdbi jdbi, Runnable release) {
        try {
            Migrations.apply(jdbi);
        } catch (RuntimeException e) {
            try {
                release.run();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new JdbcMetadataStore(jdbi, release);
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.modelregistry.ModelAlreadyExistsException if the name is taken
     * @throws StorageException if the database fails
     */
    @Override
    public Model createModel(NewModel model) {
        return write("create model " + model.name(), h -> ModelSql.create(h, model));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Model> model(String name) {
        return read("read model " + name, h -> ModelSql.find(h, name));
    }

    /** {@inheritDoc} */
    @Override
    public List<Model> models() {
        return read("list models", ModelSql::all);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StorageException if the database fails
     */
    @Override
    public VersionRecord insertVersion(NewVersion version) {
        return write("register a version of " + version.model(), h -> VersionWrites.insert(h, version));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<VersionRecord> version(String model, int version) {
        return read("read " + model + " v" + version, h -> VersionReads.find(h, model, version));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<VersionRecord> latestVersion(String model) {
        return read("read the latest version of " + model, h -> VersionReads.latest(h, model));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<VersionRecord> newestInStage(String model, String stage) {
        return read("read " + model + "@" + stage, h -> VersionReads.newestInStage(h, model, stage));
    }

    /** {@inheritDoc} */
    @Override
    public List<VersionRecord> versions(String model) {
        return read("list the versions of " + model, h -> VersionReads.all(h, model));
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.modelregistry.VersionNotFoundException if the version does not exist
     * @throws dev.modelregistry.VersionConflictException if the version is not in the expected stage
     * @throws StorageException if the database fails
     */
    @Override
    public VersionRecord transition(TransitionRequest request) {
        return write("move " + request.model() + " v" + request.version() + " to " + request.to(),
                h -> VersionWrites.transition(h, request));
    }

    /** {@inheritDoc} */
    @Override
    public List<TransitionRecord> transitions(String model, int version) {
        return read("read the stage history of " + model + " v" + version,
                h -> VersionReads.transitions(h, model, version));
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.modelregistry.VersionNotFoundException if the version does not exist
     * @throws StorageException if the database fails
     */
    @Override
    public VersionRecord updateVersion(VersionUpdate update) {
        return write("update " + update.model() + " v" + update.version(), h -> VersionWrites.update(h, update));
    }

    /** {@inheritDoc} */
    @Override
    public List<VersionChange> changes(String model, int version) {
        return read("read the changes of " + model + " v" + version, h -> VersionReads.changes(h, model, version));
    }

    /** Releases the database connections; an in-memory H2 database is discarded. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }

    private <T> T write(String operation, HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        return transactions.write(operation, work);
    }

    private <T> T read(String operation, HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        return transactions.read(operation, work);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The metadata store is closed");
        }
    }
}
