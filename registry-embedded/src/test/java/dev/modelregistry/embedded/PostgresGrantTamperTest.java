package dev.modelregistry.embedded;

import dev.modelregistry.Registry;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.core.RegistryBuilder;
import dev.modelregistry.testkit.Databases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;

/** Grant tampering on Postgres, with plain SQL on the registry's scratch schema. */
class PostgresGrantTamperTest extends GrantTamperContract {

    private static final ServerWiring WIRING = new ServerWiring(Databases.Kind.POSTGRESQL);

    @AfterAll
    static void drop() {
        WIRING.drop();
    }

    @Override
    Registry open(Path dir, boolean guarded, boolean fresh) {
        UnaryOperator<RegistryBuilder> configure = b -> guarded
                ? b.principal(APP).accessPolicy(AccessPolicy.grants()).admin(APP.subject()) : b.principal(APP);
        return fresh ? WIRING.open(dir, Clock.systemUTC(), APP.id(), configure)
                : WIRING.reopen(dir, Clock.systemUTC(), APP.id(), configure);
    }

    @Override
    Connection connect() throws SQLException {
        return WIRING.scratch().connect();
    }
}
