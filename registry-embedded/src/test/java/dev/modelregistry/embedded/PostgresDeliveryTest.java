package dev.modelregistry.embedded;

import dev.modelregistry.Registry;
import dev.modelregistry.testkit.Databases;
import dev.modelregistry.testkit.DeliveryContract;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery suite with metadata in a PostgreSQL schema and files in a directory. Skipped without
 * a server unless {@code CI=true}; see {@link Databases}.
 */
class PostgresDeliveryTest extends DeliveryContract {

    private static final ServerWiring WIRING = new ServerWiring(Databases.Kind.POSTGRESQL);

    @TempDir
    Path dir;

    @Override
    protected Registry open() {
        return WIRING.open(dir, Clock.systemUTC(), "carol");
    }

    @AfterAll
    static void drop() {
        WIRING.drop();
    }
}
