package dev.modelregistry.benchmarks;

import dev.modelregistry.Registry;
import dev.modelregistry.core.Registries;
import dev.modelregistry.embedded.EmbeddedRegistry;
import dev.modelregistry.fs.FileSystemArtifactStore;
import dev.modelregistry.jdbc.JdbcMetadataStore;
import dev.modelregistry.journal.Journal;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalFollower;
import dev.modelregistry.journal.JournalReport;
import dev.modelregistry.spi.JournalHashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Reading and verifying a large journal: bulk-loads {@code bench.entries} well-formed, chained
 * entries (default 1,000,000) into an embedded H2 registry and, if it is reachable, a PostgreSQL
 * schema, then times through the public API: reading the whole journal in pages of 10,000, following
 * it from 0 with a {@link JournalFollower}, and {@code verify()}. Prints one Markdown table.
 */
public final class JournalBenchmark {

    private static final int PAGE = Journal.MAX_PAGE;
    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private JournalBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args ignored; {@code -Dbench.entries=N} and {@code -Dbench.dir=...} are read
     * @throws Exception if a database or the scratch directory fails
     */
    public static void main(String[] args) throws Exception {
        long entries = Long.getLong("bench.entries", 1_000_000L);
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-work")).resolve("journal");
        deleteTree(dir);
        Files.createDirectories(dir);
        StringBuilder report = new StringBuilder("| database | entries | bulk load s | read all (pages of 10,000) s"
                + " | entries/s | follow from 0 s | entries/s | verify() s | entries/s |\n|---|---|---|---|---|---|---|---|---|\n");

        Path h2 = dir.resolve("h2");
        EmbeddedRegistry.open(h2).close();
        String h2Url = "jdbc:h2:file:" + EmbeddedRegistry.databasePath(h2).toAbsolutePath() + ";AUTO_SERVER=TRUE";
        double load = load(() -> connect(h2Url, "sa", ""), entries);
        try (Registry registry = EmbeddedRegistry.open(h2)) {
            report.append(row("H2 (embedded file)", entries, load, registry));
        }

        String schema = "bench_journal";
        try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", null); Statement s = admin.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            System.err.println("PostgreSQL not reachable, skipped: " + e.getMessage());
            System.out.print(report);
            return;
        }
        String pgUrl = PG_URL + "?currentSchema=" + schema;
        JdbcMetadataStore.create(pgUrl, "postgres", null).close();
        load = load(() -> connect(pgUrl, "postgres", null), entries);
        try (Registry registry = Registries.builder()
                .metadataStore(JdbcMetadataStore.create(pgUrl, "postgres", null))
                .artifactStore(FileSystemArtifactStore.at(dir.resolve("pg-files")))
                .build()) {
            report.append(row("PostgreSQL (loopback)", entries, load, registry));
        } finally {
            try (Connection admin = DriverManager.getConnection(PG_URL, "postgres", null);
                 Statement s = admin.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        System.out.print(report);
    }

    private static String row(String database, long entries, double load, Registry registry) {
        Journal journal = registry.journal();
        long start = System.nanoTime();
        long read = 0;
        for (long cursor = 0; ; ) {
            List<JournalEntry> page = journal.after(cursor, PAGE);
            if (page.isEmpty()) {
                break;
            }
            read += page.size();
            cursor = page.get(page.size() - 1).sequence();
        }
        double readSeconds = seconds(start);
        check(read, entries, "read");

        start = System.nanoTime();
        long followed = 0;
        try (JournalFollower follower = journal.follow(0)) {
            while (followed < entries) {
                followed += follower.poll(PAGE, Duration.ZERO).size();
            }
        }
        double followSeconds = seconds(start);

        start = System.nanoTime();
        JournalReport verified = journal.verify();
        double verifySeconds = seconds(start);
        if (!verified.intact() || verified.checked() != entries) {
            throw new IllegalStateException("verify() of the loaded journal: " + verified);
        }
        return String.format(Locale.ROOT, "| %s | %,d | %.1f | %.2f | %,.0f | %.2f | %,.0f | %.2f | %,.0f |%n",
                database, entries, load, readSeconds, entries / readSeconds, followSeconds, entries / followSeconds,
                verifySeconds, entries / verifySeconds);
    }

    /** Inserts a valid chain of entries with the size of a typical tag change, and moves the head. */
    private static double load(Supplier<Connection> connect, long entries) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = connect.get()) {
            c.setAutoCommit(false);
            String previous = JournalHashes.GENESIS;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO journal (seq, at_millis, principal,"
                    + " operation, model_name, version_number, details, request_id, previous_hash, entry_hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Instant at = Instant.parse("2026-01-01T00:00:00Z");
                for (long seq = 1; seq <= entries; seq++) {
                    String model = "team-" + (seq % 100) + "/model-" + (seq % 10_000);
                    int version = (int) (seq % 100) + 1;
                    String details = "{\"field\":\"tag:env\",\"old\":\"staging\",\"new\":\"prod-" + seq + "\"}";
                    String request = String.format(Locale.ROOT, "00000000-0000-0000-0000-%012d", seq);
                    Instant when = at.plusMillis(seq);
                    String hash = JournalHashes.hash(seq, when, "ci-bot", "version.updated", model, version, request,
                            details, previous);
                    insert.setLong(1, seq);
                    insert.setLong(2, when.toEpochMilli());
                    insert.setString(3, "ci-bot");
                    insert.setString(4, "version.updated");
                    insert.setString(5, model);
                    insert.setInt(6, version);
                    insert.setString(7, details);
                    insert.setString(8, request);
                    insert.setString(9, previous);
                    insert.setString(10, hash);
                    insert.addBatch();
                    previous = hash;
                    if (seq % 5_000 == 0 || seq == entries) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
            }
            try (PreparedStatement head = c.prepareStatement("UPDATE journal_head SET seq = ?, entry_hash = ?")) {
                head.setLong(1, entries);
                head.setString(2, previous);
                head.executeUpdate();
            }
            c.commit();
        }
        return seconds(start);
    }

    private static Connection connect(String url, String user, String password) {
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect to " + url, e);
        }
    }

    private static void check(long actual, long expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + " " + actual + " entries, expected " + expected);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
