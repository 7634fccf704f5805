package dev.modelregistry.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.StorageException;
import dev.modelregistry.spi.ArtifactStore;
import dev.modelregistry.spi.StoredBlob;
import dev.modelregistry.testkit.ArtifactStoreContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FileSystemArtifactStoreTest extends ArtifactStoreContract {

    private Path root;

    @Override
    protected ArtifactStore newStore(Path dir) {
        root = dir.resolve("blobs");
        return FileSystemArtifactStore.at(root);
    }

    @Nested
    class Layout {

        @Test
        void aBlobLandsUnderSha256ByItsFirstTwoHexDigits() throws IOException {
            byte[] content = random(1000, 1);
            String sha256 = sha256(content);

            store.put(new ByteArrayInputStream(content));

            Path expected = root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
            assertThat(expected).isRegularFile();
            assertThat(Files.readAllBytes(expected)).isEqualTo(content);
            assertThat(blobFiles()).containsExactly(expected);
        }

        @Test
        void theRootIsCreatedWithItsParents() {
            Path nested = root.resolveSibling("a").resolve("b").resolve("c");

            try (FileSystemArtifactStore created = FileSystemArtifactStore.at(nested)) {
                created.put(new ByteArrayInputStream(random(10, 2)));
                assertThat(created.root()).isEqualTo(nested.toAbsolutePath());
            }
            assertThat(nested.resolve("sha256")).isDirectory();
        }

        @Test
        void aRootThatIsAFileIsRefused() throws IOException {
            Path file = Files.writeString(root.resolveSibling("not-a-directory"), "x");

            assertThatThrownBy(() -> FileSystemArtifactStore.at(file))
                    .isInstanceOf(StorageException.class).hasMessageContaining(file.toString());
        }

        @Test
        void filesThatAreNotBlobsAreNotListed() throws IOException {
            String sha256 = store.put(new ByteArrayInputStream(random(10, 3))).sha256();
            Path shard = root.resolve("sha256").resolve(sha256.substring(0, 2));
            Files.writeString(shard.resolve("notes.txt"), "x");
            Files.writeString(shard.resolve(sha256.substring(2).toUpperCase()), "x");
            Files.createDirectories(root.resolve("sha256").resolve("zz"));
            Files.writeString(root.resolve("sha256").resolve("README"), "x");

            assertThat(listed()).containsExactly(sha256);
        }
    }

    @Nested
    class TemporaryFiles {

        @Test
        void noneRemainAfterASuccessfulPut() throws IOException {
            store.put(new ByteArrayInputStream(random(3 * 1024 * 1024, 4)));
            store.put(new ByteArrayInputStream(random(3 * 1024 * 1024, 4)));

            assertThat(tempFiles()).isEmpty();
        }

        @Test
        void noneRemainAfterAFailedPut() throws IOException {
            InputStream failing = new SequenceInputStream(
                    new ByteArrayInputStream(random(2 * 1024 * 1024, 5)), new InputStream() {
                        @Override
                        public int read() throws IOException {
                            throw new IOException("source gone");
                        }
                    });

            assertThatThrownBy(() -> store.put(failing)).isInstanceOf(StorageException.class);

            assertThat(tempFiles()).isEmpty();
            assertThat(blobFiles()).isEmpty();
        }

        @Test
        void leftoversOlderThanADayAreDeletedWhenTheStoreOpens() throws IOException {
            Path stale = Files.writeString(root.resolve("tmp").resolve("crashed.tmp"), "half a model");
            Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(25))));
            Path fresh = Files.writeString(root.resolve("tmp").resolve("in-progress.tmp"), "being written");

            FileSystemArtifactStore.at(root).close();

            assertThat(stale).doesNotExist();
            assertThat(fresh).exists();
        }
    }

    @Nested
    class Reopening {

        @Test
        void aStoreOpenedOnTheSameRootSeesTheBlobs() {
            byte[] content = random(2 * 1024 * 1024, 6);
            StoredBlob blob = store.put(new ByteArrayInputStream(content));
            store.close();

            store = FileSystemArtifactStore.at(root);

            assertThat(listed()).containsExactly(blob.sha256());
            assertThat(read(blob.sha256())).isEqualTo(content);
            assertThat(store.put(new ByteArrayInputStream(content)).written()).isFalse();
        }
    }

    @Nested
    class Integrity {

        /** Verification is the registry's job: the store hands back whatever is on disk. */
        @Test
        void aBlobAlteredOnDiskIsReturnedAsItIs() throws IOException {
            byte[] content = random(1000, 7);
            String sha256 = store.put(new ByteArrayInputStream(content)).sha256();
            Path file = root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
            byte[] altered = content.clone();
            altered[500] ^= 1;
            Files.write(file, altered);

            assertThat(read(sha256)).isEqualTo(altered);
        }
    }

    @Nested
    class PathTraversal {

        @Test
        void aDigestPointingOutsideTheRootIsRejectedBeforeTouchingAnything() throws IOException {
            Path victim = Files.writeString(root.resolveSibling("victim"), "keep me");
            String digest = "..../victim";
            assertThat(new BlobLayout(root).blob(digest).normalize()).as("unchecked target").isEqualTo(victim);

            assertThatThrownBy(() -> store.delete(digest))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(digest);
            assertThatThrownBy(() -> store.exists(digest)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.open(digest)).isInstanceOf(IllegalArgumentException.class);
            assertThat(victim).hasContent("keep me");
        }
    }

    private Stream<Path> walk(String dir) throws IOException {
        return Files.walk(root.resolve(dir)).filter(Files::isRegularFile);
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = walk("tmp")) {
            return files.toList();
        }
    }

    private List<Path> blobFiles() throws IOException {
        try (Stream<Path> files = walk("sha256")) {
            return files.toList();
        }
    }
}
