package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.FileEntry;
import dev.modelregistry.StorageException;
import dev.modelregistry.spi.ArtifactStore;
import dev.modelregistry.spi.StoredBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUploadsTest {

    @TempDir
    Path dir;

    @Test
    void storesEveryFileOfADirectoryAndStreamsAlongside() throws IOException {
        List<PendingFile> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            files.add(PendingFile.of("f" + i, SourceFiles.regularFile(Files.writeString(dir.resolve("f" + i), "content " + i))));
        }
        files.add(PendingFile.of("s", new ByteArrayInputStream("streamed".getBytes())));
        InMemoryArtifactStore store = new InMemoryArtifactStore();

        List<FileUploads.Stored> stored = FileUploads.store(store, files);

        assertThat(stored).extracting(s -> s.entry().path())
                .containsExactlyInAnyOrderElementsOf(files.stream().map(PendingFile::path).toList());
        assertThat(stored).allMatch(FileUploads.Stored::written);
        assertThat(stored).extracting(FileUploads.Stored::entry).extracting(FileEntry::sha256).allMatch(store::exists);
    }

    @Test
    void aFailedPutFailsTheWholeUploadAndNothingIsStillWritingAfterwards() throws IOException {
        List<PendingFile> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            files.add(PendingFile.of("f" + i, SourceFiles.regularFile(Files.writeString(dir.resolve("f" + i), "content " + i))));
        }
        SlowStore store = new SlowStore(6);

        assertThatThrownBy(() -> FileUploads.store(store, files)).isInstanceOf(StorageException.class)
                .hasMessageContaining("disk full");
        assertThat(store.running.get()).isZero();
    }

    /** Takes a moment per put and fails the n-th put of a file; counts puts in progress. */
    private static final class SlowStore implements ArtifactStore {
        private final InMemoryArtifactStore delegate = new InMemoryArtifactStore();
        private final int failing;
        private final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();

        SlowStore(int failing) {
            this.failing = failing;
        }

        @Override
        public StoredBlob put(FileChannel file) {
            running.incrementAndGet();
            try {
                Thread.sleep(20);
                if (calls.incrementAndGet() == failing) {
                    throw new StorageException("disk full");
                }
                return ArtifactStore.super.put(file);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted", e);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public StoredBlob put(InputStream content) {
            return delegate.put(content);
        }

        @Override
        public Optional<InputStream> open(String sha256) {
            return delegate.open(sha256);
        }

        @Override
        public boolean exists(String sha256) {
            return delegate.exists(sha256);
        }

        @Override
        public boolean delete(String sha256) {
            return delegate.delete(sha256);
        }

        @Override
        public Stream<String> list() {
            return delegate.list();
        }

        @Override
        public void close() {
        }
    }
}
