package dev.modelregistry.core;

import dev.modelregistry.Gate;
import dev.modelregistry.Lifecycle;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.testkit.GovernanceContract;
import java.util.List;
import java.util.Map;

class InMemoryGovernanceTest extends GovernanceContract {

    @Override
    protected Registry open(Lifecycle lifecycle, Map<Stage, List<Gate>> stageGates, Map<String, List<Gate>> aliasGates) {
        RegistryBuilder builder = Registries.builder().metadataStore(new InMemoryMetadataStore())
                .artifactStore(new InMemoryArtifactStore()).lifecycle(lifecycle).principal("carol");
        stageGates.forEach((stage, gates) -> gates.forEach(g -> builder.gate(stage, g)));
        aliasGates.forEach((alias, gates) -> gates.forEach(g -> builder.protectAlias(alias, g)));
        return builder.build();
    }
}
