package dev.modelregistry.jdbc;

import dev.modelregistry.testkit.Databases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/** {@link ServerDatabaseTest} on MariaDB; the store's connections are those using the test's database. */
class MariaDbDatabaseTest extends ServerDatabaseTest {

    @Override
    protected Databases.Server server() {
        return Databases.mariaDb();
    }

    @Override
    protected String storeUrl() {
        return scratch.url();
    }

    @Override
    protected void killStoreConnections(Connection admin) throws SQLException {
        Set<Long> ids = PostgresDatabaseTest.ids(admin, "SELECT ID FROM information_schema.PROCESSLIST"
                + " WHERE DB = ? AND ID <> CONNECTION_ID()", scratch.name());
        try (Statement s = admin.createStatement()) {
            for (long id : ids) {
                try {
                    s.execute("KILL CONNECTION " + id);
                } catch (SQLException e) {
                    // 1094: the connection ended by itself meanwhile.
                    if (e.getErrorCode() != 1094) {
                        throw e;
                    }
                }
            }
        }
    }

    @Override
    protected Set<Long> storeConnectionsWaitingForLock(Connection admin) throws SQLException {
        // Not information_schema.INNODB_TRX: it does not list a READ COMMITTED transaction that
        // waits for its first lock. The only lock the tests block on is a model row's, which a
        // change set takes first.
        return PostgresDatabaseTest.ids(admin, "SELECT ID FROM information_schema.PROCESSLIST"
                + " WHERE DB = ? AND ID <> CONNECTION_ID() AND INFO LIKE 'SELECT next_version FROM models %FOR UPDATE'",
                scratch.name());
    }
}
