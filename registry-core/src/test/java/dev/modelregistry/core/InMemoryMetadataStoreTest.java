package dev.modelregistry.core;

import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.testkit.MetadataStoreContract;

class InMemoryMetadataStoreTest extends MetadataStoreContract {

    @Override
    protected MetadataStore newStore() {
        return new InMemoryMetadataStore();
    }
}
