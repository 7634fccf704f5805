package dev.modelregistry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.FileEntry;
import dev.modelregistry.StorageException;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.spi.VersionRecord;
import dev.modelregistry.testkit.Databases;
import dev.modelregistry.testkit.StoreOps;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL server that goes away in the middle of a registration, for real: a trigger makes
 * the insert of file {@code slow.bin} sleep, after the version row, its params and its first file
 * were written, and the test ends the store's sessions from an admin connection while it sleeps.
 * To keep the database away, the test also forbids the store's role to log in, then allows it
 * again. The server itself keeps running.
 */
class PostgresConnectionLossTest {

    private Databases.Server server;
    private Databases.Scratch schema;
    private String role;
    private JdbcMetadataStore store;
    private Connection admin;
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @BeforeEach
    void openStoreAsItsOwnRole() throws SQLException {
        server = Databases.postgres();
        schema = server.createScratch();
        role = schema.name() + "_user";
        admin = server.connect();
        execute("CREATE ROLE " + role + " LOGIN");
        execute("ALTER SCHEMA " + schema.name() + " OWNER TO " + role);
        store = JdbcMetadataStore.create(schema.url() + "&ApplicationName=" + schema.name(), role, null);
        String s = schema.name();
        execute("CREATE SEQUENCE " + s + ".slow_inserts");
        execute("GRANT USAGE ON SEQUENCE " + s + ".slow_inserts TO " + role);
        execute("CREATE FUNCTION " + s + ".slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.file_path = 'slow.bin' AND (nextval('" + s + ".slow_inserts') = 1 OR TG_ARGV[0] = 'always')"
                + " THEN PERFORM pg_sleep(60); END IF; RETURN NEW; END $$");
    }

    @AfterEach
    void dropEverything() throws SQLException {
        caller.shutdownNow();
        if (admin == null) {
            return;
        }
        try {
            if (store != null) {
                store.close();
            }
            execute("ALTER ROLE " + role + " LOGIN");
            PostgresDatabaseTest.terminateBackends(admin, schema.name());
            schema.close();
            execute("DROP ROLE IF EXISTS " + role);
        } finally {
            admin.close();
        }
    }

    @Test
    void aRegistrationCutOffMidwayIsRetriedOnANewConnectionAndAppliedOnce() throws Exception {
        sleepOnInsertOfSlowFile("once");
        Future<VersionRecord> registration = caller.submit(() -> StoreOps.of(store).insert(slowVersion()));
        awaitSleepingInsert();

        PostgresDatabaseTest.terminateBackends(admin, schema.name());

        assertThat(registration.get(30, TimeUnit.SECONDS).version()).isEqualTo(1);
        assertThat(count("slow_inserts_called")).as("attempts").isEqualTo(2);
        assertThat(store.versions("durable")).singleElement()
                .satisfies(v -> assertThat(v.files()).extracting(FileEntry::path).containsExactly("model.bin", "slow.bin"));
        assertThat(count("version_params")).isEqualTo(1);
    }

    @Test
    void aRegistrationWhoseDatabaseGoesAwayFailsNamingItLeavesNothingAndTheStoreRecoversWhenItIsBack()
            throws Exception {
        sleepOnInsertOfSlowFile("always");
        Future<VersionRecord> registration = caller.submit(() -> StoreOps.of(store).insert(slowVersion()));
        awaitSleepingInsert();

        execute("ALTER ROLE " + role + " NOLOGIN");
        PostgresDatabaseTest.terminateBackends(admin, schema.name());

        assertThatThrownBy(() -> registration.get(60, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("Could not apply version.registered (durable)")
                .hasRootCauseInstanceOf(SQLException.class);
        for (String table : List.of("models", "versions", "version_params", "version_files")) {
            assertThat(count(table)).as("rows in %s", table).isZero();
        }

        execute("ALTER ROLE " + role + " LOGIN");
        execute("DROP TRIGGER slow_insert ON " + schema.name() + ".version_files");

        assertThat(StoreOps.of(store).insert(KillNineWriter.version(0)).version()).isEqualTo(1);
        assertThat(store.versions("durable")).hasSize(1);
    }

    private void sleepOnInsertOfSlowFile(String when) throws SQLException {
        String s = schema.name();
        execute("CREATE TRIGGER slow_insert BEFORE INSERT ON " + s + ".version_files FOR EACH ROW"
                + " EXECUTE FUNCTION " + s + ".slow_insert('" + when + "')");
    }

    private static NewVersion slowVersion() {
        NewVersion v = KillNineWriter.version(0);
        return new NewVersion(v.model(), v.stage(), v.description(), v.params(), v.metrics(), v.tags(),
                List.of(new FileEntry("model.bin", 1, "0".repeat(64)), new FileEntry("slow.bin", 2, "1".repeat(64))),
                v.digest(), v.createdBy(), v.createdAt());
    }

    private void awaitSleepingInsert() throws InterruptedException {
        ServerDatabaseTest.await("the store's insert of slow.bin sleeps", () -> {
            try {
                return !PostgresDatabaseTest.ids(admin, "SELECT pid FROM pg_stat_activity"
                        + " WHERE application_name = ? AND wait_event = 'PgSleep'", schema.name()).isEmpty();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Rows in a table of the schema; {@code slow_inserts_called} is how often the trigger's sequence was drawn. */
    private long count(String table) throws SQLException {
        String sql = table.equals("slow_inserts_called")
                ? "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + schema.name() + ".slow_inserts"
                : "SELECT COUNT(*) FROM " + schema.name() + "." + table;
        try (Statement s = admin.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute(sql);
        }
    }
}
