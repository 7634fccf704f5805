package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.modelregistry.StorageException;
import dev.modelregistry.spi.ArtifactStore;
import dev.modelregistry.spi.StoredBlob;
import dev.modelregistry.testkit.TestStreams.CloseTrackingStream;
import dev.modelregistry.testkit.TestStreams.FailingStream;
import dev.modelregistry.testkit.TestStreams.PausingStream;
import dev.modelregistry.testkit.TestStreams.TricklingStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link ArtifactStore} must show. A backend runs it by subclassing and
 * implementing {@link #newStore(Path)}; it never overrides a test. Backend-specific tests go in
 * {@code @Nested} classes of the subclass, named unlike the ones here: a nested class of the same
 * name hides the contract's, and its tests silently stop running.
 *
 * <p>Beyond what {@link ArtifactStore}'s Javadoc says, the contract fixes these points:
 * <ul>
 *   <li>When reading the content passed to {@code put} throws an {@link IOException}, {@code put}
 *       throws a {@link StorageException} whose cause is that same exception; an unchecked exception
 *       from the content stream propagates unchanged (so the core's own exceptions, for example a
 *       size limit, reach the caller as they are). Either way nothing becomes visible and a blob that
 *       was already stored stays intact.</li>
 *   <li>{@code open}, {@code exists} and {@code delete} reject a digest that is not 64 lower-case
 *       hex digits with an {@link IllegalArgumentException} naming it, so no backend can be steered
 *       to another path or key by a crafted digest.</li>
 *   <li>Under concurrent {@code put}s of the same content every caller gets the same digest and at
 *       least one sees {@link StoredBlob#written()} {@code true}; more than one may, since a backend may
 *       replace a blob with identical bytes.</li>
 * </ul>
 */
public abstract class ArtifactStoreContract {

    private static final int MIB = 1024 * 1024;
    private static final int THREADS = 8;
    /** SHA-256 of no bytes, a published constant, to check the test's own hashing. */
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path tempDir;

    /** The store under test, fresh for every test. */
    protected ArtifactStore store;

    /**
     * Creates an empty store. Called once per test.
     *
     * @param dir an existing, empty directory that belongs to this test; a store that keeps nothing
     *            on disk ignores it
     */
    protected abstract ArtifactStore newStore(Path dir);

    @BeforeEach
    void openStore() throws IOException {
        store = newStore(Files.createDirectory(tempDir.resolve("store")));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Nested
    class Put {

        @Test
        void returnsTheSha256AndSizeOfEmptyContent() {
            StoredBlob blob = store.put(InputStream.nullInputStream());

            assertThat(sha256(new byte[0])).isEqualTo(EMPTY_SHA256);
            assertThat(blob).isEqualTo(new StoredBlob(EMPTY_SHA256, 0, true));
            assertThat(read(EMPTY_SHA256)).isEmpty();
        }

        @Test
        void returnsTheSha256AndSizeOfSmallContent() {
            byte[] content = "weights of a tiny model\n".getBytes(StandardCharsets.UTF_8);

            assertThat(store.put(new ByteArrayInputStream(content)))
                    .isEqualTo(new StoredBlob(sha256(content), content.length, true));
        }

        @Test
        void returnsTheSha256AndSizeOfMultiMebibyteContent() {
            byte[] content = random(5 * MIB + 17, 1);

            assertThat(store.put(new ByteArrayInputStream(content)))
                    .isEqualTo(new StoredBlob(sha256(content), content.length, true));
        }

        @Test
        void reportsTheDigestAsLowerCaseHex() {
            assertThat(store.put(new ByteArrayInputStream(random(1000, 2))).sha256()).matches("[0-9a-f]{64}");
        }

        @Test
        void readsContentThatArrivesAFewBytesAtATime() {
            byte[] content = random(MIB + 3, 3);

            StoredBlob blob = store.put(new TricklingStream(content, 7));

            assertThat(blob).isEqualTo(new StoredBlob(sha256(content), content.length, true));
            assertThat(read(blob.sha256())).isEqualTo(content);
        }

        @Test
        void readsTheContentToItsEndWithoutClosingIt() {
            byte[] content = random(3 * MIB, 4);
            CloseTrackingStream in = new CloseTrackingStream(content);

            store.put(in);

            assertThat(in.available()).isZero();
            assertThat(in.closed).isFalse();
        }

        @Test
        void storesIdenticalContentOnlyOnce() {
            byte[] content = random(2 * MIB, 5);

            StoredBlob first = store.put(new ByteArrayInputStream(content));
            StoredBlob second = store.put(new ByteArrayInputStream(content));

            assertThat(first.written()).isTrue();
            assertThat(second).isEqualTo(new StoredBlob(first.sha256(), first.size(), false));
            assertThat(listed()).containsExactly(first.sha256());
            assertThat(read(first.sha256())).isEqualTo(content);
        }
    }

    @Nested
    class PutFile {

        @Test
        void storesAFileLikeTheSameContentFromAStream() throws IOException {
            byte[] content = random(5 * MIB + 1, 6);
            Path file = Files.write(tempDir.resolve("model.onnx"), content);

            StoredBlob blob = store.put(file);

            assertThat(blob).isEqualTo(new StoredBlob(sha256(content), content.length, true));
            assertThat(read(blob.sha256())).isEqualTo(content);
            assertThat(store.put(new ByteArrayInputStream(content)).written()).isFalse();
            assertThat(listed()).containsExactly(blob.sha256());
        }

        @Test
        void doesNotStoreAFileAgainWhoseContentCameFromAStream() throws IOException {
            byte[] content = random(MIB, 7);
            Path file = Files.write(tempDir.resolve("weights.bin"), content);
            StoredBlob fromStream = store.put(new ByteArrayInputStream(content));

            assertThat(store.put(file)).isEqualTo(new StoredBlob(fromStream.sha256(), content.length, false));
            assertThat(listed()).containsExactly(fromStream.sha256());
        }

        @Test
        void storesAnEmptyFile() throws IOException {
            Path file = Files.createFile(tempDir.resolve("empty"));

            assertThat(store.put(file)).isEqualTo(new StoredBlob(EMPTY_SHA256, 0, true));
        }

        @Test
        void storesTheWholeFileOfAnOpenChannelWhateverItsPositionAndLeavesItOpen() throws IOException {
            byte[] content = random(MIB + 3, 8);
            Path file = Files.write(tempDir.resolve("open.bin"), content);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.position(1000);

                assertThat(store.put(channel)).isEqualTo(new StoredBlob(sha256(content), content.length, true));
                assertThat(channel.isOpen()).isTrue();
            }
            assertThat(read(sha256(content))).isEqualTo(content);
        }
    }

    @Nested
    class Open {

        @Test
        void returnsExactlyTheStoredBytes() {
            byte[] content = random(5 * MIB + 5, 8);
            StoredBlob blob = store.put(new ByteArrayInputStream(content));

            assertThat(read(blob.sha256())).isEqualTo(content);
        }

        @Test
        void returnsNothingForAnUnknownDigest() {
            store.put(new ByteArrayInputStream(random(100, 9)));

            assertThat(store.open(sha256(random(100, 10)))).isEmpty();
        }

        @Test
        void returnsIndependentStreamsForTheSameBlob() throws IOException {
            byte[] content = random(MIB, 11);
            String sha256 = store.put(new ByteArrayInputStream(content)).sha256();

            try (InputStream a = store.open(sha256).orElseThrow(); InputStream b = store.open(sha256).orElseThrow()) {
                byte[] headOfA = a.readNBytes(1000);
                assertThat(b.readAllBytes()).isEqualTo(content);
                assertThat(headOfA).isEqualTo(Arrays.copyOf(content, 1000));
                assertThat(a.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 1000, content.length));
            }
        }
    }

    @Nested
    class Exists {

        @Test
        void isTrueForAStoredBlob() {
            assertThat(store.exists(store.put(new ByteArrayInputStream(random(10, 12))).sha256())).isTrue();
        }

        @Test
        void isFalseForAnUnknownDigest() {
            store.put(new ByteArrayInputStream(random(10, 13)));

            assertThat(store.exists(sha256(random(10, 14)))).isFalse();
        }
    }

    @Nested
    class Delete {

        @Test
        void removesTheBlobAndReportsWhetherItExisted() {
            String sha256 = store.put(new ByteArrayInputStream(random(MIB, 15))).sha256();

            assertThat(store.delete(sha256)).isTrue();
            assertThat(store.delete(sha256)).isFalse();
            assertThat(store.exists(sha256)).isFalse();
            assertThat(store.open(sha256)).isEmpty();
            assertThat(listed()).isEmpty();
        }

        @Test
        void leavesOtherBlobsAlone() {
            byte[] kept = random(1000, 16);
            String keptSha256 = store.put(new ByteArrayInputStream(kept)).sha256();
            String deleted = store.put(new ByteArrayInputStream(random(1000, 17))).sha256();

            store.delete(deleted);

            assertThat(listed()).containsExactly(keptSha256);
            assertThat(read(keptSha256)).isEqualTo(kept);
        }

        @Test
        void ofAnUnknownDigestReturnsFalse() {
            assertThat(store.delete(sha256(random(10, 18)))).isFalse();
        }

        @Test
        void allowsTheSameContentToBeStoredAgain() {
            byte[] content = random(MIB, 19);
            String sha256 = store.put(new ByteArrayInputStream(content)).sha256();
            store.delete(sha256);

            assertThat(store.put(new ByteArrayInputStream(content)).written()).isTrue();
            assertThat(read(sha256)).isEqualTo(content);
        }
    }

    @Nested
    class Listing {

        @Test
        void ofAnEmptyStoreIsEmpty() {
            assertThat(listed()).isEmpty();
        }

        @Test
        void returnsEveryStoredDigestOnce() {
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                byte[] content = random(i * 997, 100 + i % 20); // i and i+20 share a seed, not a size
                expected.add(store.put(new ByteArrayInputStream(content)).sha256());
                store.put(new ByteArrayInputStream(content));
            }

            assertThat(listed()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Nested
    class FailedPut {

        @Test
        void surfacesAnIOExceptionOfTheContentAsStorageExceptionWithThatCause() {
            IOException failure = new IOException("network dropped");
            InputStream content = new FailingStream(random(3 * MIB, 20), MIB, failure);

            Throwable thrown = catchThrowable(() -> store.put(content));

            assertThat(thrown).isInstanceOf(StorageException.class).hasCause(failure);
            assertThat(thrown.getCause()).isSameAs(failure);
        }

        @Test
        void letsAnUncheckedExceptionOfTheContentThrough() {
            IllegalStateException failure = new IllegalStateException("over the size limit");
            InputStream content = new FailingStream(random(3 * MIB, 21), MIB, failure);

            Throwable thrown = catchThrowable(() -> store.put(content));

            assertThat(thrown).isSameAs(failure);
        }

        @Test
        void midwayLeavesNothingVisible() {
            String before = store.put(new ByteArrayInputStream(random(1000, 22))).sha256();
            byte[] content = random(5 * MIB, 23);
            int failAt = 3 * MIB + 11;

            putFailing(content, failAt, new IOException("disk of the source is gone"));

            assertThat(listed()).containsExactly(before);
            assertThat(store.exists(sha256(content))).isFalse();
            assertThat(store.exists(sha256(Arrays.copyOf(content, failAt)))).isFalse();
        }

        @Test
        void beforeTheFirstByteLeavesNothingVisible() {
            putFailing(random(1000, 24), 0, new IllegalStateException("refused"));

            assertThat(listed()).isEmpty();
            assertThat(store.exists(EMPTY_SHA256)).isFalse();
        }

        @Test
        void ofContentAlreadyStoredLeavesTheStoredBlobIntact() {
            byte[] content = random(3 * MIB, 25);
            String sha256 = store.put(new ByteArrayInputStream(content)).sha256();

            putFailing(content, 2 * MIB, new IOException("interrupted"));

            assertThat(listed()).containsExactly(sha256);
            assertThat(read(sha256)).isEqualTo(content);
        }

        @Test
        void leavesTheStoreUsable() {
            byte[] content = random(3 * MIB, 26);
            putFailing(content, MIB, new IOException("first attempt fails"));

            StoredBlob retry = store.put(new ByteArrayInputStream(content));

            assertThat(retry).isEqualTo(new StoredBlob(sha256(content), content.length, true));
            assertThat(read(retry.sha256())).isEqualTo(content);
        }

        private void putFailing(byte[] content, int failAt, Exception failure) {
            assertThatThrownBy(() -> store.put(new FailingStream(content, failAt, failure)))
                    .isInstanceOf(failure instanceof IOException ? StorageException.class : failure.getClass());
        }
    }

    @Nested
    class Concurrency {

        @Test
        void sameContentFromManyThreadsIsStoredOnce() throws Exception {
            byte[] content = random(2 * MIB + 1, 27);
            String expected = sha256(content);

            List<StoredBlob> results = inParallel(i -> store.put(new ByteArrayInputStream(content)));

            assertThat(results).extracting(StoredBlob::sha256).containsOnly(expected);
            assertThat(results).extracting(StoredBlob::size).containsOnly((long) content.length);
            assertThat(results).extracting(StoredBlob::written).contains(true);
            assertThat(listed()).containsExactly(expected);
            assertThat(read(expected)).isEqualTo(content);
        }

        @Test
        void differentContentFromManyThreadsIsAllStored() throws Exception {
            // Many small blobs rather than a few big ones: unsafe maps lose entries when they resize.
            List<byte[]> contents = new ArrayList<>();
            for (int i = 0; i < THREADS * 64; i++) {
                contents.add(random(1024 + i, 200 + i));
            }

            List<List<StoredBlob>> results = inParallel(t -> {
                List<StoredBlob> mine = new ArrayList<>();
                for (int i = t; i < contents.size(); i += THREADS) {
                    mine.add(store.put(new ByteArrayInputStream(contents.get(i))));
                }
                return mine;
            });

            assertThat(results).flatMap(r -> r).extracting(StoredBlob::written).containsOnly(true);
            assertThat(listed()).hasSize(contents.size());
            for (byte[] content : contents) {
                assertThat(read(sha256(content))).isEqualTo(content);
            }
        }

        @Test
        void aBlobIsInvisibleWhileItsContentIsStillBeingRead() throws Exception {
            byte[] content = random(3 * MIB, 28);
            CountDownLatch paused = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            InputStream pausing = new PausingStream(content, 2 * MIB, paused, resume);
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<StoredBlob> put = executor.submit(() -> store.put(pausing));
                assertThat(paused.await(30, TimeUnit.SECONDS)).as("put reached the pause").isTrue();

                assertThat(listed()).isEmpty();
                assertThat(store.exists(sha256(content))).isFalse();
                assertThat(store.open(sha256(content))).isEmpty();

                resume.countDown();
                assertThat(put.get(30, TimeUnit.SECONDS).sha256()).isEqualTo(sha256(content));
                assertThat(read(sha256(content))).isEqualTo(content);
            } finally {
                resume.countDown();
                executor.shutdownNow();
            }
        }

        @Test
        void readersSeeEitherNoBlobOrAllOfItWhileItIsStored() throws Exception {
            byte[] content = random(4 * MIB, 29);
            String sha256 = sha256(content);

            // Half the threads store the content, half read it whenever it is there; a reader's failed
            // assertion fails the test through its Future.
            inParallel(t -> {
                if (t % 2 == 0) {
                    return store.put(new ByteArrayInputStream(content));
                }
                for (int i = 0, seen = 0; i < 10_000 && seen < 3; i++) {
                    Optional<InputStream> in = store.open(sha256);
                    if (in.isPresent()) {
                        try (InputStream stream = in.get()) {
                            assertThat(stream.readAllBytes()).isEqualTo(content);
                        }
                        seen++;
                    }
                }
                return null;
            });

            assertThat(read(sha256)).isEqualTo(content);
        }

        /** Runs {@code task} on {@value #THREADS} threads released at once; returns results in thread order. */
        private <T> List<T> inParallel(ThreadTask<T> task) throws Exception {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            ExecutorService executor = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<T>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    Callable<T> call = () -> {
                        start.await(30, TimeUnit.SECONDS);
                        return task.run(thread);
                    };
                    futures.add(executor.submit(call));
                }
                List<T> results = new ArrayList<>();
                for (Future<T> future : futures) {
                    results.add(future.get(120, TimeUnit.SECONDS));
                }
                return results;
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Nested
    class DigestArguments {

        @ParameterizedTest
        @ValueSource(strings = {
            "../../etc/passwd",
            "",
            "e3b0c442",
            "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85g",
            "e3/0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "../e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b"
        })
        void thatAreNotLowerCaseHexSha256AreRejected(String digest) {
            store.put(InputStream.nullInputStream());

            assertThatThrownBy(() -> store.open(digest))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(digest);
            assertThatThrownBy(() -> store.exists(digest))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(digest);
            assertThatThrownBy(() -> store.delete(digest))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(digest);
            assertThat(listed()).containsExactly(EMPTY_SHA256);
        }
    }

    @Nested
    class Close {

        @Test
        void isIdempotent() {
            store.put(new ByteArrayInputStream(random(10, 30)));

            assertThatCode(() -> {
                store.close();
                store.close();
            }).doesNotThrowAnyException();
        }
    }

    /** The stored bytes of {@code sha256}; fails if there is no such blob. */
    protected final byte[] read(String sha256) {
        Optional<InputStream> in = store.open(sha256);
        assertThat(in).as("blob %s", sha256).isPresent();
        try (InputStream stream = in.get()) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All digests the store lists, in its order, duplicates kept. */
    protected final List<String> listed() {
        try (Stream<String> digests = store.list()) {
            return digests.toList();
        }
    }

    /** Lower-case hex SHA-256 of {@code bytes}, computed independently of any store. */
    protected static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code size} pseudo-random bytes; the same seed and size always give the same bytes. */
    protected static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @FunctionalInterface
    private interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }
}
