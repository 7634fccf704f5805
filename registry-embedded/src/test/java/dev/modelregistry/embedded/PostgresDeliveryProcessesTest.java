package dev.modelregistry.embedded;

import dev.modelregistry.testkit.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Delivering processes on one registry whose metadata is in PostgreSQL and whose files are in a
 * shared directory. Skipped without a server unless {@code CI=true}; see {@link Databases}.
 */
class PostgresDeliveryProcessesTest extends DeliveryProcessesContract {

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
    protected void afterChildren() {
        if (schema != null) {
            schema.close();
        }
    }
}
