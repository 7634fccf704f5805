package dev.modelregistry.jdbc;

import dev.modelregistry.FileEntry;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.testkit.StoreOps;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Registers versions of model {@code durable} into the H2 file database named by {@code args[0]}
 * until it is killed, printing each version number after {@code insertVersion} returned. Run as a
 * separate process by {@link H2FileDatabaseTest}.
 */
final class KillNineWriter {

    private KillNineWriter() {
    }

    public static void main(String[] args) {
        JdbcMetadataStore store = JdbcMetadataStore.h2File(Path.of(args[0]));
        for (int i = 0; ; i++) {
            int number = StoreOps.of(store).insert(version(i)).version();
            System.out.println(number);
            System.out.flush();
        }
    }

    static NewVersion version(int i) {
        return new NewVersion("durable", "DEVELOPMENT", "run " + i, Map.of("i", Integer.toString(i)),
                Map.of("auc", 0.5), Map.of(), List.of(new FileEntry("model.bin", i, "0".repeat(64))),
                "sha256:" + "1".repeat(64), "writer", Instant.ofEpochMilli(1_700_000_000_000L + i));
    }
}
