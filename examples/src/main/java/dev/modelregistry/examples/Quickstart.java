package dev.modelregistry.examples;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.embedded.EmbeddedRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Registers a model version in an embedded registry, promotes it to production, then finds the
 * production version the way a serving job would and reads its file, verified.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am -DskipTests package exec:java}; pass a directory as
 * the first argument to choose where the registry lives (default {@code ./model-registry}).
 */
public final class Quickstart {

    private Quickstart() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "model-registry");
        Path model = trainModel();

        try (Registry registry = EmbeddedRegistry.open(root)) {
            ModelVersion v = registry.register("fraud-detector")
                    .file(model)                                   // a file or a whole directory
                    .param("max_depth", "6")
                    .metric("auc", 0.931)
                    .tag("team", "risk")
                    .commit();                                     // fraud-detector vN, in DEVELOPMENT
            registry.transition(v, Stage.PRODUCTION, "beats the previous version on holdout");

            ModelVersion prod = registry.find("fraud-detector", Stage.PRODUCTION).orElseThrow();
            try (InputStream in = registry.open(prod, "model.onnx")) {   // verified against its SHA-256
                report(registry, v, prod, in.readAllBytes());
            }
        }
    }

    private static void report(Registry registry, ModelVersion registered, ModelVersion prod, byte[] bytes) {
        System.out.printf("registered %s (%d file, digest %s...)%n", registered.ref(), registered.files().size(),
                registered.digest().substring(0, 12));
        System.out.printf("%s is in %s%n", prod.ref(), prod.stage().name());
        System.out.printf("read %s model.onnx: %d bytes, SHA-256 verified: %s%n", prod.ref(), bytes.length,
                new String(bytes, StandardCharsets.UTF_8).strip());
        System.out.println("versions of fraud-detector, newest first:");
        for (ModelVersion each : registry.versions("fraud-detector")) {
            System.out.printf("  v%-3d %-11s auc=%.3f  by %s at %s%n", each.version(), each.stage().name(),
                    each.metrics().get("auc"), each.createdBy(), each.createdAt());
        }
    }

    /** Stands in for a training job: writes a small model file to a temporary directory. */
    private static Path trainModel() throws IOException {
        Path dir = Files.createTempDirectory("quickstart-model");
        Path file = dir.resolve("model.onnx");
        Files.writeString(file, "pretend ONNX graph trained at " + System.currentTimeMillis() + "\n");
        file.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return file;
    }
}
