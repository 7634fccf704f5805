package dev.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.IncompatibleLifecycleException;
import dev.modelregistry.Lifecycle;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.core.InMemoryArtifactStore;
import dev.modelregistry.core.Registries;
import dev.modelregistry.jdbc.JdbcMetadataStore;
import dev.modelregistry.journal.Operations;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle is recorded in the metadata store and checked whenever a registry opens it. */
class RecordedLifecycleTest {

    private static final Lifecycle CANARY = Lifecycle.builder()
            .stages("DRAFT", "CANARY", "LIVE", "RETIRED")
            .initial("DRAFT")
            .allow("DRAFT", "CANARY").allow("CANARY", "LIVE").allow("LIVE", "RETIRED")
            .exclusive("LIVE", "RETIRED")
            .build();

    private static final Lifecycle CANARY_WITH_SHADOW = Lifecycle.builder()
            .stages("DRAFT", "CANARY", "SHADOW", "LIVE", "RETIRED")
            .initial("DRAFT")
            .allow("DRAFT", "CANARY", "SHADOW").allow("CANARY", "LIVE").allow("SHADOW", "LIVE").allow("LIVE", "RETIRED")
            .exclusive("LIVE", "RETIRED")
            .build();

    @TempDir
    Path dir;

    private Registry open(Lifecycle lifecycle) {
        return Registries.builder().metadataStore(JdbcMetadataStore.h2File(dir.resolve("metadata")))
                .artifactStore(new InMemoryArtifactStore()).lifecycle(lifecycle).build();
    }

    @Test
    void aLifecycleThatLacksARecordedStageIsRefusedAndACompatibleExtensionIsRecorded() {
        try (Registry registry = open(CANARY)) {
            registry.register("fraud").content("m", new byte[] {1}).commit();
        }

        assertThatThrownBy(() -> open(Lifecycle.standard()))
                .isInstanceOfSatisfying(IncompatibleLifecycleException.class, e -> assertThat(e.missingStages())
                        .containsExactly("CANARY", "DRAFT", "LIVE", "RETIRED"));

        try (Registry registry = open(CANARY_WITH_SHADOW)) {
            assertThat(registry.version("fraud", 1).orElseThrow().stage().name()).isEqualTo("DRAFT");
            assertThat(registry.journal().after(0, 100)).filteredOn(e -> e.operation().equals(Operations.LIFECYCLE_RECORDED))
                    .hasSize(2);
        }
        // The extension is what is recorded now: the first lifecycle lacks SHADOW.
        assertThatThrownBy(() -> open(CANARY)).isInstanceOfSatisfying(IncompatibleLifecycleException.class,
                e -> assertThat(e.missingStages()).containsExactly("SHADOW"));
        try (Registry registry = open(CANARY_WITH_SHADOW)) {
            assertThat(registry.journal().after(0, 100)).filteredOn(e -> e.operation().equals(Operations.LIFECYCLE_RECORDED))
                    .as("reopening with the recorded lifecycle records nothing").hasSize(2);
        }
    }

    @Test
    void versionsInStagesALifecycleLacksRefuseItAlsoWithoutARecordedLifecycle() {
        try (Registry registry = open(Lifecycle.standard())) {
            registry.transition(registry.register("fraud").content("m", new byte[] {1}).commit(), Stage.STAGING, "");
        }

        assertThatThrownBy(() -> open(CANARY)).isInstanceOfSatisfying(IncompatibleLifecycleException.class,
                e -> assertThat(e.missingStages()).containsExactly("STAGING"));
    }
}
