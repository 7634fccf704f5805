package dev.modelregistry.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.modelregistry.StorageException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The HikariCP pool a store creates for a database server (PostgreSQL, MariaDB) when it is given
 * a URL rather than the application's own {@code DataSource}.
 */
final class ServerPool {

    /** Enough for the concurrent writers of one process; a shared server serves many processes. */
    static final int MAX_CONNECTIONS = 10;

    /**
     * Idle connections kept open. Few, because a registry is often embedded in many short jobs
     * that register once, and a fixed pool of ten in each would exhaust the server's connections.
     */
    static final int MIN_IDLE = 2;

    /**
     * How long an operation waits for a connection before it fails, also while the database is
     * unreachable; Hikari's default of 30 s would leave a caller hanging on a dead server.
     */
    static final long CONNECTION_TIMEOUT_MILLIS = 5_000;
    private static final long VALIDATION_TIMEOUT_MILLIS = 2_000;

    /** The isolation level of every connection the pool hands out. */
    static final TransactionIsolationLevel ISOLATION = TransactionIsolationLevel.READ_COMMITTED;

    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    private ServerPool() {
    }

    /**
     * Opens a pool and one connection, so that a wrong URL or an unreachable server fails here.
     *
     * @throws StorageException if no connection can be opened
     */
    static HikariDataSource open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("model-registry-" + POOLS.incrementAndGet());
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(MIN_IDLE);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_MILLIS);
        // Writes run at this level (see Transactions.write); Hikari sets it on new connections and
        // resets returned ones to it, so a write needs no round trip to set its level.
        config.setTransactionIsolation("TRANSACTION_" + ISOLATION.name());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageException("Could not connect to " + redacted(jdbcUrl), e);
        }
    }

    /**
     * Closes the pool's idle connections and marks those in use to be closed when returned: after
     * one connection broke, the others most likely did too (a restarted server, a failover), and
     * Hikari hands out a connection used in the last half second without checking it.
     */
    static void discardConnections(HikariDataSource pool) {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean != null) {
            bean.softEvictConnections();
        }
    }

    /** The URL without the value of a {@code password} parameter, for messages. */
    static String redacted(String jdbcUrl) {
        return PASSWORD.matcher(jdbcUrl).replaceAll("$1***");
    }
}
