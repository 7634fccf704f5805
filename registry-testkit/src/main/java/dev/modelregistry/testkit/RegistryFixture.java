package dev.modelregistry.testkit;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the registry-level contracts need from a wiring: how to open a fresh registry and how to see
 * which blobs its artifact store holds. A wiring subclasses each contract and supplies these two.
 */
public abstract class RegistryFixture {

    protected static final Instant NOW = Instant.parse("2026-11-26T10:15:30.123Z");

    @TempDir
    protected Path dir;

    protected Registry registry;

    /** Opens a fresh, empty registry acting as {@code alice} with a clock fixed at {@link #NOW}; may use {@code dir}. */
    protected abstract Registry open(Path dir, Clock clock, String principal);

    /** The digests of the blobs currently visible in the registry's artifact store. */
    protected abstract Set<String> storedBlobs();

    @BeforeEach
    protected void openRegistry() {
        registry = open(dir, Clock.fixed(NOW, ZoneOffset.UTC), "alice");
    }

    @AfterEach
    protected void closeRegistry() {
        registry.close();
    }

    protected static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    protected ModelVersion registerSmall(String model) {
        return registry.register(model).content("model.bin", utf8("weights of " + model)).commit();
    }

    protected String read(ModelVersion v, String path) throws IOException {
        try (InputStream in = registry.open(v, path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
