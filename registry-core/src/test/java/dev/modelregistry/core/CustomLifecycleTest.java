package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.IllegalTransitionException;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Lifecycle;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.Operations;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A custom lifecycle: its own stages, moves and exclusive stage, validated when it is built. */
class CustomLifecycleTest {

    static final Lifecycle CANARY = Lifecycle.builder()
            .stages("DRAFT", "CANARY", "LIVE", "RETIRED")
            .initial("DRAFT")
            .allow("DRAFT", "CANARY", "RETIRED")
            .allow("CANARY", "LIVE", "DRAFT", "RETIRED")
            .allow("LIVE", "RETIRED")
            .allow("RETIRED", "LIVE")
            .exclusive("LIVE", "RETIRED")
            .build();

    @Test
    void versionsMoveThroughTheCustomStagesAndTheExclusiveOneDisplaces() {
        try (Registry registry = Registries.builder().metadataStore(new InMemoryMetadataStore())
                .artifactStore(new InMemoryArtifactStore()).lifecycle(CANARY).build()) {
            Stage canary = CANARY.stage("CANARY");
            Stage live = CANARY.stage("LIVE");
            ModelVersion v1 = registry.register("fraud").content("m", new byte[] {1}).commit();
            ModelVersion v2 = registry.register("fraud").content("m", new byte[] {2}).commit();
            assertThat(v1.stage().name()).isEqualTo("DRAFT");

            registry.transition(v1, canary, "canary");
            registry.transition(v1, live, "live");
            registry.transition(v2, canary, "canary");
            registry.transition(v2, () -> "LIVE", "live, named by a lambda");

            assertThat(registry.version(v1.ref()).orElseThrow().stage().name()).isEqualTo("RETIRED");
            assertThat(registry.resolve("fraud@LIVE")).map(ModelVersion::version).contains(2);
            assertThatThrownBy(() -> registry.transition(v1, canary, "not allowed"))
                    .isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> registry.transition(v1, Stage.PRODUCTION, "not a stage here"))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo("PRODUCTION"));
            assertThat(registry.rollback("fraud", live, "v2 misbehaves").version()).isEqualTo(1);
            List<JournalEntry> journal = registry.journal().after(0, 100);
            assertThat(journal.get(0).operation()).isEqualTo(Operations.LIFECYCLE_RECORDED);
            assertThat(journal.get(0).details()).contains("\"exclusive\":{\"LIVE\":\"RETIRED\"}");
        }
    }

    @Test
    void aLifecycleWithBadNamesOrUnknownStagesIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> Lifecycle.builder().stages("draft")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.value()).isEqualTo("draft"));
        assertThatThrownBy(() -> Lifecycle.builder().stages("A", "A")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Lifecycle.builder().stages("A", "B").initial("C").build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo("C"));
        assertThatThrownBy(() -> Lifecycle.builder().stages("A", "B").initial("A").allow("A", "X").build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo("X"));
        assertThatThrownBy(() -> Lifecycle.builder().stages("A", "B").initial("A").allow("A", "A").build())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Lifecycle.builder().stages("A", "B").initial("A").exclusive("B", "Z").build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo("Z"));
        assertThatThrownBy(() -> Lifecycle.builder().build()).isInstanceOf(InvalidInputException.class);
    }
}
