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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Brings a database's schema up to date when a store opens: applies, in order, the {@link #STEPS}
 * that the {@code schema_version} table does not list. Most steps are SQL scripts under
 * {@code /dev/modelregistry/jdbc/migrations/}; a script of the same name under
 * {@code migrations/<dialect>/} replaces the common one, for the few places where the SQL of the
 * databases really differs. A step that SQL cannot express portably, such as recomputing digests,
 * is Java code run on the migrating handle.
 *
 * <p>Several registries may open the same fresh database at once. On PostgreSQL the migration
 * runs in one transaction under an advisory lock (its DDL is transactional, and concurrent
 * {@code CREATE TABLE IF NOT EXISTS} would collide in the catalog); on MariaDB, whose DDL commits
 * at once, under a named lock ({@code GET_LOCK}); on H2 in exclusive mode ({@code SET EXCLUSIVE},
 * see {@link MigrationLock#H2}). The lock is taken only if the schema is behind. Every step is
 * also idempotent (scripts use {@code IF NOT EXISTS}; a Java step finds what is left to do and
 * commits its work in units that leave the data consistent), a duplicate {@code schema_version}
 * row means another opener finished first, and a failed attempt is retried from the start.
 */
final class Migrations {

    /**
     * Every migration, oldest first, each with a version number higher than the one before. The
     * number of a script is the number after its {@code V}; a Java step is named the same way.
     * Numbers increase but need not be consecutive.
     */
    static final List<Step> STEPS = steps(
            script("V1__init.sql"),
            script("V2__request_ids.sql"),
            script("V3__journal.sql"),
            new Code(4, "V4__path_order_digests", PathOrderMigration::apply),
            script("V5__aliases.sql"),
            script("V6__evaluations.sql"),
            script("V7__journal_by_model.sql"),
            script("V8__promotion_requests.sql"),
            script("V9__lifecycle.sql"),
            script("V10__deliveries.sql"),
            script("V11__lineage.sql"),
            script("V12__search.sql"),
            script("V13__access.sql"),
            script("V14__journal_query.sql"),
            script("V15__grants_collation.sql"));

    /** The version the schema is at once every step has run. */
    static final int LATEST = STEPS.get(STEPS.size() - 1).version();

    private static final String LOCATION = "/dev/modelregistry/jdbc/migrations/";
    private static final int MAX_ATTEMPTS = 5;

    private static final String CREATE_SCHEMA_VERSION = "CREATE TABLE IF NOT EXISTS schema_version ("
            + " version_number INTEGER NOT NULL,"
            + " script VARCHAR(255) NOT NULL,"
            + " applied_at BIGINT NOT NULL,"
            + " CONSTRAINT pk_schema_version PRIMARY KEY (version_number))";

    private Migrations() {
    }

    /** One migration: its version number, the name recorded in {@code schema_version}, what it does. */
    sealed interface Step permits Script, Code {

        int version();

        String name();

        /** Runs the step on the migrating handle, under the migration lock. */
        void apply(Handle h, Dialect dialect);
    }

    /**
     * A SQL script, read by {@link #read} and split by {@link #statements}. Its statements run as
     * written, on the handle's connection: they have no parameters, and going through Jdbi's parser
     * and template engine would only cost a new registry's opening time.
     */
    record Script(String name) implements Step {

        @Override
        public int version() {
            return versionOf(name);
        }

        @Override
        public void apply(Handle h, Dialect dialect) {
            String current = null;
            try (Statement s = h.getConnection().createStatement()) {
                for (String statement : statements(read(dialect, name))) {
                    current = statement;
                    s.execute(statement);
                }
            } catch (SQLException e) {
                // a Jdbi exception, as from any other statement, so that a failed attempt is retried
                throw new UnableToExecuteStatementException("Could not run migration " + name + ": " + current, e, null);
            }
        }
    }

    /** A step written in Java; it must be idempotent like a script and may run inside a transaction or not. */
    record Code(int version, String name, BiConsumer<Handle, Dialect> body) implements Step {

        @Override
        public void apply(Handle h, Dialect dialect) {
            body.accept(h, dialect);
        }
    }

    static Script script(String name) {
        return new Script(name);
    }

    private static List<Step> steps(Step... steps) {
        for (int i = 1; i < steps.length; i++) {
            if (steps[i].version() <= steps[i - 1].version()) {
                throw new IllegalStateException("Migration " + steps[i].name() + " is out of order");
            }
        }
        return List.of(steps);
    }

    /**
     * Applies the missing migrations.
     *
     * @throws StorageException if the database fails, or holds a schema newer than this library knows
     */
    static void apply(Jdbi jdbi, Dialect dialect) {
        apply(jdbi, dialect, LATEST);
    }

    /**
     * Applies the missing migrations up to version {@code target}, for tests that need a schema as
     * an older library left it.
     *
     * @throws StorageException if the database fails, or holds a schema newer than this library knows
     */
    static void apply(Jdbi jdbi, Dialect dialect, int target) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useHandle(h -> {
                    if (!upToDate(h, target)) {
                        MigrationLock.of(dialect).hold(h, () -> applyMissing(h, dialect, target));
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
     * the lock pauses every other session. Every step is looked for, not just the newest, so that
     * a step added below the newest one is applied too.
     */
    private static boolean upToDate(Handle h, int target) {
        // Looked up rather than queried: a failed query would be logged by the database as an error.
        if (!hasVersionTable(h.getConnection())) {
            return false;
        }
        Set<Integer> applied = applied(h);
        // A newer schema takes the slow path, which refuses it.
        return applied.containsAll(numbers(target)) && applied.stream().allMatch(v -> v <= LATEST);
    }

    private static Set<Integer> applied(Handle h) {
        return h.createQuery("SELECT version_number FROM schema_version")
                .mapTo(Integer.class)
                .collect(Collectors.toSet());
    }

    private static Set<Integer> numbers(int target) {
        return STEPS.stream().map(Step::version).filter(v -> v <= target).collect(Collectors.toSet());
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

    private static void applyMissing(Handle h, Dialect dialect, int target) {
        h.execute(CREATE_SCHEMA_VERSION);
        Set<Integer> applied = applied(h);
        int newest = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (newest > LATEST) {
            throw new StorageException("The metadata schema is at version " + newest
                    + ", newer than this library's " + LATEST + "; upgrade the library");
        }
        for (Step step : STEPS) {
            if (step.version() > target || applied.contains(step.version())) {
                continue;
            }
            step.apply(h, dialect);
            try {
                h.execute("INSERT INTO schema_version (version_number, script, applied_at) VALUES (?, ?, ?)",
                        step.version(), step.name(), System.currentTimeMillis());
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
