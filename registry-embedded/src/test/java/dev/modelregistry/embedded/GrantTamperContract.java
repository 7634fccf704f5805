package dev.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Role;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.journal.JournalReport;
import dev.modelregistry.journal.JournalReport.Kind;
import dev.modelregistry.journal.JournalReport.Problem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grants forged into the database by plain SQL, and changes made around access control:
 * {@code verify()} reports each entry whose principal was not allowed its operation at the time,
 * and each stored grant the journal never granted (docs/ACCESS.md, "Audit"). Each database runs it
 * by saying how to open the registry and how to reach its tables.
 */
abstract class GrantTamperContract {

    static final Principal APP = Principal.service("app");

    @TempDir
    Path dir;

    Registry registry;

    /**
     * Opens a registry acting as {@link #APP}, with the built-in access policy and {@code app} as
     * configured administrator if {@code guarded}: on a fresh database if {@code fresh}, else on the
     * one opened before.
     */
    abstract Registry open(Path dir, boolean guarded, boolean fresh);

    /** A connection to the registry's metadata tables. */
    abstract Connection connect() throws SQLException;

    @BeforeEach
    void fill() {
        registry = open(dir, true, true);
        registry.register("risk/fraud").content("m", new byte[] {1}).commit();
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @Test
    void aJournalWrittenUnderAccessControlIsAuthorized() {
        JournalReport report = registry.journal().verify();

        assertThat(report.intact()).isTrue();
        assertThat(report.authorized()).as("%s", report.unauthorized()).isTrue();
    }

    @Test
    void aGrantForgedIntoTheDatabaseIsReportedAndSoIsEveryChangeItAllowed() throws SQLException {
        sql("INSERT INTO grants (subject, scope, role, granted_by, granted_at)"
                + " VALUES ('user:mallory', 'model:risk/fraud', 'PROMOTER', 'app', 0)");
        registry.as(Principal.user("mallory")).transition(registry.version("risk/fraud", 1).orElseThrow(),
                Stage.PRODUCTION, "the forged grant lets this through");
        long move = registry.journal().head();

        JournalReport report = registry.journal().verify();

        assertThat(report.intact()).as("the chain itself is intact").isTrue();
        assertThat(report.authorized()).isFalse();
        assertThat(report.unauthorized()).extracting(Problem::kind, Problem::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.UNAUTHORIZED, move),
                        org.assertj.core.groups.Tuple.tuple(Kind.FORGED, move));
        assertThat(report.unauthorized().get(0).message()).contains("mallory")
                .contains("user:mallory PROMOTER model:risk/fraud").contains("had not granted");
        assertThat(report.unauthorized().get(1).message()).contains("never granted");
    }

    @Test
    void aVersionCreditedToSomeoneElseOnAForgedAdminGrantIsReported()
            throws SQLException {
        registry.access().grant(Subject.user("mallory"), Role.CONTRIBUTOR, Scope.model("risk/fraud"));
        sql("INSERT INTO grants (subject, scope, role, granted_by, granted_at)"
                + " VALUES ('user:mallory', 'registry', 'ADMIN', 'app', 0)");
        registry.as(Principal.user("mallory")).register("risk/fraud").content("m", new byte[] {3})
                .createdBy("alice").commit();
        long registered = registry.journal().head();

        JournalReport report = registry.journal().verify();

        assertThat(report.unauthorized()).extracting(Problem::kind, Problem::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.UNAUTHORIZED, registered),
                        org.assertj.core.groups.Tuple.tuple(Kind.FORGED, registered));
        assertThat(report.unauthorized().get(0).message()).contains("user:mallory ADMIN registry")
                .contains("had not granted");
    }

    @Test
    void aGrantDeletedBehindTheRegistrysBackIsReported() throws SQLException {
        sql("DELETE FROM grants WHERE subject = 'service:app'");

        JournalReport report = registry.journal().verify();

        assertThat(report.unauthorized()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.FORGED);
            assertThat(p.message()).contains("service:app OWNER model:risk/fraud").contains("missing from the store");
        });
    }

    @Test
    void aChangeMadeWithoutAccessControlAfterItWasConfiguredIsReported() {
        try (Registry open = open(dir, false, false)) {
            open.as("eve").register("risk/fraud").content("m", new byte[] {2}).commit();
        }
        long registered = registry.journal().head();

        JournalReport report = registry.journal().verify();

        assertThat(report.intact()).isTrue();
        assertThat(report.unauthorized()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.UNAUTHORIZED);
            assertThat(p.sequence()).isEqualTo(registered);
            assertThat(p.message()).contains("eve").contains("says nothing of what allowed it");
        });
    }
}
