package dev.modelregistry.embedded;

import dev.modelregistry.testkit.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Grants and revocations racing a worker's writes from other JVMs on a registry whose metadata is
 * in a MariaDB database and whose files are in a shared directory. Skipped without a server unless
 * {@code CI=true}; see {@link Databases}.
 */
class MariaDbGrantRaceProcessesTest extends GrantRaceProcessesContract {

    private static Databases.Server server;
    private Databases.Scratch database;

    @BeforeAll
    static void requireServer() {
        server = Databases.mariaDb();
    }

    @BeforeEach
    void createDatabase() {
        database = server.createScratch();
    }

    @Override
    protected Backend backend() {
        return Backend.server(database.url(), server.user(), server.password(), dir.resolve("artifacts"));
    }

    @Override
    protected void afterChildren() {
        if (database != null) {
            database.close();
        }
    }
}
