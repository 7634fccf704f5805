package dev.modelregistry.embedded;

import dev.modelregistry.testkit.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The kill loop with metadata in PostgreSQL, whose server rolls back a killed writer's open
 * transaction; fewer kills than on H2, which has the takeover to prove besides. Skipped without a
 * server unless {@code CI=true}; see {@link Databases}.
 */
class PostgresKillLoopTest extends KillLoopContract {

    private static Databases.Server server;
    private Databases.Scratch schema;

    @BeforeAll
    static void requireServer() {
        server = Databases.postgres();
    }

    @BeforeEach
    void createSchema() {
        schema = server.createScratch();
    }

    @Override
    protected Backend backend() {
        return Backend.server(schema.url(), server.user(), server.password(), dir.resolve("artifacts"));
    }

    @Override
    protected int rounds() {
        return 3;
    }

    @Override
    protected void afterChildren() {
        if (schema != null) {
            schema.close();
        }
    }
}
