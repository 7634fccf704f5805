package dev.modelregistry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.modelregistry.FileEntry;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.spi.VersionRecord;
import dev.modelregistry.testkit.Databases;
import dev.modelregistry.testkit.StoreOps;
import dev.modelregistry.testkit.StoreOps.VersionUpdate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What a shared database server adds to the contract, the same on PostgreSQL and MariaDB:
 * concurrent migrations, the application's own data source, keys compared like Java strings, and
 * recovery from connections the server killed. Each test runs in a new schema or database.
 */
abstract class ServerDatabaseTest {

    protected Databases.Scratch scratch;
    private final List<JdbcMetadataStore> stores = new ArrayList<>();

    /** The server, or a skipped test; see {@link Databases}. */
    protected abstract Databases.Server server();

    /** The URL the store under test uses, marked so that {@link #killStoreConnections} finds its connections. */
    protected abstract String storeUrl();

    /** Kills every connection of the store under test, from {@code admin}. */
    protected abstract void killStoreConnections(Connection admin) throws SQLException;

    /** The ids of the store's connections that wait for a row lock. */
    protected abstract Set<Long> storeConnectionsWaitingForLock(Connection admin) throws SQLException;

    @BeforeEach
    void createScratch() {
        scratch = server().createScratch();
    }

    @AfterEach
    void dropScratch() {
        stores.forEach(JdbcMetadataStore::close);
        if (scratch != null) {
            scratch.close();
        }
    }

    protected JdbcMetadataStore open() {
        JdbcMetadataStore store = JdbcMetadataStore.create(storeUrl(), server().user(), server().password());
        stores.add(store);
        return store;
    }

