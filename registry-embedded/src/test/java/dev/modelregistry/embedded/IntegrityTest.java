package dev.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.IntegrityException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage to a stored file on disk is detected on read, never returned as good bytes. */
class IntegrityTest {

    @TempDir
    Path dir;

    private Registry registry;
    private ModelVersion version;
    private final byte[] content = new byte[256 * 1024];

    @BeforeEach
    void registerAVersion() {
        new Random(42).nextBytes(content);
        registry = EmbeddedRegistry.open(dir);
        version = registry.register("m").content("weights.bin", content).content("config.json", "{}".getBytes())
                .commit();
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private Path blobOf(String path) {
        return Blobs.file(dir, version.file(path).orElseThrow().sha256());
    }

    private void flipOneByte(Path file, long offset) throws Exception {
        file.toFile().setWritable(true);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x01);
        }
    }

    @Test
    void readingAFileWhoseBlobHasOneFlippedByteThrowsIntegrityException() throws Exception {
        flipOneByte(blobOf("weights.bin"), 100_000);

        try (InputStream in = registry.open(version, "weights.bin")) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("m v1 weights.bin").hasMessageContaining("SHA-256 mismatch");
        }
    }

    @Test
    void otherFilesOfTheVersionStillReadFine() throws Exception {
        flipOneByte(blobOf("weights.bin"), 0);

        try (InputStream in = registry.open(version, "config.json")) {
            assertThat(in.readAllBytes()).isEqualTo("{}".getBytes());
        }
    }

    @Test
    void aTruncatedBlobIsDetected() throws Exception {
        Path blob = blobOf("weights.bin");
        blob.toFile().setWritable(true);
        try (RandomAccessFile raf = new RandomAccessFile(blob.toFile(), "rw")) {
            raf.setLength(content.length - 1);
        }

        try (InputStream in = registry.open(version, "weights.bin")) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IntegrityException.class);
        }
    }

    @Test
    void aMissingBlobIsAnIntegrityFailure() throws Exception {
        Files.delete(blobOf("weights.bin"));

        assertThatThrownBy(() -> registry.open(version, "weights.bin")).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void copyingADamagedVersionFailsAndLeavesNoDamagedFileBehind() throws Exception {
        flipOneByte(blobOf("weights.bin"), 5);
        Path out = dir.resolve("out");

        assertThatThrownBy(() -> registry.copyTo(version, out)).isInstanceOf(IntegrityException.class);
        assertThat(out.resolve("weights.bin")).doesNotExist();
    }

    @Test
    void registeringTheSameBytesAgainAsAStreamReplacesADamagedBlob() throws Exception {
        flipOneByte(blobOf("weights.bin"), 100_000);

        ModelVersion again = registry.register("m").content("weights.bin", content).commit();

        assertThat(readAll(again, "weights.bin")).isEqualTo(content);
        assertThat(readAll(version, "weights.bin")).as("the first version is whole again").isEqualTo(content);
    }

    @Test
    void registeringTheSameFileAgainReplacesADamagedBlobLargeOrSmall() throws Exception {
        flipOneByte(blobOf("weights.bin"), 70_000);
        flipOneByte(blobOf("config.json"), 0);
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.write(model.resolve("weights.bin"), content);
        Files.writeString(model.resolve("config.json"), "{}");

        ModelVersion again = registry.register("m").file(model).commit();

        assertThat(readAll(again, "weights.bin")).isEqualTo(content);
        assertThat(readAll(again, "config.json")).isEqualTo("{}".getBytes());
    }

    @Test
    void registeringTheSameBytesAgainReplacesATruncatedBlob() throws Exception {
        Path blob = blobOf("weights.bin");
        blob.toFile().setWritable(true);
        try (RandomAccessFile raf = new RandomAccessFile(blob.toFile(), "rw")) {
            raf.setLength(1000);
        }
        Path file = Files.write(dir.resolve("weights.bin"), content);

        ModelVersion again = registry.register("m").file(file).commit();

        assertThat(readAll(again, "weights.bin")).isEqualTo(content);
    }

    private byte[] readAll(ModelVersion v, String path) throws Exception {
        try (InputStream in = registry.open(v, path)) {
            return in.readAllBytes();
        }
    }
}
