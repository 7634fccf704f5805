package dev.modelregistry.jdbc;

import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.testkit.Databases;
import dev.modelregistry.testkit.MetadataStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * The metadata contract on MariaDB, through the pool the store creates from a URL. The class
 * has a database of its own, emptied before each test: emptying the tables is faster than creating
 * and migrating a new database per test, which on a busy server takes up to a second. Skipped
 * without a server unless {@code CI=true}; see {@link Databases}.
 */
class MariaDbMetadataStoreTest extends MetadataStoreContract {

    private static Databases.Scratch database;

    @Override
    protected MetadataStore newStore() {
        // Here rather than in @BeforeAll, so that a missing server shows as skipped tests.
        Databases.Server server = Databases.mariaDb();
        if (database == null) {
            database = server.createScratch();
        } else {
            database.clearRegistry();
        }
        return JdbcMetadataStore.create(database.url(), server.user(), server.password());
    }

    @Override
    protected MetadataStore openAgain() {
        Databases.Server server = Databases.mariaDb();
        return JdbcMetadataStore.create(database.url(), server.user(), server.password());
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
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
