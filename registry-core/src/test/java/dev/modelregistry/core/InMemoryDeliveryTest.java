package dev.modelregistry.core;

import dev.modelregistry.Registry;
import dev.modelregistry.testkit.DeliveryContract;

class InMemoryDeliveryTest extends DeliveryContract {

    @Override
    protected Registry open() {
        return Registries.builder().metadataStore(new InMemoryMetadataStore()).artifactStore(new InMemoryArtifactStore())
                .principal("carol").build();
    }
}
