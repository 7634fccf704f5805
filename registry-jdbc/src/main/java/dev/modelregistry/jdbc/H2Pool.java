package dev.modelregistry.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * The connections of an H2 store: H2's own pool, replaced by a fresh one whenever a connection
 * turned out broken.
 *
 * <p>With {@code AUTO_SERVER=TRUE} the connections of every process except the one hosting the
 * database are TCP connections to that process, and they all break at once when it exits. H2's
 * pool does not check a connection before handing it out again, so each stale connection would
 * fail one more operation attempt; discarding the whole pool after the first failure costs only
 * the reconnection.
 *
 * <p>Besides the pool, the store holds one <em>anchor</em> connection for as long as it is open,
 * renewed after every lost connection. H2 closes a database when its last session ends, and the
 * hosting process may hold its only local session inside one pooled connection: when a
 * connection to a host that went away reconnects by itself (H2's {@code AUTO_RECONNECT}, which
 * {@code AUTO_SERVER} implies) and this process is the one that opens the file, the new embedded
 * session belongs to that connection alone. Discarding the pool then closed the database that
 * this process had just taken over, under every other process connected to it, which had to take
 * it over once more. The anchor keeps the database open until the store closes. This class is
 * thread-safe.
 */
final class H2Pool implements ConnectionFactory {

    /** H2 reads this system property once, when its classes initialize; see {@link #serveOnLoopbackOnly()}. */
    static final String BIND_ADDRESS = "h2.bindAddress";

    private final String url;
    private final String user;
    private final String password;
    private final int maxConnections;
    private final JdbcDataSource anchors = new JdbcDataSource();
    private final AtomicReference<JdbcConnectionPool> current = new AtomicReference<>();
    /** Guarded by this; null while no connection could be had. */
    private Connection anchor;
    private boolean closed;

    H2Pool(String url, String user, String password, int maxConnections) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.maxConnections = maxConnections;
        anchors.setURL(url);
        anchors.setUser(user);
        anchors.setPassword(password);
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
                if (!connection.isClosed()) {
                    return connection;
                }
                closeQuietly(connection);
                if (replaced) {
                    // A new connection whose session has ended already: its database closed
                    // under it. Report it as the lost connection it is, so that the operation
                    // waits and tries again instead of failing on its first statement.
                    throw new SQLNonTransientConnectionException("The new connection to " + url
                            + " was closed at once", "08003");
                }
                // H2's pool hands a connection whose session ended (its host went away) out again
                // without checking it, and such a pool holds more of them: replace it, once.
                replaced = true;
                discardConnections();
            } catch (IllegalStateException e) {
                // The pool was disposed between reading it and asking it: take its successor.
                if (current.get() == pool) {
                    throw e;
                }
            }
        }
    }

    /**
     * Holds a connection outside the pool from now on, so that a database this process hosts stays
     * open while the store is (see the class comment).
     */
    synchronized void anchor() {
        renewAnchor();
    }

    /**
     * Renews the anchor, then replaces the pool by an empty one. The old pool closes its idle
     * connections now and the others when they are returned. The anchor is renewed first so that
     * the sessions the old pool closes are never the last ones of a database this process hosts.
     */
    synchronized void discardConnections() {
        if (!closed) {
            renewAnchor();
            current.getAndSet(newPool()).dispose();
        }
    }

    /**
     * Opens a new anchor connection, then closes the old one. If this process hosts the database,
     * the new connection is a local session of it; otherwise it is a TCP connection to the host.
     * During a takeover no connection may be had: the old anchor, if any, stays, and the next lost
     * connection tries again.
     */
    private void renewAnchor() {
        Connection fresh;
        try {
            fresh = anchors.getConnection();
        } catch (SQLException | RuntimeException e) {
            return;
        }
        Connection old = anchor;
        anchor = fresh;
        if (old != null) {
            closeQuietly(old);
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
            if (anchor != null) {
                closeQuietly(anchor);
                anchor = null;
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // its session is gone already; nothing is left to release
        }
    }

    private JdbcConnectionPool newPool() {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, user, password);
        pool.setMaxConnections(maxConnections);
        return pool;
    }
}
