package dev.modelregistry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Model;
import dev.modelregistry.StorageException;
import dev.modelregistry.VersionChange;
import dev.modelregistry.spi.TransitionRecord;
import dev.modelregistry.spi.VersionRecord;
import dev.modelregistry.testkit.StoreOps;
import dev.modelregistry.testkit.StoreOps.NewModel;
import dev.modelregistry.testkit.StoreOps.TransitionRequest;
import dev.modelregistry.testkit.StoreOps.VersionUpdate;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded file database adds to the contract: persistence, migrations, crash safety. */
class H2FileDatabaseTest {

    @TempDir
    Path directory;

    private Path database() {
        return directory.resolve("registry").resolve("metadata");
    }

    private List<List<Object>> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database().toAbsolutePath(), "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
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

    @Nested
    class Persistence {

        @Test
        void everythingWrittenIsThereAfterReopening() {
            Model model;
            VersionRecord version;
            List<TransitionRecord> transitions;
            List<VersionChange> changes;
            try (JdbcMetadataStore store = JdbcMetadataStore.h2File(database())) {
                model = StoreOps.of(store).createModel(new NewModel("fraud", "détecteur", Map.of("team", "risk"), "alice",
                        Instant.ofEpochMilli(1_000)));
                StoreOps.of(store).insert(KillNineWriter.version(0));
                StoreOps.of(store).insert(KillNineWriter.version(1));
                StoreOps.of(store).transition(new TransitionRequest("durable", 2, "DEVELOPMENT", "PRODUCTION", "ARCHIVED",
                        "carol", Instant.ofEpochMilli(2_000), "ship it"));
                version = StoreOps.of(store).update(new VersionUpdate("durable", 2, "best", Map.of("k", "v"), Set.of(),
                        "dave", Instant.ofEpochMilli(3_000)));
                transitions = store.transitions("durable", 2);
                changes = store.changes("durable", 2);
            }

            try (JdbcMetadataStore store = JdbcMetadataStore.h2File(database())) {
                assertThat(store.model("fraud")).contains(model);
                assertThat(store.newestInStage("durable", "PRODUCTION")).contains(version);
                assertThat(store.transitions("durable", 2)).isEqualTo(transitions).hasSize(1);
                assertThat(store.changes("durable", 2)).isEqualTo(changes).hasSize(2);
                assertThat(StoreOps.of(store).insert(KillNineWriter.version(2)).version()).isEqualTo(3);
            }
        }

        @Test
        void theDatabaseLivesInTheNamedFile() {
            JdbcMetadataStore.h2File(database()).close();

            assertThat(database().resolveSibling("metadata.mv.db")).isRegularFile();
        }

        @Test
        void aCommittedRegistrationSurvivesKillingTheProcess() throws Exception {
            Path log = directory.resolve("writer.log");
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), KillNineWriter.class.getName(),
                    database().toString())
                    .redirectError(log.toFile())
                    .start();
            int acknowledged = 0;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while (acknowledged < 200 && (line = out.readLine()) != null) {
                    acknowledged = Integer.parseInt(line.strip());
                }
            } finally {
                writer.destroyForcibly();
                assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(acknowledged).as("versions the writer acknowledged; its stderr: %s",
                    Files.exists(log) ? Files.readString(log) : "").isEqualTo(200);

            try (JdbcMetadataStore store = JdbcMetadataStore.h2File(database())) {
                List<VersionRecord> versions = store.versions("durable");
                assertThat(versions.size()).isGreaterThanOrEqualTo(acknowledged);
                assertThat(versions.get(0).version()).isEqualTo(versions.size());
                for (VersionRecord v : versions) {
                    assertThat(v).isEqualTo(expected(v.version()));
                }
                assertThat(StoreOps.of(store).insert(KillNineWriter.version(0)).version()).isEqualTo(versions.size() + 1);
            }
        }

        private VersionRecord expected(int number) {
            var v = KillNineWriter.version(number - 1);
            return new VersionRecord(v.model(), number, v.stage(), v.description(), v.params(), v.metrics(), v.tags(),
                    v.files(), v.digest(), v.createdBy(), v.createdAt());
        }
    }

    @Nested
    class SchemaMigrations {

        @Test
        void migrationsRunOnceAcrossReopening() throws SQLException {
            JdbcMetadataStore.h2File(database()).close();
            JdbcMetadataStore.h2File(database()).close();

            assertThat(query("SELECT version_number, script FROM schema_version ORDER BY version_number"))
                    .containsExactlyElementsOf(Migrations.STEPS.stream()
                            .map(step -> List.<Object>of(step.version(), step.name())).toList());
        }

        @Test
        void storesOpeningAFreshDatabaseAtOnceBothWork() throws Exception {
            int openers = 4;
            ExecutorService pool = Executors.newFixedThreadPool(openers);
            CountDownLatch go = new CountDownLatch(1);
            List<JdbcMetadataStore> stores = new ArrayList<>();
            try {
                List<Future<JdbcMetadataStore>> opened = new ArrayList<>();
                for (int i = 0; i < openers; i++) {
                    opened.add(pool.submit(() -> {
                        go.await();
                        return JdbcMetadataStore.h2File(database());
                    }));
                }
                go.countDown();
                for (Future<JdbcMetadataStore> f : opened) {
                    stores.add(f.get(60, TimeUnit.SECONDS));
                }

                for (JdbcMetadataStore store : stores) {
                    StoreOps.of(store).insert(KillNineWriter.version(0));
                }

                assertThat(stores.get(0).versions("durable")).hasSize(openers);
                assertThat(query("SELECT version_number FROM schema_version ORDER BY version_number"))
                        .containsExactlyElementsOf(Migrations.STEPS.stream()
                                .map(step -> List.<Object>of(step.version())).toList());
            } finally {
                stores.forEach(JdbcMetadataStore::close);
                pool.shutdownNow();
            }
        }

        @Test
        void aDatabaseWithANewerSchemaIsRefused() throws SQLException {
            JdbcMetadataStore.h2File(database()).close();
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database().toAbsolutePath(), "sa", "");
                 Statement s = c.createStatement()) {
                s.execute("INSERT INTO schema_version VALUES (99, 'V99__future.sql', 0)");
            }

            assertThatThrownBy(() -> JdbcMetadataStore.h2File(database()))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("99");
        }

        @Test
        void scriptsSplitIntoStatementsAtLineEndSemicolons() {
            assertThat(Migrations.statements(
                    "-- a comment; not a statement\nCREATE TABLE a (x INT);\n\nCREATE INDEX i\n  ON a (x);\n"))
                    .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i\n  ON a (x)");
            assertThatThrownBy(() -> Migrations.statements("CREATE TABLE b (x INT)"))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aClosedStoreRefusesOperations() {
        JdbcMetadataStore store = JdbcMetadataStore.h2File(database());
        store.close();

        assertThatThrownBy(() -> store.model("fraud")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPathThatWouldEndTheUrlIsRefusedBeforeAnythingIsCreated() {
        Path refused = directory.resolve("sub;dir").resolve("a;INIT=RUNSCRIPT FROM 'x'");
        assertThatThrownBy(() -> JdbcMetadataStore.h2File(refused))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sub;dir");
        assertThat(directory.resolve("sub;dir")).doesNotExist();
    }
}
