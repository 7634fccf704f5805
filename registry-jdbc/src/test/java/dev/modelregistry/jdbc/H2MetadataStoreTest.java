package dev.modelregistry.jdbc;

import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.testkit.MetadataStoreContract;

/** The metadata contract on a fresh in-memory H2 database per test. */
class H2MetadataStoreTest extends MetadataStoreContract {

    @Override
    protected MetadataStore newStore() {
        return JdbcMetadataStore.h2InMemory();
    }
}
