package dev.modelregistry.core;

import dev.modelregistry.spi.ArtifactStore;
import dev.modelregistry.testkit.ArtifactStoreContract;
import java.nio.file.Path;

class InMemoryArtifactStoreTest extends ArtifactStoreContract {

    @Override
    protected ArtifactStore newStore(Path dir) {
        return new InMemoryArtifactStore();
    }
}
