package dev.modelregistry.core;

import dev.modelregistry.Registry;
import dev.modelregistry.testkit.GovernanceContract;
import dev.modelregistry.testkit.RegistryInvariantsContract;
import org.junit.jupiter.api.AfterEach;

/** The random operation sequences of {@link RegistryInvariantsContract} on a custom lifecycle. */
class CustomLifecycleInvariantsTest extends RegistryInvariantsContract {

    private final Registry registry = Registries.builder().metadataStore(new InMemoryMetadataStore())
            .artifactStore(new InMemoryArtifactStore()).lifecycle(GovernanceContract.CANARY).build();

    @Override
    protected Registry registry() {
        return registry;
    }

    @AfterEach
    void close() {
        registry.close();
    }
}
