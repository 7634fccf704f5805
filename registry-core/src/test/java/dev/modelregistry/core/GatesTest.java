package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.Gates;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Stage;
import dev.modelregistry.StandardStage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gates that cannot be configured are refused when the registry is built (the gates themselves: GovernanceContract). */
class GatesTest {

    @Test
    void aGateOnAStageTheLifecycleDoesNotHaveIsRefusedWhenTheRegistryIsBuilt() {
        Stage testing = () -> "TESTING";
        assertThatThrownBy(() -> Registries.builder().metadataStore(new InMemoryMetadataStore())
                .artifactStore(new InMemoryArtifactStore()).gate(testing, Gates.metricAtLeast("auc", 0.5)).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo("TESTING"));
        assertThat(List.of(StandardStage.values())).extracting(Stage::name).doesNotContain("TESTING");
    }

    @Test
    void anApprovalsGateOrABadAliasCannotProtectAnAlias() {
        assertThatThrownBy(() -> Registries.builder().protectAlias("champion", Gates.approvals(1)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Registries.builder().metadataStore(new InMemoryMetadataStore())
                .artifactStore(new InMemoryArtifactStore()).protectAlias("PRODUCTION", Gates.metricAtLeast("auc", 1))
                .build()).isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.value()).isEqualTo("PRODUCTION"));
    }
}
