package dev.modelregistry.jdbc;

import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.testkit.MetadataStoreContract;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata contract on a fresh H2 file database per test: the embedded default, with its
 * durability and lock-timeout settings, which the in-memory variant does not exercise.
 */
class H2FileMetadataStoreTest extends MetadataStoreContract {

    @TempDir
    static Path directory;

    private Path database;

    @Override
    protected MetadataStore newStore() {
        database = directory.resolve(UUID.randomUUID().toString()).resolve("metadata");
        return JdbcMetadataStore.h2File(database);
    }

    @Override
    protected MetadataStore openAgain() {
        return JdbcMetadataStore.h2File(database);
    }
}
