package dev.modelregistry.embedded;

import dev.modelregistry.Registry;
import dev.modelregistry.testkit.Databases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;

/** Journal tampering on MariaDB, with plain SQL on the registry's scratch schema. */
class MariaDbJournalTamperTest extends JournalTamperContract {

    private static final ServerWiring WIRING = new ServerWiring(Databases.Kind.MARIADB);

    @AfterAll
    static void drop() {
        WIRING.drop();
    }

    @Override
    Registry open(Path dir) {
        return WIRING.open(dir, Clock.systemUTC(), "alice");
    }

    @Override
    Connection connect() throws SQLException {
        return WIRING.scratch().connect();
    }
}
