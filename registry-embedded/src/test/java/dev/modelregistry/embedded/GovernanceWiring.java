package dev.modelregistry.embedded;

import dev.modelregistry.Gate;
import dev.modelregistry.Lifecycle;
import dev.modelregistry.Stage;
import dev.modelregistry.core.RegistryBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** What the governance suite asks of a builder: the lifecycle, the stages' and aliases' gates. */
final class GovernanceWiring {

    private GovernanceWiring() {
    }

    static UnaryOperator<RegistryBuilder> configure(Lifecycle lifecycle, Map<Stage, List<Gate>> stageGates,
                                                    Map<String, List<Gate>> aliasGates) {
        return builder -> {
            builder.lifecycle(lifecycle);
            stageGates.forEach((stage, gates) -> gates.forEach(g -> builder.gate(stage, g)));
            aliasGates.forEach((alias, gates) -> gates.forEach(g -> builder.protectAlias(alias, g)));
            return builder;
        };
    }
}
