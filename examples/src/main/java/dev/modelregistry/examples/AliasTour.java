package dev.modelregistry.examples;

import dev.modelregistry.Evaluation;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.core.Registries;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Aliases, evaluations and references: point {@code champion} and {@code challenger} at versions,
 * record a test's outcome as evidence on a version, move an alias, and resolve the references a
 * serving application keeps in its configuration file. Runs on a
 * throw-away in-memory registry; the same code works on every backend.
 */
public final class AliasTour {

    private AliasTour() {
    }

    /**
     * Runs the tour and prints what it sees.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (Registry registry = Registries.inMemory()) {
            ModelVersion v1 = register(registry, "weights v1");
            ModelVersion v2 = register(registry, "weights v2");
            registry.transition(v1, Stage.PRODUCTION, "first release");
            registry.setAlias(v1.ref(), "champion");
            registry.setAlias(v2.ref(), "challenger");

            // The challenger's holdout test passed: record the evidence, then move the champion to it.
            Evaluation holdout = registry.as("ci").evaluate(v2.ref(), "holdout-2026-12",
                    Map.of("auc", 0.94, "delta_auc", 0.012), true, "10,000 held-out rows");
            System.out.println("evaluation " + holdout.sequence() + " of v2 passed: " + holdout.passed());
            registry.setAlias(v2.ref(), "champion");
            registry.removeAlias("fraud-detector", "challenger");

            for (String reference : new String[] {"fraud-detector@champion", "fraud-detector@PRODUCTION",
                    "fraud-detector@latest", "fraud-detector@1"}) {
                System.out.println(reference + " -> v" + registry.resolve(reference).orElseThrow().version());
            }
            System.out.println("aliases: " + registry.aliases("fraud-detector"));
            registry.modelChanges("fraud-detector").forEach(c ->
                    System.out.println(c.field() + ": " + c.oldValue() + " -> " + c.newValue() + " by " + c.actor()));
        }
    }

    private static ModelVersion register(Registry registry, String weights) {
        return registry.register("fraud-detector")
                .content("model.onnx", weights.getBytes(StandardCharsets.UTF_8))
                .commit();
    }
}
