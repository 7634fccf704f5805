package dev.modelregistry.benchmarks;

import dev.modelregistry.jdbc.JdbcMetadataStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * A new schema named {@code mrbench_<random>} on the PostgreSQL server of the development machines,
 * found through the same environment variables as the tests ({@code MODELREGISTRY_POSTGRES_URL},
 * {@code _USER}, {@code _PASSWORD}; default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code postgres}), dropped with everything in it on {@link #close()}.
 */
final class PostgresTarget implements TargetDatabase {

    static final String URL_VARIABLE = "MODELREGISTRY_POSTGRES_URL";
    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String schema;
    private boolean dropped;

    private PostgresTarget(String serverUrl, String user, String password) throws SQLException {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.schema = "mrbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(serverUrl, "CREATE SCHEMA " + schema);
    }

    /**
     * A fresh schema on the configured server, or empty with the reason printed if it is unreachable.
     */
    static Optional<PostgresTarget> create() {
        String url = env(URL_VARIABLE, DEFAULT_URL);
        try {
            return Optional.of(new PostgresTarget(url, env("MODELREGISTRY_POSTGRES_USER", "postgres"),
                    env("MODELREGISTRY_POSTGRES_PASSWORD", null)));
        } catch (SQLException e) {
            Progress.note("PostgreSQL is not reachable at " + url + " (" + e.getMessage() + "); set "
                    + URL_VARIABLE + " (and _USER, _PASSWORD) to reach one. Skipping it.");
            return Optional.empty();
        }
    }

    static String serverUrl() {
        return env(URL_VARIABLE, DEFAULT_URL);
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public JdbcMetadataStore openStore() {
        return JdbcMetadataStore.create(schemaUrl(), user, password);
    }

    @Override
    public Connection connectForLoading() throws SQLException {
        // Rewriting a batch into multi-row INSERTs saves most of the round trips of a bulk load.
        return connect(schemaUrl() + "&reWriteBatchedInserts=true");
    }

    @Override
    public void analyze(Connection c) throws SQLException {
        c.setAutoCommit(true); // VACUUM cannot run inside a transaction
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
        }
    }

    @Override
    public String settings(Connection c) throws SQLException {
        StringBuilder out = new StringBuilder("PostgreSQL");
        try (Statement s = c.createStatement()) {
            for (String setting : new String[] {"server_version", "shared_buffers", "synchronous_commit", "fsync"}) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    out.append(setting.equals("server_version") ? " " : ", " + setting + "=").append(rs.getString(1));
                }
            }
        }
        return out.toString();
    }

    @Override
    public long sizeBytes() throws SQLException {
        try (Connection c = connect(serverUrl);
             PreparedStatement p = c.prepareStatement("SELECT COALESCE(SUM(pg_total_relation_size("
                     + "format('%I.%I', schemaname, tablename))), 0) FROM pg_tables WHERE schemaname = ?")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() {
        if (dropped) {
            return;
        }
        try {
            execute(serverUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            dropped = true;
        } catch (SQLException e) {
            Progress.note("could not drop schema " + schema + " on " + serverUrl + ": " + e.getMessage()
                    + "; drop it by hand");
        }
    }

    private String schemaUrl() {
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, properties);
    }

    private void execute(String url, String sql) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
