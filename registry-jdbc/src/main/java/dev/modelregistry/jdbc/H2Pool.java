package dev.modelregistry.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * The connections of an H2 store: H2's own pool, replaced by a fresh one whenever a connection
 * turned out broken.
 *
 * <p>With {@code AUTO_SERVER=TRUE} the connections of every process except the one hosting the
 * database are TCP connections to that process, and they all break at once when it exits. H2's
 * pool does not check a connection before handing it out again, so each stale connection would
 * fail one more operation attempt; discarding the whole pool after the first failure costs only
 * the reconnection. This class is thread-safe.
 */
final class H2Pool implements ConnectionFactory {

    /** H2 reads this system property once, when its classes initialize; see {@link #serveOnLoopbackOnly()}. */
    static final String BIND_ADDRESS = "h2.bindAddress";

    private final String url;
    private final String user;
    private final String password;
    private final int maxConnections;
    private final AtomicReference<JdbcConnectionPool> current = new AtomicReference<>();
    private boolean closed;

    H2Pool(String url, String user, String password, int maxConnections) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.maxConnections = maxConnections;
        current.set(newPool());
    }

    /**
     * Makes the TCP server that an {@code AUTO_SERVER} database starts listen on the loopback
     * interface only, unless the application set {@value #BIND_ADDRESS} itself. H2 otherwise binds
     * it to every interface and accepts connections from other machines (it passes
     * {@code -tcpAllowOthers}), guarded only by the random key in the {@code .lock.db} file.
     * Must run before the first H2 class initializes to take effect, so every H2 store calls it
     * before touching H2.
     */
    static synchronized void serveOnLoopbackOnly() {
        if (System.getProperty(BIND_ADDRESS) == null) {
            System.setProperty(BIND_ADDRESS, "127.0.0.1");
        }
    }

    @Override
    public Connection openConnection() throws SQLException {
        boolean replaced = false;
        while (true) {
            JdbcConnectionPool pool = current.get();
            try {
                Connection connection = pool.getConnection();
                if (replaced || !connection.isClosed()) {
                    return connection;
                }
                // H2's pool hands a connection whose session ended (its host went away) out again
                // without checking it, and such a pool holds more of them: replace it, once.
                replaced = true;
                discardConnections();
                closeQuietly(connection);
            } catch (IllegalStateException e) {
                // The pool was disposed between reading it and asking it: take its successor.
                if (current.get() == pool) {
                    throw e;
                }
            }
        }
    }

    /**
     * Replaces the pool by an empty one. The old pool closes its idle connections now and the
     * others when they are returned; connections to a database hosted in this process are
     * unaffected, since the database stays open while any session, local or remote, uses it.
     */
    synchronized void discardConnections() {
        if (!closed) {
            current.getAndSet(newPool()).dispose();
        }
    }

    /**
     * Closes the pool, first running {@code lastRites} (for example {@code SHUTDOWN}) on it.
     * Idempotent.
     */
    synchronized void close(Consumer<JdbcConnectionPool> lastRites) {
        if (closed) {
            return;
        }
        closed = true;
        JdbcConnectionPool pool = current.get();
        try {
            lastRites.accept(pool);
        } finally {
            pool.dispose();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // its session is gone already; nothing is left to release
        }
    }

    private JdbcConnectionPool newPool() {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, user, password);
        pool.setMaxConnections(maxConnections);
        return pool;
    }
}
