package dev.modelregistry.testkit;

import dev.modelregistry.spi.JournalHashes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The database servers that backend tests run against, and throw-away schemas on them, so that
 * test runs never see each other's tables.
 *
 * <p>Each server's URL and credentials come from environment variables, with the defaults of the
 * development and CI machines:
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>variable</th><th>default</th></tr>
 *   <tr><td>{@code MODELREGISTRY_POSTGRES_URL}</td><td>{@code jdbc:postgresql://127.0.0.1:5432/test}</td></tr>
 *   <tr><td>{@code MODELREGISTRY_POSTGRES_USER}, {@code _PASSWORD}</td><td>{@code postgres}, none</td></tr>
 *   <tr><td>{@code MODELREGISTRY_MARIADB_URL}</td><td>{@code jdbc:mariadb://127.0.0.1:3306/test}</td></tr>
 *   <tr><td>{@code MODELREGISTRY_MARIADB_USER}, {@code _PASSWORD}</td><td>{@code root}, empty</td></tr>
 * </table>
 *
 * <p>{@link #postgres()} and {@link #mariaDb()} connect once per JVM. If the server cannot be
 * reached, the calling test is skipped through a JUnit assumption whose message names the variable
 * to set, except where the environment variable {@code CI} is {@code true}: there the test fails,
 * so that a CI run can never pass by skipping its database tests. Call them for each test (in a
 * {@code @BeforeEach} method or where the test builds its store), not in {@code @BeforeAll}: Maven
 * Surefire does not count the tests of a class aborted in {@code @BeforeAll} as skipped, so the
 * skip would go unnoticed. The JDBC driver must be on the test class path.
 *
 * <pre>{@code
 * class PostgresMetadataStoreTest extends MetadataStoreContract {
 *     Databases.Scratch schema;
 *
 *     @Override
 *     protected MetadataStore newStore() {
 *         Databases.Server server = Databases.postgres();
 *         schema = server.createScratch();
 *         return JdbcMetadataStore.create(schema.url(), server.user(), server.password());
 *     }
 *
 *     @AfterEach
 *     void dropSchema() {
 *         store.close();
 *         schema.close();
 *     }
 * }
 * }</pre>
 *
 * <p>This class is thread-safe.
 */
public final class Databases {

    /** The kinds of database server tests can use. */
    public enum Kind {
        /** PostgreSQL; a scratch area is a schema, selected by {@code currentSchema} in the URL. */
        POSTGRESQL("PostgreSQL", "MODELREGISTRY_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", null),
        /** MariaDB (or MySQL); a scratch area is a database, named in the URL's path. */
        MARIADB("MariaDB", "MODELREGISTRY_MARIADB", "jdbc:mariadb://127.0.0.1:3306/test", "root", "");

        private final String product;
        private final String variable;
        private final String defaultUrl;
        private final String defaultUser;
        private final String defaultPassword;

        Kind(String product, String variable, String defaultUrl, String defaultUser, String defaultPassword) {
            this.product = product;
            this.variable = variable;
            this.defaultUrl = defaultUrl;
            this.defaultUser = defaultUser;
            this.defaultPassword = defaultPassword;
        }

        /**
         * The environment variable that holds the server's JDBC URL; the user and password
         * variables are named like it, ending in {@code _USER} and {@code _PASSWORD} instead.
         *
         * @return the variable's name, such as {@code MODELREGISTRY_POSTGRES_URL}
         */
        public String urlVariable() {
            return variable + "_URL";
        }
    }

    /** Each kind's server, or the reason it cannot be used, probed once per JVM. */
    private static final Map<Kind, Object> PROBED = new ConcurrentHashMap<>();

    private Databases() {
    }

    /**
     * The PostgreSQL server to test against.
     *
     * @return the reachable server
     * @throws org.opentest4j.TestAbortedException if it is unreachable and {@code CI} is not {@code true}
     * @throws org.opentest4j.AssertionFailedError if it is unreachable and {@code CI} is {@code true}
     */
    public static Server postgres() {
        return require(Kind.POSTGRESQL);
    }

    /**
     * The MariaDB server to test against.
     *
     * @return the reachable server
     * @throws org.opentest4j.TestAbortedException if it is unreachable and {@code CI} is not {@code true}
     * @throws org.opentest4j.AssertionFailedError if it is unreachable and {@code CI} is {@code true}
     */
    public static Server mariaDb() {
        return require(Kind.MARIADB);
    }

    /**
     * The server of the given kind to test against.
     *
     * @param kind the kind of server
     * @return the reachable server
     * @throws org.opentest4j.TestAbortedException if it is unreachable and {@code CI} is not {@code true}
     * @throws org.opentest4j.AssertionFailedError if it is unreachable and {@code CI} is {@code true}
     */
    public static Server require(Kind kind) {
        Object probed = PROBED.computeIfAbsent(kind, Databases::probe);
        if (probed instanceof Server) {
            return (Server) probed;
        }
        String reason = (String) probed;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return Assertions.fail(reason + " CI=true, so this fails instead of skipping.");
        }
        return Assumptions.abort(reason);
    }

    private static Object probe(Kind kind) {
        String url = env(kind.urlVariable(), kind.defaultUrl);
        String user = env(kind.variable + "_USER", kind.defaultUser);
        String password = env(kind.variable + "_PASSWORD", kind.defaultPassword);
        Server server = new Server(kind, url, user, password);
        try (Connection c = server.connect()) {
            return c.isValid(5) ? server : kind.product + " at " + url + " opened a connection that is not valid.";
        } catch (SQLException e) {
            return kind.product + " is not reachable at " + url + " as " + user + " (" + e.getMessage() + ")."
                    + " Start it, or set " + kind.urlVariable() + " (and " + kind.variable + "_USER, "
                    + kind.variable + "_PASSWORD) to reach one.";
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * A database server that tests may create scratch areas on.
     *
     * @param kind     the kind of server
     * @param url      the JDBC URL from the environment
     * @param user     the user, which may create and drop schemas or databases
     * @param password the password, or null if none is needed
     */
    public record Server(Kind kind, String url, String user, String password) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if kind, url or user is null
         */
        public Server {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
        }

        /**
         * Opens a connection to the server's URL, for example to administer it from a test; the
         * caller closes it.
         *
         * @return a new connection
         * @throws SQLException if the server cannot be reached
         */
        public Connection connect() throws SQLException {
            return connect(url);
        }

        Connection connect(String jdbcUrl) throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            if (password != null) {
                properties.setProperty("password", password);
            }
            // Give up soon on a server that does not answer, rather than after the drivers' minutes.
            properties.setProperty("connectTimeout", kind == Kind.POSTGRESQL ? "5" : "5000");
            return DriverManager.getConnection(jdbcUrl, properties);
        }

        /**
         * Creates an empty schema (PostgreSQL) or database (MariaDB) with a new unique name that
         * starts with {@code mrtest_}.
         *
         * @return the scratch area, to be closed (dropped) by the caller
         * @throws IllegalStateException if it cannot be created
         */
        public Scratch createScratch() {
            String name = "mrtest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            execute(url, (kind == Kind.POSTGRESQL ? "CREATE SCHEMA " : "CREATE DATABASE ") + name);
            return new Scratch(this, name, scratchUrl(name));
        }

        private String scratchUrl(String name) {
            if (kind == Kind.POSTGRESQL) {
                return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
            }
            // jdbc:mariadb://host:port/database?options: replace the database, keep the rest.
            int hosts = url.indexOf("//") + 2;
            int path = url.indexOf('/', hosts);
            int query = url.indexOf('?', hosts);
            int end = query < 0 ? url.length() : query;
            if (path < 0 || path > end) {
                path = end;
            }
            return url.substring(0, path) + "/" + name + url.substring(end);
        }

        void execute(String jdbcUrl, String sql) {
            try (Connection c = connect(jdbcUrl); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not run " + sql + " on " + kind.product + " at " + jdbcUrl, e);
            }
        }
    }

    /**
     * An empty schema (PostgreSQL) or database (MariaDB) that one test or test class owns;
     * closing it drops it with everything in it.
     *
     * @param server the server it is on
     * @param name   its name
     * @param url    the server's URL changed to use it by default
     */
    public record Scratch(Server server, String name, String url) implements AutoCloseable {

        /**
         * Opens a connection that uses this scratch area by default; the caller closes it.
         *
         * @return a new connection
         * @throws SQLException if the server cannot be reached
         */
        public Connection connect() throws SQLException {
            return server.connect(url);
        }

        /**
         * Empties a registry's metadata schema for the next test: every table except the migration
         * history and the journal head, which goes back to the empty journal's.
         *
         * @throws IllegalStateException if the tables cannot be emptied
         */
        public void clearRegistry() {
            clear("schema_version", "journal_head");
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE " + name + ".journal_head SET seq = 0, entry_hash = '"
                        + JournalHashes.GENESIS + "'");
            } catch (SQLException e) {
                throw new IllegalStateException("Could not reset the journal head of " + name, e);
            }
        }

        /**
         * Deletes every row of every table except those named, keeping the tables: a cheaper way
         * than a new scratch area to give each test of a class an empty database, since DDL is
         * slow on a busy server (MariaDB syncs files for every table it creates). Foreign keys
         * are ignored while it runs.
         *
         * @param keep tables to leave as they are, such as a migration history
         * @throws IllegalStateException if the tables cannot be listed or emptied
         */
        public void clear(String... keep) {
            Set<String> kept = new HashSet<>();
            for (String table : keep) {
                kept.add(table.toLowerCase(Locale.ROOT));
            }
            try (Connection c = connect(); Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = c.getMetaData().getTables(server.kind() == Kind.MARIADB ? name : null,
                        server.kind() == Kind.POSTGRESQL ? name : null, "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        String table = rs.getString("TABLE_NAME");
                        if (!kept.contains(table.toLowerCase(Locale.ROOT))) {
                            tables.add(name + "." + table);
                        }
                    }
                }
                if (tables.isEmpty()) {
                    return;
                }
                if (server.kind() == Kind.POSTGRESQL) {
                    s.execute("TRUNCATE " + String.join(", ", tables));
                } else {
                    s.execute("SET FOREIGN_KEY_CHECKS = 0");
                    for (String table : tables) {
                        s.execute("DELETE FROM " + table);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not empty the tables of " + name, e);
            }
        }

        /**
         * Drops the schema or database. Connections still using it should be closed first.
         *
         * @throws IllegalStateException if it cannot be dropped
         */
        @Override
        public void close() {
            server.execute(server.url(), server.kind() == Kind.POSTGRESQL
                    ? "DROP SCHEMA IF EXISTS " + name + " CASCADE"
                    : "DROP DATABASE IF EXISTS " + name);
        }
    }
}
