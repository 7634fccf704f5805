package dev.modelregistry.embedded;

import dev.modelregistry.Registry;
import dev.modelregistry.testkit.BadInputContract;
import dev.modelregistry.testkit.Databases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/** The bad-input contract on PostgreSQL metadata and a directory of files; skipped without a server unless {@code CI=true}. */
class PostgresBadInputTest extends BadInputContract {

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
