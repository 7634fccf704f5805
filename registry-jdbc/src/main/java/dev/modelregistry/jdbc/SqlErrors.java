package dev.modelregistry.jdbc;

import java.sql.SQLException;
import java.util.Set;

/** Classifies database errors by SQLState and vendor code, for the databases this module supports. */
final class SqlErrors {

    /** Serialization failure (H2 deadlock, PostgreSQL, MariaDB deadlock), PostgreSQL deadlock, lock timeout. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "HYT00", "55P03");

    /** H2: lock timeout (50200) and concurrent update (90131); MariaDB/MySQL: lock wait timeout, deadlock. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(50200, 90131, 1205, 1213);

    private static final int MYSQL_DUPLICATE_KEY = 1062;

    private SqlErrors() {
    }

    /** Whether retrying the whole transaction may succeed: it lost a lock race, nothing is broken. */
    static boolean isTransient(Throwable failure) {
        for (SQLException e = sqlCause(failure); e != null; e = e.getNextException()) {
            if (TRANSIENT_STATES.contains(e.getSQLState()) || TRANSIENT_CODES.contains(e.getErrorCode())) {
                return true;
            }
        }
        return false;
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
