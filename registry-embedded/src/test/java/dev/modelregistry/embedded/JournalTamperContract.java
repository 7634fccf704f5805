package dev.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalReport;
import dev.modelregistry.journal.JournalReport.Kind;
import dev.modelregistry.spi.JournalHashes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering with the journal by plain SQL, as someone with write access to the database could:
 * {@code verify()} names the first entry that was altered, removed, inserted or reordered. Each
 * database runs it by saying how to open the registry and how to reach its tables.
 */
abstract class JournalTamperContract {

    @TempDir
    Path dir;

    Registry registry;

    /** Opens a registry on a fresh database under or beside {@code dir}. */
    abstract Registry open(Path dir);

    /** A connection to the registry's metadata tables. */
    abstract Connection connect() throws SQLException;

    @BeforeEach
    void fill() {
        registry = open(dir);
        var v1 = registry.register("fraud").content("m", new byte[] {1}).commit();
        registry.register("fraud").content("m", new byte[] {2}).commit();
        registry.transition(v1, Stage.PRODUCTION, "first");
        registry.tag(v1.ref(), "team", "risk");
        assertThat(registry.journal().head()).isEqualTo(5);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private JournalReport.Problem problem() {
        JournalReport report = registry.journal().verify();
        assertThat(report.intact()).as("intact").isFalse();
        return report.problem().orElseThrow();
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }

    /** Inserts a well-formed entry that chains to {@code previous}. */
    private void forge(long sequence, String previous) throws SQLException {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        String details = "{\"forged\":true}";
        String hash = JournalHashes.hash(sequence, at, "mallory", "version.updated", "fraud", 1, "r", details,
                previous);
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("INSERT INTO journal (seq, at_millis,"
                + " principal, operation, model_name, version_number, details, request_id, previous_hash, entry_hash)"
                + " VALUES (?, ?, 'mallory', 'version.updated', 'fraud', 1, ?, 'r', ?, ?)")) {
            s.setLong(1, sequence);
            s.setLong(2, at.toEpochMilli());
            s.setString(3, details);
            s.setString(4, previous);
            s.setString(5, hash);
            s.executeUpdate();
        }
    }

    private JournalEntry entry(long sequence) {
        return registry.journal().after(sequence - 1, 1).get(0);
    }

    @Test
    void anUntouchedJournalIsIntact() {
        JournalReport report = registry.journal().verify();

        assertThat(report.intact()).isTrue();
        assertThat(report.checked()).isEqualTo(5);
        assertThat(report.head()).isEqualTo(5);
    }

    @Test
    void anEditedEntryIsReportedAltered() throws SQLException {
        sql("UPDATE journal SET principal = 'mallory' WHERE seq = 3");

        assertThat(problem()).satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.ALTERED);
            assertThat(p.sequence()).isEqualTo(3);
        });
    }

    @Test
    void anEntryRewrittenWithAFreshHashIsReportedAltered() throws SQLException {
        JournalEntry e = entry(3);
        String hash = JournalHashes.hash(3, e.at(), "mallory", e.operation(), e.model(), e.version(), e.requestId(),
                e.details(), e.previousHash());
        sql("UPDATE journal SET principal = 'mallory', entry_hash = '" + hash + "' WHERE seq = 3");

        assertThat(problem()).satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.ALTERED);
            assertThat(p.sequence()).isEqualTo(3);
        });
    }

    @Test
    void aDeletedEntryIsReportedRemoved() throws SQLException {
        sql("DELETE FROM journal WHERE seq = 2");

        assertThat(problem()).satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.REMOVED);
            assertThat(p.sequence()).isEqualTo(2);
        });
    }

    @Test
    void aDeletedLastEntryIsReportedRemoved() throws SQLException {
        sql("DELETE FROM journal WHERE seq = 5");

        assertThat(problem()).satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.REMOVED);
            assertThat(p.sequence()).isEqualTo(5);
        });
    }

    @Test
    void aDeletedEntryWithTheRestRenumberedIsReportedRemoved() throws SQLException {
        sql("DELETE FROM journal WHERE seq = 2", "UPDATE journal SET seq = seq + 1000 WHERE seq > 2",
                "UPDATE journal SET seq = seq - 1001 WHERE seq > 1000");

        assertThat(problem()).satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.REMOVED);
            assertThat(p.sequence()).isEqualTo(2);
        });
    }

    @Test
    void anEntryAppendedBehindTheStoresBackIsReportedInserted() throws SQLException {
        forge(6, entry(5).hash());

        assertThat(problem()).satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.INSERTED);
            assertThat(p.sequence()).isEqualTo(6);
        });
    }

    @Test
    void anEntrySplicedIntoTheChainIsReportedInserted() throws SQLException {
        String second = entry(2).hash();
        sql("UPDATE journal SET seq = seq + 1000 WHERE seq > 2", "UPDATE journal SET seq = seq - 999 WHERE seq > 1000",
                "UPDATE journal_head SET seq = 6");
        forge(3, second);

        assertThat(problem()).satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.INSERTED);
            assertThat(p.sequence()).isEqualTo(3);
        });
    }

    @Test
    void twoSwappedEntriesAreReportedReordered() throws SQLException {
        sql("UPDATE journal SET seq = -3 WHERE seq = 3", "UPDATE journal SET seq = 3 WHERE seq = 4",
                "UPDATE journal SET seq = 4 WHERE seq = -3");

        assertThat(problem()).satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.REORDERED);
            assertThat(p.sequence()).isEqualTo(3);
            assertThat(p.message()).contains("entry 3");
        });
    }

    @Test
    void theReportNamesTheFirstProblemOnly() throws SQLException {
        sql("UPDATE journal SET details = '{}' WHERE seq = 4", "DELETE FROM journal WHERE seq = 2");

        assertThat(problem().sequence()).isEqualTo(2);
        assertThat(List.of(problem().kind())).containsExactly(Kind.REMOVED);
    }
}
