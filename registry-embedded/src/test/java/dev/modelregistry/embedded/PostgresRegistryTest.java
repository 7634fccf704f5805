package dev.modelregistry.embedded;

import dev.modelregistry.Registry;
import dev.modelregistry.testkit.RegistryContract;
import dev.modelregistry.testkit.Databases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/** The whole registry contract on PostgreSQL metadata and a directory of files; skipped without a server unless {@code CI=true}. */
class PostgresRegistryTest extends RegistryContract {

    private static final ServerWiring WIRING = new ServerWiring(Databases.Kind.POSTGRESQL);

    @Override
    protected Registry open(Path dir, Clock clock, String principal) {
        return WIRING.open(dir, clock, principal);
    }

    @Override
    protected Set<String> storedBlobs() {
        return Blobs.in(dir);
    }

    @AfterAll
    static void drop() {
        WIRING.drop();
    }
}
