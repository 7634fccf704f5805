package dev.modelregistry.jdbc;

import dev.modelregistry.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Brings a database's schema up to date when a store opens: applies, in order, the scripts under
 * {@code /dev/modelregistry/jdbc/migrations/} that the {@code schema_version} table does not list.
 * A script of the same name under {@code migrations/<dialect>/} replaces the common one, for the
 * few places where the SQL of the databases really differs.
 *
 * <p>Several registries may open the same fresh database at once. On PostgreSQL the migration
 * runs in one transaction under an advisory lock (its DDL is transactional, and concurrent
 * {@code CREATE TABLE IF NOT EXISTS} would collide in the catalog); on MariaDB, whose DDL commits
 * at once, under a named lock ({@code GET_LOCK}); on H2 in exclusive mode ({@code SET EXCLUSIVE},
 * see {@link MigrationLock#H2}). The lock is taken only if the schema is behind. Every script is
 * also idempotent ({@code IF NOT EXISTS}), a duplicate {@code schema_version} row means another
 * opener finished first, and a failed attempt is retried from the start.
 */
final class Migrations {

    /** Every migration, oldest first; the version of a script is the number after its {@code V}. */
    static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__request_ids.sql", "V3__journal.sql");

    private static final String LOCATION = "/dev/modelregistry/jdbc/migrations/";
    private static final int MAX_ATTEMPTS = 5;

    private static final String CREATE_SCHEMA_VERSION = "CREATE TABLE IF NOT EXISTS schema_version ("
            + " version_number INTEGER NOT NULL,"
            + " script VARCHAR(255) NOT NULL,"
            + " applied_at BIGINT NOT NULL,"
            + " CONSTRAINT pk_schema_version PRIMARY KEY (version_number))";

    private Migrations() {
    }

    /**
     * Applies the missing migrations.
     *
     * @throws StorageException if the database fails, or holds a schema newer than this library knows
     */
    static void apply(Jdbi jdbi, Dialect dialect) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useHandle(h -> {
                    if (!upToDate(h)) {
                        MigrationLock.of(dialect).hold(h, () -> applyMissing(h, dialect));
                    }
                });
                return;
            } catch (JdbiException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new StorageException("Could not migrate the metadata schema", e);
                }
                Transactions.backOff("migrate the metadata schema", attempt, e);
            }
        }
    }

    /**
     * Whether the schema is at this library's version, checked without the lock, so that opening
     * an up-to-date database (nearly every opening) neither waits for nor disturbs anyone: on H2
     * the lock pauses every other session.
     */
    private static boolean upToDate(Handle h) {
        // Looked up rather than queried: a failed query would be logged by the database as an error.
        if (!hasVersionTable(h.getConnection())) {
            return false;
        }
        return h.createQuery("SELECT MAX(version_number) FROM schema_version")
                .mapTo(Integer.class)
                .findOne()
                .orElse(0) == SCRIPTS.size();
    }

    /** Whether the connection's current schema (or, on MariaDB, database) has the schema_version table. */
    private static boolean hasVersionTable(Connection c) {
        try {
            DatabaseMetaData md = c.getMetaData();
            String table = md.storesUpperCaseIdentifiers() ? "SCHEMA_VERSION" : "schema_version";
            String pattern = table.replace("_", md.getSearchStringEscape() + "_");
            try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), pattern, new String[] {"TABLE"})) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StorageException("Could not look up the schema_version table", e);
        }
    }

    private static void applyMissing(Handle h, Dialect dialect) {
        h.execute(CREATE_SCHEMA_VERSION);
        Set<Integer> applied = h.createQuery("SELECT version_number FROM schema_version")
                .mapTo(Integer.class)
                .collect(Collectors.toSet());
        int newest = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (newest > SCRIPTS.size()) {
            throw new StorageException("The metadata schema is at version " + newest
                    + ", newer than this library's " + SCRIPTS.size() + "; upgrade the library");
        }
        for (String script : SCRIPTS) {
            int version = versionOf(script);
            if (applied.contains(version)) {
                continue;
            }
            for (String statement : statements(read(dialect, script))) {
                h.execute(statement);
            }
            try {
                h.execute("INSERT INTO schema_version (version_number, script, applied_at) VALUES (?, ?, ?)",
                        version, script, System.currentTimeMillis());
            } catch (JdbiException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    static int versionOf(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    /** Splits a script into statements: comment lines dropped, each statement ending with {@code ;} at a line end. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("Statement without a final ';' in a migration: " + current);
        }
        return statements;
    }

    /** The text of a script: the dialect's own version if it has one, else the common one. */
    static String read(Dialect dialect, String script) {
        String own = LOCATION + dialect.directory() + "/" + script;
        try (InputStream in = Migrations.class.getResourceAsStream(own)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream in = Migrations.class.getResourceAsStream(LOCATION + script)) {
            if (in == null) {
                throw new IllegalStateException("Migration " + LOCATION + script + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
