package dev.modelregistry.embedded;

import dev.modelregistry.testkit.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The kill loop with metadata in MariaDB, whose server rolls back a killed writer's open
 * transaction; fewer kills than on H2, which has the takeover to prove besides. Skipped without a
 * server unless {@code CI=true}; see {@link Databases}.
 */
class MariaDbKillLoopTest extends KillLoopContract {

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
    protected int rounds() {
        return 3;
    }

    @Override
    protected void afterChildren() {
        if (database != null) {
            database.close();
        }
    }
}
