package dev.modelregistry.examples;

import dev.modelregistry.GateRefusedException;
import dev.modelregistry.Gates;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.core.InMemoryArtifactStore;
import dev.modelregistry.core.InMemoryMetadataStore;
import dev.modelregistry.core.Registries;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Promotion gates: PRODUCTION only after STAGING, with auc of at least 0.9 and a passed holdout
 * evaluation. The first attempt is refused with every unmet gate listed; after the evidence is
 * recorded, the same move goes through; a later release is rolled back in one call. Runs on a
 * throw-away in-memory registry.
 */
public final class GateTour {

    private GateTour() {
    }

    /**
     * Runs the tour and prints what it sees.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (Registry registry = Registries.builder()
                .metadataStore(new InMemoryMetadataStore())
                .artifactStore(new InMemoryArtifactStore())
                .gate(Stage.PRODUCTION, Gates.previouslyIn(Stage.STAGING))
                .gate(Stage.PRODUCTION, Gates.metricAtLeast("auc", 0.9))
                .gate(Stage.PRODUCTION, Gates.evaluationPassed("holdout"))
                .build()) {
            ModelVersion v = registry.register("fraud-detector")
                    .content("model.onnx", "weights".getBytes(StandardCharsets.UTF_8))
                    .metric("auc", 0.93)
                    .commit();
            try {
                registry.transition(v, Stage.PRODUCTION, "ship it");
            } catch (GateRefusedException e) {
                e.unmet().forEach(why -> System.out.println("refused: " + why));
            }

            registry.transition(v, Stage.STAGING, "candidate");
            registry.evaluate(v.ref(), "holdout", Map.of("auc", 0.92), true, "10,000 held-out rows");
            System.out.println("now " + registry.transition(v, Stage.PRODUCTION, "gates met").stage().name());

            // v2 also meets the gates and ships, then misbehaves: one call puts v1 back.
            ModelVersion v2 = registry.register("fraud-detector")
                    .content("model.onnx", "weights 2".getBytes(StandardCharsets.UTF_8))
                    .metric("auc", 0.95)
                    .commit();
            registry.transition(v2, Stage.STAGING, "candidate");
            registry.evaluate(v2.ref(), "holdout", Map.of("auc", 0.94), true, "10,000 held-out rows");
            registry.transition(v2, Stage.PRODUCTION, "gates met");
            ModelVersion back = registry.rollback("fraud-detector", Stage.PRODUCTION, "v2 misbehaves in production");
            System.out.println("rolled back to v" + back.version());
        }
    }
}
