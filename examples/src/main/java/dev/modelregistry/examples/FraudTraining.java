package dev.modelregistry.examples;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.core.Registries;

/**
 * A training job: trains {@link FraudModel} on generated data, registers it with its training
 * accuracy and parameters, and points the {@code challenger} alias at it. The validation test in
 * this module's tests then checks it on held-out data before it may enter PRODUCTION.
 */
public final class FraudTraining {

    /** The model's name in the registry. */
    public static final String MODEL = "fraud-detector";

    private FraudTraining() {
    }

    /** Trains, registers and marks the challenger; returns the registered version. */
    public static ModelVersion trainAndRegister(Registry registry) {
        FraudModel.Data training = FraudModel.generate(1, 5_000);
        FraudModel model = FraudModel.train(training, 300, 0.5);
        ModelVersion v = registry.register(MODEL)
                .content("model.bin", model.toBytes())
                .param("epochs", "300")
                .param("learning_rate", "0.5")
                .metric("train_accuracy", model.accuracy(training))
                .commit();
        registry.setAlias(v.ref(), "challenger");
        return v;
    }

    /**
     * Trains and registers into a throw-away in-memory registry, and prints what it registered.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (Registry registry = Registries.inMemory()) {
            ModelVersion v = trainAndRegister(registry);
            System.out.println("registered " + v.ref() + " with " + v.metrics());
        }
    }
}
