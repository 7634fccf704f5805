package dev.modelregistry.core;

import dev.modelregistry.Registry;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Subject;
import dev.modelregistry.testkit.AccessScenariosContract;
import java.util.Set;

class InMemoryAccessTest extends AccessScenariosContract {

    @Override
    protected Registry open(Principal principal, AccessPolicy policy, Set<Subject> admins) {
        RegistryBuilder builder = Registries.builder().metadataStore(new InMemoryMetadataStore())
                .artifactStore(new InMemoryArtifactStore()).principal(principal).accessPolicy(policy);
        admins.forEach(builder::admin);
        return builder.build();
    }
}
