package dev.modelregistry.embedded;

import dev.modelregistry.Registry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Journal tampering on the embedded default's H2 file, reached through H2's automatic server. */
class EmbeddedJournalTamperTest extends JournalTamperContract {

    @Override
    Registry open(Path dir) {
        return EmbeddedRegistry.at(dir).open();
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + EmbeddedRegistry.databasePath(dir).toAbsolutePath()
                + ";AUTO_SERVER=TRUE", "sa", "");
    }
}
