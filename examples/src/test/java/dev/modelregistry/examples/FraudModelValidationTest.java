package dev.modelregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.GateRefusedException;
import dev.modelregistry.Gates;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.core.InMemoryArtifactStore;
import dev.modelregistry.core.InMemoryMetadataStore;
import dev.modelregistry.core.Registries;
import dev.modelregistry.junit.Candidate;
import dev.modelregistry.junit.Evaluates;
import dev.modelregistry.junit.ModelRegistryExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Validating a candidate before promotion: a training job registers the model as the challenger,
 * this test loads it from the registry by its alias and checks it on held-out data, the extension
 * records the outcome as the {@code holdout} evaluation, and the PRODUCTION gate opens only once
 * that evaluation passed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FraudModelValidationTest {

    @RegisterExtension
    static final ModelRegistryExtension REGISTRY = ModelRegistryExtension.using(() -> Registries.builder()
            .metadataStore(new InMemoryMetadataStore())
            .artifactStore(new InMemoryArtifactStore())
            .gate(Stage.PRODUCTION, Gates.evaluationPassed("holdout"))
            .build());

    @BeforeAll
    static void train(Registry registry) {
        FraudTraining.trainAndRegister(registry);
    }

    @Test
    @Order(1)
    void productionIsClosedBeforeTheHoldoutTestPassed(Registry registry) {
        ModelVersion challenger = registry.resolve("fraud-detector@challenger").orElseThrow();

        assertThatThrownBy(() -> registry.transition(challenger, Stage.PRODUCTION, "too early"))
                .isInstanceOf(GateRefusedException.class)
                .hasMessageContaining("evaluation holdout passed");
    }

    @Test
    @Order(2)
    @Evaluates(value = "fraud-detector@challenger", name = "holdout")
    void theChallengerIsAccurateOnHeldOutData(Candidate candidate) {
        FraudModel model = FraudModel.fromBytes(candidate.read("model.bin"));

        double accuracy = model.accuracy(FraudModel.generate(99, 2_000));
        candidate.metric("accuracy", accuracy);

        assertThat(accuracy).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    @Order(3)
    void productionOpensOnceTheHoldoutTestPassed(Registry registry) {
        ModelVersion challenger = registry.resolve("fraud-detector@challenger").orElseThrow();

        ModelVersion released = registry.transition(challenger, Stage.PRODUCTION, "holdout passed");

        assertThat(released.stage()).isEqualTo(Stage.PRODUCTION);
        assertThat(registry.evaluations(challenger.ref())).singleElement()
                .satisfies(e -> assertThat(e.metrics().get("accuracy")).isGreaterThanOrEqualTo(0.9));
    }
}
