package dev.modelregistry.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Classifies database errors by SQLState and vendor code, for the databases this module supports. */
final class SqlErrors {

    /** Serialization failure (H2 deadlock, PostgreSQL, MariaDB deadlock), PostgreSQL deadlock, lock timeout. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "HYT00", "55P03");

    /** H2: lock timeout (50200) and concurrent update (90131); MariaDB/MySQL: lock wait timeout, deadlock. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(50200, 90131, 1205, 1213);

    /**
     * PostgreSQL: the server ended the session (administrator command, crash, shutdown, starting
     * up); MariaDB: the connection was killed (70100 is also a killed query, which rolled back).
     */
    private static final Set<String> CONNECTION_STATES = Set.of("57P01", "57P02", "57P03", "70100");

    /**
     * H2: connection broken (90067), database closed (90098), connection closed (90121); and, while
     * another process takes a shared file database over (see H2Pool), database in use (90020) and
     * error opening the database (8000, "Lock file recently modified", "Another process was
     * faster"), and while another opener migrates it, exclusive mode (90135). Also H2's general
     * error (50000): a hosting process that exits normally closes the sessions of the other
     * processes from its shutdown hook while their statements run, and the statements then fail
     * inside H2 ("this.transferList is null", "Transaction N is closed", "illegally transitioned
     * from ROLLED_BACK to COMMITTED") before their connections break. Such a statement's
     * transaction is gone, committed or not, exactly as with a broken connection. A general error
     * for another reason, an H2 defect, is then retried for a while before it is reported, which a
     * request id makes safe. MariaDB/MySQL: connection killed, server gone away, lost connection,
     * server shutdown.
     */
    private static final Set<Integer> CONNECTION_CODES =
            Set.of(90067, 90098, 90121, 90020, 8000, 90135, 50000, 1927, 2006, 2013, 1053);

    /**
     * H2's "database not found" (90013, 90146): a connection exception by its class, but one that
     * no retry will heal.
     */
    private static final Set<Integer> PERMANENT_CONNECTION_CODES = Set.of(90013, 90146);

    private static final int MYSQL_DUPLICATE_KEY = 1062;
    private static final int H2_ADMIN_RIGHTS_REQUIRED = 90040;

    private SqlErrors() {
    }

    /** Whether retrying the whole transaction may succeed: it lost a lock race, nothing is broken. */
    static boolean isTransient(Throwable failure) {
        for (SQLException e = sqlCause(failure); e != null; e = e.getNextException()) {
            String state = e.getSQLState();
            if (state != null && TRANSIENT_STATES.contains(state) || TRANSIENT_CODES.contains(e.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the failure is a broken or unobtainable connection (SQLState class 08, a server that
     * ended the session, a pool that timed out waiting for a connection), rather than an error in
     * a working session. The transaction on that connection is gone, committed or not.
     */
    static boolean isConnectionLoss(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException && PERMANENT_CONNECTION_CODES.contains(((SQLException) t).getErrorCode())) {
                return false;
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException) {
                SQLException e = (SQLException) t;
                String state = e.getSQLState();
                if (state != null && (state.startsWith("08") || CONNECTION_STATES.contains(state))
                        || CONNECTION_CODES.contains(e.getErrorCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the failure is H2's refusal of a statement that needs admin rights. */
    static boolean isAdminRightsRequired(Throwable failure) {
        SQLException e = sqlCause(failure);
        return e != null && e.getErrorCode() == H2_ADMIN_RIGHTS_REQUIRED;
    }

    /** Whether the failure is a unique or primary key violation. */
    static boolean isUniqueViolation(Throwable failure) {
        SQLException e = sqlCause(failure);
        return e != null && ("23505".equals(e.getSQLState()) || e.getErrorCode() == MYSQL_DUPLICATE_KEY);
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return (SQLException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
