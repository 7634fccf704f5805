package dev.modelregistry.jdbc;

import dev.modelregistry.testkit.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/** {@link ServerDatabaseTest} on PostgreSQL; the store's connections carry the schema's name as application name. */
class PostgresDatabaseTest extends ServerDatabaseTest {

    @Override
    protected Databases.Server server() {
        return Databases.postgres();
    }

    @Override
    protected String storeUrl() {
        return scratch.url() + "&ApplicationName=" + scratch.name();
    }

    @Override
    protected void killStoreConnections(Connection admin) throws SQLException {
        terminateBackends(admin, scratch.name());
    }

    @Override
    protected Set<Long> storeConnectionsWaitingForLock(Connection admin) throws SQLException {
        return ids(admin, "SELECT pid FROM pg_stat_activity WHERE application_name = ? AND wait_event_type = 'Lock'",
                scratch.name());
    }

    /** Ends the sessions of an application as {@code pg_terminate_backend} does: the client sees SQLState 57P01. */
    static void terminateBackends(Connection admin, String applicationName) throws SQLException {
        try (PreparedStatement s = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            s.setString(1, applicationName);
            s.executeQuery().close();
        }
    }

    static Set<Long> ids(Connection admin, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = admin.prepareStatement(sql)) {
            s.setString(1, parameter);
            Set<Long> ids = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }
}
