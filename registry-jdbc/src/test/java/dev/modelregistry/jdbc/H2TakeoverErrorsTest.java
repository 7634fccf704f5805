package dev.modelregistry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.h2.message.DbException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The errors H2 raised in processes sharing a file database while the hosting process was killed
 * or exited normally and another took over (observed with 2.4.240), classified as lost connections, which the store
 * retries; and the ones no retry heals, which it does not.
 */
class H2TakeoverErrorsTest {

    @ParameterizedTest(name = "H2 error {0}")
    @ValueSource(ints = {
        90067, // "Connection is broken": the host died under an open connection
        90121, // "Database is already closed": a pooled connection to the dead host
        90098, // "The database has been closed"
        90020, // "Database may be already in use": another process is taking over
        8000,  // "Error opening database: Lock file recently modified / Another process was faster"
        90135, // "The database is open in exclusive mode": another opener is migrating it
        50000, // general error: the host closed the session under a running statement on normal exit
    })
    void errorsDuringATakeoverAreLostConnections(int code) {
        assertThat(SqlErrors.isConnectionLoss(h2(code))).isTrue();
    }

    @ParameterizedTest(name = "H2 error {0}")
    @ValueSource(ints = {90013, 90146, 23505, 42102})
    void databaseNotFoundAndOrdinaryErrorsAreNot(int code) {
        assertThat(SqlErrors.isConnectionLoss(h2(code))).isFalse();
    }

    private static SQLException h2(int code) {
        return DbException.get(code, "x").getSQLException();
    }
}
