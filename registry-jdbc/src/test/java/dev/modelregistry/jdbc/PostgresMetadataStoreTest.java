package dev.modelregistry.jdbc;

import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.testkit.Databases;
import dev.modelregistry.testkit.MetadataStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * The metadata contract on PostgreSQL, through the pool the store creates from a URL. The class
 * has a schema of its own, emptied before each test: emptying the tables is faster than creating
 * and migrating a new schema per test, which on a busy server takes up to a second. Skipped
 * without a server unless {@code CI=true}; see {@link Databases}.
 */
class PostgresMetadataStoreTest extends MetadataStoreContract {

    private static Databases.Scratch schema;

    @Override
    protected MetadataStore newStore() {
        // Here rather than in @BeforeAll, so that a missing server shows as skipped tests.
        Databases.Server server = Databases.postgres();
        if (schema == null) {
            schema = server.createScratch();
        } else {
            schema.clearRegistry();
        }
        return JdbcMetadataStore.create(schema.url(), server.user(), server.password());
    }

    @Override
    protected MetadataStore openAgain() {
        Databases.Server server = Databases.postgres();
        return JdbcMetadataStore.create(schema.url(), server.user(), server.password());
    }

    @AfterEach
    void closeStore() {
        // Before the next test empties the tables; the contract closes it again, which is harmless.
        if (store != null) {
            store.close();
        }
    }

    @AfterAll
    static void drop() {
        if (schema != null) {
            schema.close();
            schema = null;
        }
    }
}
