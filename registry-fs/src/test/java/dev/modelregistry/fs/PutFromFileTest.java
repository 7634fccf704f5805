package dev.modelregistry.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.StorageException;
import dev.modelregistry.spi.StoredBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code put(Path)} writes nothing for content already stored, and new content of any size, hashed
 * on a second thread when large, lands under its true digest.
 */
class PutFromFileTest {

    private static final int LARGE = 9 * 1024 * 1024;

    @TempDir
    Path dir;
    private Path root;
    private FileSystemArtifactStore store;

    @BeforeEach
    void openStore() {
        root = dir.resolve("store");
        store = FileSystemArtifactStore.at(root);
    }

    @Nested
    class ContentAlreadyStored {

        @Test
        void aLargeFileIsRecognizedWithoutWritingATempFile() throws IOException {
            Path file = write("model.bin", random(LARGE, 1));
            assertThat(store.put(file).written()).isTrue();

            forbidTempFiles();

            assertThat(store.put(file)).isEqualTo(new StoredBlob(sha256(Files.readAllBytes(file)), LARGE, false));
        }

        @Test
        void aSmallFileIsRecognizedWithoutWritingATempFile() throws IOException {
            Path file = write("config.json", "{\"layers\": 12}".getBytes());
            store.put(file);

            forbidTempFiles();

            assertThat(store.put(file).written()).isFalse();
        }

        @Test
        void contentStoredFromAStreamIsRecognizedInAFile() throws IOException {
            byte[] content = random(LARGE, 2);
            store.put(new ByteArrayInputStream(content));

            forbidTempFiles();

            assertThat(store.put(write("same.bin", content)).written()).isFalse();
        }

        @Test
        void newContentStillNeedsATempFile() throws IOException {
            // the check the tests above rely on: with no temp directory, writing fails
            forbidTempFiles();

            assertThatThrownBy(() -> store.put(write("new.bin", random(LARGE, 3)))).isInstanceOf(StorageException.class);
        }

        @Test
        void aBlobWhoseMarkerIsLostIsStillNotDuplicatedAndGetsItsMarkerBack() throws IOException {
            Path file = write("model.bin", random(LARGE, 4));
            store.put(file);
            deleteTree(root.resolve("fingerprints"));

            assertThat(store.put(file).written()).isFalse();
            forbidTempFiles();
            assertThat(store.put(file).written()).isFalse();
        }
    }

    @Nested
    class NewContent {

        @Test
        void aFileWithTheSameSizeAndFirstBytesAsAStoredOneIsStoredUnderItsOwnDigest() throws IOException {
            byte[] stored = random(LARGE, 5);
            byte[] lookalike = stored.clone();
            lookalike[LARGE - 1] ^= 1;
            store.put(write("a.bin", stored));

            StoredBlob blob = store.put(write("b.bin", lookalike));

            assertThat(blob).isEqualTo(new StoredBlob(sha256(lookalike), LARGE, true));
            assertThat(read(blob.sha256())).isEqualTo(lookalike);
        }

        @Test
        void largeFilesAndStreamsAreHashedCorrectly() throws IOException {
            for (int size : new int[] {0, 1, 64 * 1024, 64 * 1024 + 1, 4 * 1024 * 1024 - 1, 4 * 1024 * 1024, LARGE + 7}) {
                byte[] content = random(size, size);
                String expected = sha256(content);

                assertThat(store.put(write("f" + size, content)).sha256()).as("file of %d bytes", size).isEqualTo(expected);
                assertThat(store.delete(expected)).isTrue();
                assertThat(store.put(new ByteArrayInputStream(content)).sha256()).as("stream of %d bytes", size)
                        .isEqualTo(expected);
                assertThat(read(expected)).isEqualTo(content);
            }
        }

        @Test
        void aDeletedBlobIsWrittenAgainDespiteItsMarker() throws IOException {
            Path file = write("model.bin", random(LARGE, 6));
            String sha = store.put(file).sha256();
            store.delete(sha);

            assertThat(store.put(file).written()).isTrue();
            assertThat(store.exists(sha)).isTrue();
        }

        @Test
        void noTempFileRemainsAfterLargePuts() throws IOException {
            store.put(write("a.bin", random(LARGE, 7)));
            store.put(new ByteArrayInputStream(random(LARGE, 8)));
            store.put(new ByteArrayInputStream(random(LARGE, 8)));

            try (var temps = Files.list(root.resolve("tmp"))) {
                assertThat(temps).isEmpty();
            }
        }
    }

    private void forbidTempFiles() throws IOException {
        deleteTree(root.resolve("tmp"));
        Files.writeString(root.resolve("tmp"), "not a directory: any temp file write fails");
    }

    private byte[] read(String sha) throws IOException {
        try (InputStream in = store.open(sha).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var walk = Files.walk(path)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
