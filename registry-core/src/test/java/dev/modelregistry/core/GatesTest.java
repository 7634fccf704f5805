package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.GateRefusedException;
import dev.modelregistry.Gates;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.StandardStage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Promotion gates: every unmet gate is named, nothing changes, and a move passes once they are met. */
class GatesTest {

    private final Registry registry = Registries.builder()
            .metadataStore(new InMemoryMetadataStore())
            .artifactStore(new InMemoryArtifactStore())
            .clock(Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC))
            .principal("alice")
            .gate(Stage.PRODUCTION, Gates.metricAtLeast("auc", 0.9))
            .gate(Stage.PRODUCTION, Gates.evaluationPassed("holdout"))
            .gate(Stage.PRODUCTION, Gates.previouslyIn(Stage.STAGING))
            .gate(Stage.PRODUCTION, Gates.beatsOccupants("auc"))
            .build();

    @AfterEach
    void close() {
        registry.close();
    }

    private ModelVersion register(double auc) {
        return registry.register("fraud").content("model.bin", Double.toString(auc).getBytes()).metric("auc", auc)
                .commit();
    }

    @Test
    void aMoveIntoAGatedStageIsRefusedNamingEveryUnmetGateAndChangesNothing() {
        ModelVersion v = register(0.87);
        long head = registry.journal().head();

        assertThatThrownBy(() -> registry.transition(v, Stage.PRODUCTION, "ship it"))
                .isInstanceOfSatisfying(GateRefusedException.class, e -> {
                    assertThat(e.ref()).isEqualTo(v.ref());
                    assertThat(e.stage()).isEqualTo(Stage.PRODUCTION);
                    assertThat(e.unmet()).containsExactly("auc >= 0.9: auc is 0.87",
                            "evaluation holdout passed: it has no evaluation holdout",
                            "was in STAGING before: it never was in STAGING");
                    assertThat(e).hasMessageContaining("auc is 0.87").hasMessageContaining("never was in STAGING");
                });

        assertThat(registry.version(v.ref()).orElseThrow().stage()).isEqualTo(Stage.DEVELOPMENT);
        assertThat(registry.history(v.ref())).hasSize(1);
        assertThat(registry.journal().head()).isEqualTo(head);
    }

    @Test
    void aVersionThatMeetsEveryGateEntersAndAFailedEvaluationKeepsItOut() {
        ModelVersion v = register(0.93);
        registry.transition(v, Stage.STAGING, "candidate");
        registry.evaluate(v.ref(), "holdout", Map.of("auc", 0.92), false, "first run");
        assertThatThrownBy(() -> registry.transition(v, Stage.PRODUCTION, "ship it"))
                .isInstanceOfSatisfying(GateRefusedException.class, e -> assertThat(e.unmet())
                        .containsExactly("evaluation holdout passed: its evaluation 1 of holdout failed"));

        registry.evaluate(v.ref(), "holdout", Map.of("auc", 0.93), true, "second run");
        ModelVersion promoted = registry.transition(v, Stage.PRODUCTION, "ship it");

        assertThat(promoted.stage()).isEqualTo(Stage.PRODUCTION);
    }

    @Test
    void aChallengerMustBeatTheVersionInTheStage() {
        ModelVersion champion = promote(register(0.95));
        ModelVersion challenger = register(0.94);
        registry.transition(challenger, Stage.STAGING, "candidate");
        registry.evaluate(challenger.ref(), "holdout", Map.of(), true, "");

        assertThatThrownBy(() -> registry.transition(challenger, Stage.PRODUCTION, "ship it"))
                .isInstanceOfSatisfying(GateRefusedException.class, e -> assertThat(e.unmet())
                        .containsExactly("auc higher than the versions in the stage: auc is 0.94, v1 has 0.95"));
        assertThat(registry.find("fraud", Stage.PRODUCTION)).map(ModelVersion::version).contains(champion.version());
    }

    @Test
    void otherStagesAreNotGated() {
        ModelVersion v = register(0.1);
        assertThat(registry.transition(v, Stage.STAGING, "candidate").stage()).isEqualTo(Stage.STAGING);
    }

    @Test
    void aGateOnAStageTheLifecycleDoesNotHaveIsRefusedWhenTheRegistryIsBuilt() {
        Stage testing = () -> "TESTING";
        assertThatThrownBy(() -> Registries.builder().metadataStore(new InMemoryMetadataStore())
                .artifactStore(new InMemoryArtifactStore()).gate(testing, Gates.metricAtLeast("auc", 0.5)).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo("TESTING"));
        assertThat(List.of(StandardStage.values())).extracting(Stage::name).doesNotContain("TESTING");
    }

    @Test
    void aProtectedAliasMovesOnlyOntoAVersionThatMeetsItsGates() {
        try (Registry protectedRegistry = Registries.builder()
                .metadataStore(new InMemoryMetadataStore())
                .artifactStore(new InMemoryArtifactStore())
                .protectAlias("champion", Gates.evaluationPassed("shadow"))
                .protectAlias("champion", Gates.beatsOccupants("auc"))
                .build()) {
            ModelVersion v1 = protectedRegistry.register("fraud").content("m", new byte[] {1}).metric("auc", 0.9).commit();
            ModelVersion v2 = protectedRegistry.register("fraud").content("m", new byte[] {2}).metric("auc", 0.8).commit();
            protectedRegistry.evaluate(v1.ref(), "shadow", Map.of(), true, "");
            protectedRegistry.setAlias(v1.ref(), "champion");
            protectedRegistry.setAlias(v2.ref(), "challenger");
            long head = protectedRegistry.journal().head();

            assertThatThrownBy(() -> protectedRegistry.setAlias(v2.ref(), "champion"))
                    .isInstanceOfSatisfying(GateRefusedException.class, e -> {
                        assertThat(e.alias()).isEqualTo("champion");
                        assertThat(e.unmet()).containsExactly("evaluation shadow passed: it has no evaluation shadow",
                                "auc higher than the versions in the stage: auc is 0.8, v1 has 0.9");
                    });

            assertThat(protectedRegistry.aliases("fraud")).containsEntry("champion", 1);
            assertThat(protectedRegistry.journal().head()).isEqualTo(head);
        }
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

    private ModelVersion promote(ModelVersion v) {
        registry.transition(v, Stage.STAGING, "candidate");
        registry.evaluate(v.ref(), "holdout", Map.of(), true, "");
        return registry.transition(v, Stage.PRODUCTION, "first release");
    }
}