    protected List<List<Object>> query(String sql) throws SQLException {
        try (Connection c = scratch.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    protected static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Nested
    class SchemaMigrations {

        @Test
        void storesOpeningAFreshDatabaseAtOnceAllWork() throws Exception {
            int openers = 4;
            ExecutorService pool = Executors.newFixedThreadPool(openers);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<JdbcMetadataStore>> opened = new ArrayList<>();
                for (int i = 0; i < openers; i++) {
                    opened.add(pool.submit(() -> {
                        go.await();
                        return open();
                    }));
                }
                go.countDown();
                List<JdbcMetadataStore> all = new ArrayList<>();
                for (Future<JdbcMetadataStore> f : opened) {
                    all.add(f.get(60, TimeUnit.SECONDS));
                }

                for (JdbcMetadataStore store : all) {
                    StoreOps.of(store).insert(KillNineWriter.version(0));
                }

                assertThat(all.get(0).versions("durable")).hasSize(openers);
                assertThat(query("SELECT version_number FROM schema_version")).hasSize(Migrations.STEPS.size());
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void reopeningRunsNoMigrationAgain() throws SQLException {
            open().close();
            JdbcMetadataStore again = open();

            assertThat(query("SELECT version_number, script FROM schema_version ORDER BY version_number"))
                    .extracting(row -> row.get(1))
                    .containsExactlyElementsOf(Migrations.STEPS.stream().map(Migrations.Step::name).toList());
            assertThat(again.models()).isEmpty();
        }
    }

    @Nested
    class ApplicationDataSource {

        @Test
        void theStoreUsesButNeverClosesTheApplicationsDataSource() throws SQLException {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(scratch.url());
            config.setUsername(server().user());
            config.setPassword(server().password());
            config.setMaximumPoolSize(3);
            try (HikariDataSource application = new HikariDataSource(config)) {
                try (JdbcMetadataStore store = JdbcMetadataStore.create(application)) {
                    StoreOps.of(store).insert(KillNineWriter.version(0));
                    assertThat(store.versions("durable")).hasSize(1);
                }

                assertThat(application.isClosed()).isFalse();
                assertThat(application.getHikariPoolMXBean().getActiveConnections()).as("connections not returned")
                        .isZero();
                try (Connection c = application.getConnection()) {
                    assertThat(c.isValid(5)).isTrue();
                }
            }
        }
    }

    @Nested
    class Keys {

        @Test
        void namesAndKeysThatDifferOnlyInCaseOrTrailingSpacesAreDistinct() {
            JdbcMetadataStore store = open();
            StoreOps.of(store).insert(version("fraud", Map.of("k", "1", "K", "2", "k ", "3"), "model.bin", "Model.bin"));
            StoreOps.of(store).insert(version("Fraud", Map.of(), "a"));

            assertThat(store.version("fraud", 1).orElseThrow().tags()).containsOnly(
                    Map.entry("k", "1"), Map.entry("K", "2"), Map.entry("k ", "3"));
            assertThat(store.version("fraud", 1).orElseThrow().files()).extracting(FileEntry::path)
                    .containsExactly("model.bin", "Model.bin");
            assertThat(store.version("Fraud", 1)).isPresent();
            assertThat(store.models()).hasSize(2);
        }

        @Test
        void longPathsAndLongTextsInEveryScriptAreStored() {
            JdbcMetadataStore store = open();
            // 1,023 and 1,024 characters; 16,384 characters of 3 bytes each in UTF-8.
            String longPath = ("d".repeat(200) + "/").repeat(5) + "模".repeat(18);
            String description = "€".repeat(16_384);

            StoreOps.of(store).insert(version("fraud", Map.of(), longPath, longPath + "x"));
            VersionRecord updated = StoreOps.of(store).update(new VersionUpdate("fraud", 1, description, Map.of(), Set.of(),
                    "dave", KillNineWriter.version(0).createdAt()));

            assertThat(updated.description()).isEqualTo(description);
            assertThat(store.version("fraud", 1).orElseThrow().files()).extracting(FileEntry::path)
                    .containsExactly(longPath, longPath + "x");
            assertThat(store.changes("fraud", 1).get(0).newValue()).isEqualTo(description);
        }

        private NewVersion version(String model, Map<String, String> tags, String... paths) {
            NewVersion base = KillNineWriter.version(0);
            List<FileEntry> files = new ArrayList<>();
            for (String path : paths) {
                files.add(new FileEntry(path, 1, "0".repeat(64)));
            }
            return new NewVersion(model, base.stage(), "", Map.of(), Map.of(), tags, files, base.digest(),
                    base.createdBy(), base.createdAt());
        }
    }

    @Nested
    class KilledConnections {

        @Test
        void operationsAfterTheServerKilledEveryConnectionSucceedWithoutReopening() throws SQLException {
            JdbcMetadataStore store = open();
            StoreOps.of(store).insert(KillNineWriter.version(0));

            try (Connection admin = scratch.connect()) {
                killStoreConnections(admin);
            }

            assertThat(store.versions("durable")).hasSize(1);
            try (Connection admin = scratch.connect()) {
                killStoreConnections(admin);
            }
            assertThat(StoreOps.of(store).insert(KillNineWriter.version(1)).version()).isEqualTo(2);
        }

        @Test
        void aRegistrationWhoseConnectionIsKilledWhileItWaitsIsRetriedAndAppliedOnce() throws Exception {
            JdbcMetadataStore store = open();
            StoreOps.of(store).insert(KillNineWriter.version(0));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            // The locker uses the server's default schema or database, so that killing the store's
            // connections spares it. The monitor is a connection of its own: in the locker's open
            // transaction PostgreSQL would keep showing one snapshot of pg_stat_activity.
            try (Connection locker = server().connect(); Statement s = locker.createStatement();
                 Connection monitor = scratch.connect()) {
                locker.setAutoCommit(false);
                s.executeQuery("SELECT next_version FROM " + scratch.name() + ".models"
                        + " WHERE model_name = 'durable' FOR UPDATE").close();
                Future<VersionRecord> registration = pool.submit(() -> StoreOps.of(store).insert(KillNineWriter.version(1)));
                await("the registration waits for the model's row lock", () -> !waitingForLock(monitor).isEmpty());
                Set<Long> killed = waitingForLock(monitor);

                killStoreConnections(monitor);
                await("the retried registration waits for the lock on a new connection",
                        () -> waitingForLock(monitor).stream().anyMatch(id -> !killed.contains(id))
                                || registration.isDone());
                assertThat(registration).as("the registration, retried").isNotDone();
                locker.rollback();

                assertThat(registration.get(30, TimeUnit.SECONDS).version()).isEqualTo(2);
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.versions("durable")).extracting(VersionRecord::version).containsExactly(2, 1);
            assertThat(query("SELECT COUNT(*) FROM version_params")).containsExactly(List.of(2L));
        }

        private Set<Long> waitingForLock(Connection monitor) {
            try {
                return storeConnectionsWaitingForLock(monitor);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
