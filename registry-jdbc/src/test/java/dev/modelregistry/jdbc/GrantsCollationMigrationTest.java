package dev.modelregistry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.testkit.Databases;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Migration 15 on MariaDB: a {@code grants} table that V13 created before it had a MariaDB script
 * has the server's default collation, which ignores case and accents; after the migration its
 * subjects and scopes compare exactly. Skipped without a server unless {@code CI=true}; see
 * {@link Databases}.
 */
class GrantsCollationMigrationTest {

    private Databases.Scratch scratch;

    @AfterEach
    void dropDatabase() {
        if (scratch != null) {
            scratch.close();
        }
    }

    @Test
    void grantsCreatedWithTheServersCollationCompareExactlyAfterTheMigration() {
        scratch = Databases.require(Databases.Kind.MARIADB).createScratch();
        Jdbi jdbi = Jdbi.create(scratch::connect);
        Migrations.apply(jdbi, Dialect.MARIADB, 12);
        jdbi.useHandle(h -> {
            // V13 as it ran before mariadb/V13__access.sql existed: the common script.
            for (String statement : Migrations.statements(Migrations.read(Dialect.H2, "V13__access.sql"))) {
                h.execute(statement);
            }
            h.execute("INSERT INTO schema_version (version_number, script, applied_at) VALUES (13, 'V13__access.sql', 0)");
            h.execute("INSERT INTO grants (subject, scope, role, granted_by, granted_at)"
                    + " VALUES ('user:alice', 'model:risk/fraud', 'READER', 'admin', 0)");
        });
        assertThat(subjectsMatching(jdbi, "user:ALICE", "model:RISK/fraud"))
                .as("the server's collation, %s, ignores case", collation(jdbi)).containsExactly("user:alice");

        Migrations.apply(jdbi, Dialect.MARIADB);

        assertThat(collation(jdbi)).isEqualTo("utf8mb4_nopad_bin");
        assertThat(subjectsMatching(jdbi, "user:ALICE", "model:risk/fraud")).isEmpty();
        assertThat(subjectsMatching(jdbi, "user:àlice", "model:risk/fraud")).isEmpty();
        assertThat(subjectsMatching(jdbi, "user:alice", "model:RISK/fraud")).isEmpty();
        assertThat(subjectsMatching(jdbi, "user:alice", "model:risk/fraud")).containsExactly("user:alice");
    }

    @Test
    void aNewDatabaseGetsTheBinaryCollationAtOnce() {
        scratch = Databases.require(Databases.Kind.MARIADB).createScratch();
        Jdbi jdbi = Jdbi.create(scratch::connect);

        Migrations.apply(jdbi, Dialect.MARIADB);

        assertThat(collation(jdbi)).isEqualTo("utf8mb4_nopad_bin");
    }

    private static List<String> subjectsMatching(Jdbi jdbi, String subject, String scope) {
        return jdbi.withHandle(h -> h.createQuery("SELECT subject FROM grants WHERE subject = :s AND scope = :c")
                .bind("s", subject).bind("c", scope).mapTo(String.class).list());
    }

    private static String collation(Jdbi jdbi) {
        return jdbi.withHandle((Handle h) -> h.createQuery("SELECT TABLE_COLLATION FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'grants'").mapTo(String.class).one());
    }
}
