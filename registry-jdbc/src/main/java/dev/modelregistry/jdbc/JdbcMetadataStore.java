package dev.modelregistry.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.modelregistry.Evaluation;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Model;
import dev.modelregistry.ModelChange;
import dev.modelregistry.StorageException;
import dev.modelregistry.VersionChange;
import dev.modelregistry.VersionRef;
import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.events.ConsumerStatus;
import dev.modelregistry.events.DeliveryAttempt;
import dev.modelregistry.events.Webhook;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalQuery;
import dev.modelregistry.search.Filter;
import dev.modelregistry.spi.AppliedChange;
import dev.modelregistry.spi.Capability;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.JournalHead;
import dev.modelregistry.spi.LineageReader.LineageNode;
import dev.modelregistry.spi.LineageReader.LineageStep;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.RequestRecord;
import dev.modelregistry.spi.SearchHit;
import dev.modelregistry.spi.SearchRequest;
import dev.modelregistry.spi.TransitionRecord;
import dev.modelregistry.spi.VersionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * A {@link MetadataStore} in a relational database, reached through JDBC: H2 (embedded, the
 * default), PostgreSQL (12 or newer) or MariaDB (10.6 or newer), through a JDBC URL or the
 * application's own {@link DataSource}.
 *
 * <p>Opening a store brings the database's schema up to date. Every change set is one transaction;
 * it locks its models' rows first, so version numbers are allocated without gaps or
 * duplicates and stage moves apply one after the other, also across processes sharing the
 * database. A transaction that loses a race (deadlock, lock timeout) is retried a few times before
 * the operation fails with a {@link StorageException}. Instants are stored as epoch milliseconds.
 *
 * <p>Every change set is one transaction that appends its journal entries last, under the lock of
 * the journal's head row, so commit order is sequence order. If the connection to the database
 * breaks, the operation is retried on a new connection for a few seconds (up to a minute on a
 * shared H2 file) without being applied twice (a retry first looks for the change set's request id
 * in the journal). If the database stays away, the operation fails with a
 * {@link StorageException} that names it; it committed nothing, unless the connection broke during
 * the commit itself, in which case the message says the change may or may not have been applied.
 * The store works again once the database is back, without reopening.
 * See docs/DATABASES.md for the differences between the databases.
 *
 * <p>The {@link dev.modelregistry.spi.DeliveryLedger} writes are not change sets: each is one short
 * transaction of its own, outside the journal. A lease or a cursor moves by one conditional update
 * that names the holder and the state it expects, so of dispatchers racing for a consumer, in one
 * process or in several, exactly one wins.
 *
 * <p>This class is thread-safe. After {@link #close()} every operation throws
 * {@link IllegalStateException}.
 */
public final class JdbcMetadataStore implements MetadataStore {

    /**
     * H2 settings for a store whose writes must survive a killed process: write each commit to the
     * file at once (the default delays up to 500 ms), and wait generously for row locks, since
     * concurrent writers to one model queue on its row. H2's own diagnostics go to SLF4J (logger
     * {@code h2database}) instead of a {@code .trace.db} file beside the database.
     */
    private static final String H2_SETTINGS = ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;TRACE_LEVEL_FILE=4";

    /**
     * Lets several processes open the file database: the first one hosts it and serves the others
     * over TCP on loopback, and another one takes over when it exits (see docs/DESIGN-NOTES.md).
     */
    private static final String H2_SHARED = ";AUTO_SERVER=TRUE";
    private static final int H2_POOL_SIZE = 32;

    /**
     * How long an operation on H2 retries a lost connection. When the process hosting a shared
     * file database dies, another takes it over only after H2's file lock has been quiet for two
     * seconds and its own check has passed, and on a loaded machine that takes several more.
     */
    static final long H2_RECONNECT_MILLIS = 60_000;

    private final Transactions transactions;
    private final GroupCommit commits;
    private final SearchSql searches;
    private final Dialect dialect;
    private final Runnable release;
    private final Set<Capability> capabilities;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcMetadataStore(Transactions transactions, Dialect dialect, Runnable release,
                              Set<Capability> capabilities) {
        this.transactions = transactions;
        this.commits = new GroupCommit(transactions, new ChangeWriter(dialect));
        this.searches = new SearchSql(dialect);
        this.dialect = dialect;
        this.release = release;
        this.capabilities = capabilities;
    }

    /**
     * Opens (creating if needed) an embedded H2 database in the file named by the argument plus
     * H2's {@code .mv.db} extension. A write acknowledged by this store survives the process being
     * killed.
     *
     * <p>Several stores, in one process or in several processes on the same machine, may open the
     * same file at once (H2's {@code AUTO_SERVER} mode): the first process hosts the database and
     * serves the others through a TCP server on the loopback interface, on a random port written to
     * the {@code .lock.db} file beside the database. When the hosting process exits or dies, the
     * others lose their connections, one of them takes the database over, and operations that
     * were interrupted are retried (for up to a minute) without being applied twice; see
     * docs/DESIGN-NOTES.md. The file must be on a local filesystem: H2's file lock does not work
     * on network filesystems such as NFS; share a PostgreSQL or MariaDB database instead.
     *
     * <p>The loopback binding is made by setting the system property {@code h2.bindAddress} to
     * {@code 127.0.0.1} if it is unset; H2 reads it once, so it has no effect if the application
     * used H2 before (then set it yourself, on the command line, to keep the server off the
     * network).
     *
     * @param databaseFileWithoutExtension the database file without H2's {@code .mv.db} extension
     * @return an open store
     * @throws InvalidInputException if the path contains {@code ;}, which would end H2's URL (checked
     *         before anything is created)
     * @throws StorageException if the database cannot be opened or migrated
     */
    public static JdbcMetadataStore h2File(Path databaseFileWithoutExtension) {
        Path file = checkH2Path(databaseFileWithoutExtension);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StorageException("Could not create the directory of " + file, e);
        }
        return h2("jdbc:h2:file:" + file + H2_SHARED + H2_SETTINGS, "sa", "", pool -> { });
    }

    /** The absolute form of a path for {@link #h2File(Path)}, refused if H2 could not take it in a URL. */
    private static Path checkH2Path(Path databaseFileWithoutExtension) {
        Path file = databaseFileWithoutExtension.toAbsolutePath();
        if (file.toString().contains(";")) {
            throw new InvalidInputException("H2 database path", file.toString(),
                    "must not contain ';', which would end the database URL");
        }
        return file;
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
     * Opens a store on a database reached through a JDBC URL: {@code jdbc:postgresql:},
     * {@code jdbc:mariadb:} (or {@code jdbc:mysql:} with a MySQL driver) or {@code jdbc:h2:}. The
     * store creates its own connection pool (HikariCP for PostgreSQL and MariaDB, at most
     * {@value ServerPool#MAX_CONNECTIONS} connections, waiting at most
     * {@value ServerPool#CONNECTION_TIMEOUT_MILLIS} ms for one) and closes it on {@link #close()}.
     * H2 URLs are used as given, so add {@code ;WRITE_DELAY=0} to a file URL for the durability of
     * {@link #h2File(Path)}. To tune the pool, pass your own with {@link #create(DataSource)}.
     *
     * @param jdbcUrl  the JDBC URL, which may also carry the credentials as its driver allows
     * @param user     the database user, or null if the URL names it
     * @param password the password, or null if the URL holds it or none is needed
     * @return an open store
     * @throws IllegalArgumentException if the URL is of a database this store does not support
     * @throws StorageException if the database cannot be reached or migrated
     */
    public static JdbcMetadataStore create(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Dialect dialect = Dialect.ofUrl(jdbcUrl);
        if (dialect == null) {
            throw new IllegalArgumentException("Unsupported JDBC URL " + ServerPool.redacted(jdbcUrl)
                    + "; the metadata store supports jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql: and jdbc:h2:");
        }
        if (dialect == Dialect.H2) {
            return h2(jdbcUrl, user, password, pool -> { });
        }
        HikariDataSource pool = ServerPool.open(jdbcUrl, user, password);
        return open(Jdbi.create(pool), pool::close, new Transactions.Hooks() {
            @Override
            public void connectionLost() {
                ServerPool.discardConnections(pool);
            }

            @Override
            public TransactionIsolationLevel isolationOnBorrow() {
                return ServerPool.ISOLATION;
            }
        }, Transactions.CONNECTION_RETRY_MILLIS);
    }

    /**
     * Opens a store on a data source the caller owns, such as the application's connection pool;
     * closing the store does not close it. Its connections must be in auto-commit mode when handed
     * out, as pools hand them out by default.
     *
     * @param dataSource the data source, preferably pooled
     * @return an open store
     * @throws IllegalArgumentException if the database is none of H2, PostgreSQL and MariaDB
     * @throws StorageException if the database cannot be reached or migrated
     */
    public static JdbcMetadataStore create(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return open(Jdbi.create(dataSource), () -> { });
    }

    private static JdbcMetadataStore h2(String url, String user, String password,
                                        Consumer<JdbcConnectionPool> beforeDispose) {
        H2Pool.serveOnLoopbackOnly();
        H2Pool pool = new H2Pool(url, user, password, H2_POOL_SIZE);
        pool.anchor();
        return open(Jdbi.create(pool), () -> pool.close(beforeDispose), new Transactions.Hooks() {
            @Override
            public void connectionLost() {
                pool.discardConnections();
            }
        }, H2_RECONNECT_MILLIS);
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
        return open(jdbi, release, Transactions.Hooks.NONE, Transactions.CONNECTION_RETRY_MILLIS);
    }

    private static JdbcMetadataStore open(Jdbi jdbi, Runnable release, Transactions.Hooks hooks,
                                          long reconnectMillis) {
        Opened opened;
        try {
            // A shared H2 file may be in the middle of a takeover, refusing connections for seconds.
            opened = Transactions.reconnecting("open the metadata database", reconnectMillis, () -> {
                Database database = database(jdbi);
                Migrations.apply(jdbi, database.dialect());
                return new Opened(CommitSync.around(jdbi, database.dialect(), hooks), database.dialect(),
                        database.capabilities());
            });
        } catch (RuntimeException e) {
            try {
                release.run();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new JdbcMetadataStore(new Transactions(jdbi, opened.hooks(), reconnectMillis), opened.dialect(),
                release, opened.capabilities());
    }

    private record Opened(Transactions.Hooks hooks, Dialect dialect, Set<Capability> capabilities) {
    }

    /** What the connected database is, and so what a store on it can do. */
    private record Database(Dialect dialect, String url) {

        /** Every database is durable and shared, except an in-memory H2 database. */
        Set<Capability> capabilities() {
            if (url != null && url.startsWith("jdbc:h2:mem:")) {
                return Set.of(Capability.SQL);
            }
            return Set.of(Capability.SQL, Capability.DURABLE, Capability.SHARED_BETWEEN_PROCESSES);
        }
    }

    private static Database database(Jdbi jdbi) {
        try {
            return jdbi.withHandle(h -> {
                DatabaseMetaData metaData = h.getConnection().getMetaData();
                return new Database(Dialect.of(metaData), metaData.getURL());
            });
        } catch (JdbiException | SQLException e) {
            throw new StorageException("Could not connect to the metadata database", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.modelregistry.spi.ChangeConflictException if a precondition does not hold
     * @throws StorageException if the database fails
     */
    @Override
    public AppliedChange apply(ChangeSet changes) {
        ensureOpen();
        return commits.apply(changes);
    }

    /** The store's transactions, for tests of what runs on them. */
    Transactions transactions() {
        return transactions;
    }

    /** {@inheritDoc} A store declares {@link Capability#SQL}, and durability and sharing unless it is in memory. */
    @Override
    public Set<Capability> capabilities() {
        return capabilities;
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

    /** {@inheritDoc} */
    @Override
    public Optional<String> lifecycle() {
        return read("read the recorded lifecycle", ModelSql::lifecycle);
    }

    /** {@inheritDoc} */
    @Override
    public Set<String> stagesInUse() {
        return read("read the stages in use", ModelSql::stagesInUse);
    }

    /** {@inheritDoc} */
    @Override
    public List<SearchHit> search(SearchRequest request) {
        return read("search versions", h -> searches.search(h, request));
    }

    /**
     * The database's plan for a search, as its {@code EXPLAIN} prints it (one line per row, columns
     * separated by tabs): for checking that a search starts from an index.
     *
     * @throws StorageException if the database fails
     */
    public String explain(SearchRequest request) {
        return read("explain a search", h -> searches.explain(h, request));
    }

    @Override
    public long count(Filter filter) {
        return read("count the versions a search finds", h -> searches.count(h, filter));
    }

    @Override
    public List<VersionRecord> versionsOf(Collection<VersionRef> versions) {
        return read("read " + versions.size() + " versions", h -> VersionReads.of(h, dialect, versions));
    }

    @Override
    public Map<VersionRef, String> lineages(Collection<VersionRef> versions) {
        return read("read the lineage of " + versions.size() + " versions", h -> LineageSql.lineages(h, versions));
    }

    /** {@inheritDoc} */
    @Override
    public List<LineageNode> datasetUsers(String uriHash, String digest) {
        return read("find the users of a dataset", h -> LineageSql.datasetUsers(h, uriHash, digest));
    }

    /** {@inheritDoc} */
    @Override
    public List<LineageStep> children(Collection<VersionRef> parents) {
        return read("find the versions derived from " + parents.size() + " versions",
                h -> LineageSql.children(h, parents));
    }

    /** {@inheritDoc} */
    @Override
    public List<LineageStep> parents(Collection<VersionRef> children) {
        return read("find the parents of " + children.size() + " versions", h -> LineageSql.parents(h, children));
    }

    /** {@inheritDoc} */
    @Override
    public SortedMap<String, Integer> aliases(String model) {
        return read("read the aliases of " + model, h -> ModelSql.aliases(h, model));
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
    public List<Integer> versionsInStage(String model, String stage) {
        return read("list the versions of " + model + " in " + stage, h -> VersionReads.inStage(h, model, stage));
    }

    /** {@inheritDoc} */
    @Override
    public List<VersionRecord> versions(String model) {
        return read("list the versions of " + model, h -> VersionReads.all(h, model));
    }

    /** {@inheritDoc} */
    @Override
    public List<TransitionRecord> transitions(String model, int version) {
        return read("read the stage history of " + model + " v" + version,
                h -> VersionReads.transitions(h, model, version));
    }

    /** {@inheritDoc} */
    @Override
    public List<VersionChange> changes(String model, int version) {
        return read("read the changes of " + model + " v" + version, h -> VersionReads.changes(h, model, version));
    }

    /** {@inheritDoc} */
    @Override
    public List<RequestRecord> requests(String model) {
        return read("read the promotion requests of " + model, h -> VersionReads.requests(h, model));
    }

    /** {@inheritDoc} */
    @Override
    public List<Evaluation> evaluations(String model, int version) {
        return read("read the evaluations of " + model + " v" + version,
                h -> VersionReads.evaluations(h, model, version));
    }

    /** {@inheritDoc} */
    @Override
    public List<ModelChange> modelChanges(String model) {
        return read("read the changes of " + model, h -> VersionReads.modelChanges(h, model));
    }

    /** {@inheritDoc} */
    @Override
    public List<JournalEntry> journal(long afterSequence, int limit) {
        return read("read the journal after " + afterSequence, h -> JournalSql.after(h, afterSequence, limit));
    }

    /** {@inheritDoc} */
    @Override
    public JournalHead journalHead() {
        return read("read the journal head", JournalSql::head);
    }

    /** {@inheritDoc} */
    @Override
    public Optional<JournalEntry> journalEntryWithHash(String hash) {
        return read("find the journal entry with hash " + hash, h -> JournalSql.withHash(h, hash));
    }

    /** {@inheritDoc} */
    @Override
    public List<JournalEntry> journal(JournalQuery query) {
        return read("query the journal after " + query.after(), h -> JournalSql.query(h, query));
    }

    /** {@inheritDoc} */
    @Override
    public List<Grant> grantsOf(Collection<Subject> subjects) {
        return read("read the grants of " + subjects, h -> GrantSql.of(h, subjects));
    }

    /** {@inheritDoc} */
    @Override
    public List<Grant> grantsOf(Collection<Subject> subjects,
                                                         Scope scope) {
        return read("read the grants of " + subjects + " covering " + scope, h -> GrantSql.covering(h, subjects, scope));
    }

    /** {@inheritDoc} */
    @Override
    public List<Grant> grantsOn(Scope scope) {
        return read("read the grants on " + scope, h -> GrantSql.on(h, scope));
    }

    /** {@inheritDoc} */
    @Override
    public List<Grant> grants() {
        return read("read the grants", GrantSql::all);
    }

    /** {@inheritDoc} */
    @Override
    public List<JournalEntry> journalOf(String model, Set<String> operations) {
        return read("read the journal of " + model, h -> JournalSql.of(h, model, operations));
    }

    /** {@inheritDoc} */
    @Override
    public List<Webhook> webhooks() {
        return read("list the webhook subscriptions", WebhookSql::all);
    }

    /**
     * {@inheritDoc} Two stores creating the same consumer at once, in one process or in several,
     * get true once and false otherwise.
     */
    @Override
    public boolean create(String consumer, long position) {
        try {
            return write("create the delivery consumer " + consumer, h -> DeliverySql.create(h, consumer, position),
                    null);
        } catch (StorageException e) {
            // Another transaction inserted it after this one looked for it.
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** {@inheritDoc} */
    @Override
    public Optional<ConsumerStatus> lease(String consumer, String holder, Instant now, Instant until) {
        return write("lease the delivery consumer " + consumer,
                h -> DeliverySql.lease(h, consumer, holder, now, until), again());
    }

    /** {@inheritDoc} */
    @Override
    public boolean advance(String consumer, String holder, Instant now, long from, long to) {
        return write("advance the delivery consumer " + consumer, h -> DeliverySql.advance(h, consumer, holder, now,
                from, to), h -> DeliverySql.advanced(h, consumer, holder, now, to));
    }

    /** {@inheritDoc} */
    @Override
    public boolean pause(String consumer, String holder, Instant now, long position, String reason) {
        return write("pause the delivery consumer " + consumer, h -> DeliverySql.pause(h, consumer, holder, now,
                position, reason), h -> DeliverySql.paused(h, consumer, now, position, reason));
    }

    /** {@inheritDoc} */
    @Override
    public void release(String consumer, String holder) {
        write("release the delivery consumer " + consumer, h -> DeliverySql.release(h, consumer, holder), again());
    }

    /** {@inheritDoc} */
    @Override
    public Optional<ConsumerStatus> consumer(String consumer) {
        return read("read the delivery consumer " + consumer, h -> DeliverySql.consumer(h, consumer));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<ConsumerStatus> resume(String consumer, long position) {
        return write("resume the delivery consumer " + consumer, h -> DeliverySql.resume(h, consumer, position),
                again());
    }

    /** {@inheritDoc} */
    @Override
    public void forget(String consumer) {
        write("forget the delivery consumer " + consumer, h -> DeliverySql.forget(h, consumer), again());
    }

    /** {@inheritDoc} */
    @Override
    public void record(List<DeliveryAttempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        write("log delivery attempts of " + attempts.get(0).consumer(), h -> DeliverySql.record(h, attempts), null);
    }

    /** {@inheritDoc} */
    @Override
    public List<DeliveryAttempt> attempts(String consumer, long afterSequence, int limit) {
        return read("read the delivery log of " + consumer,
                h -> DeliverySql.attempts(h, consumer, afterSequence, limit));
    }

    /** {@inheritDoc} */
    @Override
    public Optional<DeliveryAttempt> lastAttempt(String consumer, long sequence) {
        return read("read the last delivery attempt of " + consumer + " for " + sequence,
                h -> DeliverySql.lastAttempt(h, consumer, sequence));
    }

    /** Releases the database connections; an in-memory H2 database is discarded. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }

    /** Runs {@code work}, which must be one SQL statement: reads run outside a transaction ({@link Transactions#read}). */
    private <T> T read(String operation, HandleCallback<T, RuntimeException> work) {
        ensureOpen();
        return transactions.read(operation, work);
    }

    /**
     * Runs a ledger write as its own transaction, outside the journal and the group commit.
     * {@code applied} settles an interrupted commit ({@link Transactions#write(String, HandleCallback,
     * HandleCallback)}); null if that cannot be told, so that the write fails then.
     */
    private <T> T write(String operation, HandleCallback<T, RuntimeException> work,
                        HandleCallback<Optional<T>, RuntimeException> applied) {
        ensureOpen();
        return transactions.write(operation, work, applied);
    }

    /** Settles an interrupted commit of an idempotent write by doing it again. */
    private static <T> HandleCallback<Optional<T>, RuntimeException> again() {
        return h -> Optional.empty();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The metadata store is closed");
        }
    }
}
