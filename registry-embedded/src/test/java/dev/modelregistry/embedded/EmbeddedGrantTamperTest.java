package dev.modelregistry.embedded;

import dev.modelregistry.Registry;
import dev.modelregistry.access.AccessPolicy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Grant tampering on the embedded default's H2 file, reached through H2's automatic server. */
class EmbeddedGrantTamperTest extends GrantTamperContract {

    @Override
    Registry open(Path dir, boolean guarded, boolean fresh) {
        EmbeddedRegistry embedded = EmbeddedRegistry.at(dir).principal(APP);
        if (guarded) {
            embedded.accessPolicy(AccessPolicy.grants()).admin(APP.subject());
        }
        return embedded.open();
    }

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + EmbeddedRegistry.databasePath(dir).toAbsolutePath()
                + ";AUTO_SERVER=TRUE", "sa", "");
    }
}
