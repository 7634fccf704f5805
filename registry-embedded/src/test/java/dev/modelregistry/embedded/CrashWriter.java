package dev.modelregistry.embedded;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/**
 * Child process of {@link CrashTest}: registers versions in a loop, promoting every third, and prints
 * each acknowledged operation only after the registry returned, so every printed line is a promise
 * the registry must keep after a {@code kill -9}.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        Random random = new Random();
        try (Registry registry = EmbeddedRegistry.open(root)) {
            System.out.println("READY");
            System.out.flush();
            for (int i = 0; ; i++) {
                byte[] payload = new byte[1024 + random.nextInt(64 * 1024)];
                random.nextBytes(payload);
                ModelVersion v = registry.register("crash-model")
                        .content("weights.bin", payload)
                        .content("note.txt", ("iteration " + i).getBytes(StandardCharsets.UTF_8))
                        .commit();
                System.out.println("COMMITTED " + v.version() + " " + v.digest());
                System.out.flush();
                if (v.version() % 3 == 0) {
                    registry.transition(v, Stage.PRODUCTION, "crash loop");
                    System.out.println("PROMOTED " + v.version());
                    System.out.flush();
                }
            }
        }
    }
}
