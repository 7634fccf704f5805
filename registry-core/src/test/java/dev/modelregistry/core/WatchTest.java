package dev.modelregistry.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.serving.ModelListener;
import dev.modelregistry.serving.ModelUpdate;
import dev.modelregistry.serving.Watch;
import dev.modelregistry.spi.ArtifactStore;
import dev.modelregistry.spi.StoredBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watching a reference on in-memory stores. A second registry on the same stores plays another
 * process: its commits do not wake this registry's watches, which see them by polling the store.
 * Waits are generous, because the test machine may be small and busy; they bound a hang and measure
 * nothing.
 */
class WatchTest {

    private static final long PATIENCE_SECONDS = 60;
    private static final String MODEL = "ranker";
    private static final String PRODUCTION = MODEL + "@PRODUCTION";

    private final InMemoryMetadataStore metadata = new InMemoryMetadataStore();
    private final CorruptibleStore artifacts = new CorruptibleStore();
    private Registry registry;
    /** Another registry on the same stores, as another process would be. */
    private Registry other;

    @BeforeEach
    void open() {
        registry = Registries.builder().metadataStore(metadata).artifactStore(artifacts).principal("server").build();
        other = Registries.builder().metadataStore(metadata).artifactStore(artifacts).principal("deployer").build();
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void theFirstCallGivesWhatTheReferenceResolvesToNow() throws Exception {
        ModelVersion v1 = register(registry, "one");
        registry.transition(v1, Stage.PRODUCTION, "first");
        Recorder calls = new Recorder();

        try (Watch watch = registry.watch(PRODUCTION, calls)) {
            ModelUpdate first = calls.next();
            assertThat(first.reference()).isEqualTo(PRODUCTION);
            assertThat(first.version()).map(ModelVersion::version).contains(1);
            assertThat(first.directory()).isEmpty();
            assertThat(first.sequence()).isEqualTo(registry.journal().head());
            assertThat(watch.current()).contains(first);
            assertThat(watch.reference()).isEqualTo(PRODUCTION);
        }
    }

    @Test
    void theFirstCallIsEmptyWhenNothingResolvesAndTheNextBringsTheFirstVersion() throws Exception {
        Recorder calls = new Recorder();

        try (Watch watch = registry.watch(MODEL + "@latest", calls)) {
            assertThat(calls.next().version()).isEmpty();
            register(other, "one");
            assertThat(calls.next().version()).map(ModelVersion::version).contains(1);
            assertThat(watch.current().flatMap(ModelUpdate::version)).map(ModelVersion::version).contains(1);
        }
    }

    @Test
    void aPromotionByAnotherRegistryIsSeenAndARollbackToo() throws Exception {
        ModelVersion v1 = register(registry, "one");
        ModelVersion v2 = register(registry, "two");
        registry.transition(v1, Stage.PRODUCTION, "first");
        Recorder calls = new Recorder();

        try (Watch watch = registry.watch(PRODUCTION, calls)) {
            assertThat(calls.next().version()).map(ModelVersion::version).contains(1);

            long committed = System.nanoTime();
            other.transition(v2, Stage.PRODUCTION, "better");
            ModelUpdate promoted = calls.next();
            // Measured, not asserted: at most one poll interval (50 ms) plus the resolve, here.
            System.out.printf("commit by another registry to listener call: %.1f ms%n",
                    (calls.lastCallNanos - committed) / 1e6);
            assertThat(promoted.version()).map(ModelVersion::version).contains(2);
            assertThat(promoted.sequence()).isEqualTo(other.journal().head());

            other.rollback(MODEL, Stage.PRODUCTION, "v2 misbehaves");
            assertThat(calls.next().version()).map(ModelVersion::version).contains(1);
            assertThat(watch.current().flatMap(ModelUpdate::version)).map(ModelVersion::version).contains(1);
        }
    }

    @Test
    void aWatchFollowsAnAliasAsItMovesIsRemovedAndRollsBack() throws Exception {
        ModelVersion v1 = register(registry, "one");
        ModelVersion v2 = register(registry, "two");
        registry.setAlias(v1.ref(), "champion");
        Recorder calls = new Recorder();

        try (Watch watch = registry.watch(MODEL + "@champion", calls)) {
            assertThat(calls.next().version()).map(ModelVersion::version).contains(1);
            other.setAlias(v2.ref(), "champion");
            assertThat(calls.next().version()).map(ModelVersion::version).contains(2);
            other.removeAlias(MODEL, "champion");
            assertThat(calls.next().version()).isEmpty();
            other.rollbackAlias(MODEL, "champion", "put it back");
            ModelUpdate back = calls.next();
            assertThat(back.version()).map(ModelVersion::version).contains(2);
            assertThat(watch.current()).contains(back);
        }
    }

    @Test
    void emptyingTheStageGivesAnUpdateWithoutVersion() throws Exception {
        ModelVersion v1 = register(registry, "one");
        registry.transition(v1, Stage.PRODUCTION, "first");
        Recorder calls = new Recorder();

        try (Watch watch = registry.watch(PRODUCTION, calls)) {
            calls.next();
            other.transition(v1, Stage.ARCHIVED, "retired");
            ModelUpdate emptied = calls.next();
            assertThat(emptied.version()).isEmpty();
            assertThat(emptied.directory()).isEmpty();
            assertThat(watch.current()).contains(emptied);
        }
    }

    @Test
    void changesThatLeaveTheResolutionAsItWasDoNotCallTheListener() throws Exception {
        ModelVersion v1 = register(registry, "one");
        registry.transition(v1, Stage.PRODUCTION, "first");
        Recorder calls = new Recorder();

        try (Watch watch = registry.watch(PRODUCTION, calls)) {
            calls.next();
            // Of the watched model but not of what it resolves to, and of another model.
            ModelVersion v2 = register(other, "two");
            other.transition(v2, Stage.STAGING, "candidate");
            other.tag(v1.ref(), "owner", "risk");
            other.setAlias(v1.ref(), "champion");
            other.describeModel(MODEL, "ranks things");
            ModelVersion elsewhere = register(other, "elsewhere", "other-model");
            other.transition(elsewhere, Stage.PRODUCTION, "its own production");
            registry.tagModel(MODEL, "team", "search");
            long head = registry.journal().head();
            awaitTrue(() -> ((ReferenceWatch) watch).seen() >= head, "the watch to read up to " + head);

            assertThat(calls.count()).isEqualTo(1);
            other.transition(v2, Stage.PRODUCTION, "now");
            ModelUpdate next = calls.next();
            assertThat(next.version()).map(ModelVersion::version).contains(2);
            assertThat(calls.count()).isEqualTo(2);
        }
    }

    @Test
    void callsComeOneAtATimeInOrderAndEndAtTheLatestState() throws Exception {
        List<ModelVersion> versions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            versions.add(register(registry, "v" + i));
        }
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        Recorder calls = new Recorder(update -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            sleep(5);
            inside.decrementAndGet();
        });

        try (Watch watch = registry.watch(PRODUCTION, calls)) {
            calls.next();
            Thread promoter = new Thread(() -> {
                for (int round = 0; round < 4; round++) {
                    for (ModelVersion v : versions) {
                        (v.version() % 2 == 0 ? other : registry).transition(v, Stage.PRODUCTION, "round " + round);
                    }
                }
            });
            promoter.start();
            promoter.join();
            long head = registry.journal().head();
            awaitTrue(() -> ((ReferenceWatch) watch).seen() >= head, "the watch to read up to " + head);

            List<ModelUpdate> all = calls.all();
            assertThat(overlaps.get()).isZero();
            assertThat(all).extracting(ModelUpdate::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(all.get(all.size() - 1).version()).map(ModelVersion::version).contains(5);
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i).version()).as("update %d repeats the one before", i)
                        .isNotEqualTo(all.get(i - 1).version());
            }
        }
    }

    @Test
    void aListenerThatThrowsIsLoggedAndTheWatchGoesOn() throws Exception {
        ModelVersion v1 = register(registry, "one");
        ModelVersion v2 = register(registry, "two");
        registry.transition(v1, Stage.PRODUCTION, "first");
        Recorder calls = new Recorder(update -> {
            throw new IllegalStateException("cannot load " + update.version());
        });

        try (Watch watch = registry.watch(PRODUCTION, calls)) {
            assertThat(calls.next().version()).map(ModelVersion::version).contains(1);
            other.transition(v2, Stage.PRODUCTION, "second");
            assertThat(calls.next().version()).map(ModelVersion::version).contains(2);
            assertThat(watch.current().flatMap(ModelUpdate::version)).map(ModelVersion::version).contains(2);
        }
    }

    @Nested
    class Closing {

        @Test
        void afterCloseTheListenerIsNotCalledAgain() throws Exception {
            ModelVersion v1 = register(registry, "one");
            Recorder closedOne = new Recorder();
            Recorder sentinel = new Recorder();
            Watch watch = registry.watch(MODEL + "@latest", closedOne);
            closedOne.next();

            watch.close();
            watch.close();
            try (Watch open = registry.watch(MODEL + "@latest", sentinel)) {
                sentinel.next();
                other.transition(v1, Stage.PRODUCTION, "first");
                register(other, "two");
                assertThat(sentinel.next().version()).map(ModelVersion::version).contains(2);
                assertThat(open.current()).isNotEqualTo(watch.current());
            }
            awaitTrue(() -> !watchThreadRuns(MODEL + "@latest"), "the watch threads to end");
            assertThat(closedOne.count()).isEqualTo(1);
        }

        @Test
        void aListenerMayCloseItsOwnWatch() throws Exception {
            register(registry, "one");
            // The first call can come before watch() returns: the listener waits for the watch it closes.
            java.util.concurrent.CompletableFuture<Watch> watch = new java.util.concurrent.CompletableFuture<>();
            Recorder calls = new Recorder(update -> watch.join().close());
            watch.complete(registry.watch(MODEL + "@1", calls));

            calls.next();
            awaitTrue(() -> !watchThreadRuns(MODEL + "@1"), "the watch thread to end");
        }

        @Test
        void closingTheRegistryStopsItsWatchesAndThoseOfItsViews() throws Exception {
            register(registry, "one");
            Recorder own = new Recorder();
            Recorder ofView = new Recorder();
            registry.watch(MODEL + "@latest", own);
            registry.as("bob").watch(MODEL + "@1", ofView);
            own.next();
            ofView.next();

            registry.close();

            awaitTrue(() -> !watchThreadRuns(MODEL + "@latest") && !watchThreadRuns(MODEL + "@1"),
                    "the watch threads to end");
            assertThatThrownBy(() -> registry.watch(PRODUCTION, new Recorder()))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Refusing {

        @Test
        void aMalformedReferenceStartsNothing() {
            Set<Thread> before = watchThreads();
            for (String bad : List.of("ranker", "ranker@", "@PRODUCTION", "ranker@007", "ranker@-x")) {
                assertThatThrownBy(() -> registry.watch(bad, new Recorder()))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("'" + bad + "'");
            }
            assertThat(before).containsAll(watchThreads());
        }

        @Test
        void aStageTheLifecycleLacksIsRefusedAsResolveRefusesIt() {
            Set<Thread> before = watchThreads();
            assertThatThrownBy(() -> registry.resolve("ranker@SHADOW")).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> registry.watch("ranker@SHADOW", new Recorder()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("SHADOW");
            assertThat(before).containsAll(watchThreads());
        }

        @Test
        void aModelNameThatCanNeverExistIsRefused() {
            assertThatThrownBy(() -> registry.watch("../ranker@PRODUCTION", new Recorder()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'../ranker@PRODUCTION'");
        }

        @Test
        void aWorkDirectoryThatIsAFileIsRefused(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("file"), "x");
            Set<Thread> before = watchThreads();

            assertThatThrownBy(() -> registry.watch(PRODUCTION, file, new Recorder()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file.toString());
            assertThat(before).containsAll(watchThreads());
        }
    }

    @Nested
    class Copying {

        @TempDir
        Path work;

        @Test
        void theListenerSeesACompleteCopyAndThePreviousOneGoesOnceItSwitched() throws Exception {
            ModelVersion v1 = register(registry, "one");
            ModelVersion v2 = register(registry, "two");
            registry.transition(v1, Stage.PRODUCTION, "first");
            List<String> problems = new ArrayList<>();
            Path[] previous = new Path[1];
            Recorder calls = new Recorder(update -> {
                // Checked inside the call: what the listener sees when it is called.
                Path dir = update.directory().orElseThrow();
                ModelVersion v = update.version().orElseThrow();
                problems.addAll(incomplete(dir, v));
                if (previous[0] != null && !incomplete(previous[0], v.version() == 1 ? v2 : v1).isEmpty()) {
                    problems.add(previous[0] + " was touched before the listener returned for " + v.ref());
                }
                previous[0] = dir;
            });

            try (Watch watch = registry.watch(PRODUCTION, work.resolve("models"), calls)) {
                Path first = calls.next().directory().orElseThrow();
                assertThat(first.getParent()).isEqualTo(work.resolve("models"));
                assertThat(first.getFileName().toString()).startsWith("ranker-v1-");

                other.transition(v2, Stage.PRODUCTION, "second");
                Path second = calls.next().directory().orElseThrow();
                assertThat(second.getFileName().toString()).startsWith("ranker-v2-");
                awaitTrue(() -> !Files.exists(first), "the first copy to be deleted");

                other.rollback(MODEL, Stage.PRODUCTION, "back");
                Path third = calls.next().directory().orElseThrow();
                assertThat(third).as("a fresh directory, never reused").isNotEqualTo(first);
                assertThat(third.getFileName().toString()).startsWith("ranker-v1-");
                awaitTrue(() -> !Files.exists(second), "the second copy to be deleted");
                assertThat(problems).isEmpty();
                assertThat(Files.exists(third)).isTrue();
                assertThat(listing(work.resolve("models"))).containsExactly(third);
                assertThat(watch.current().flatMap(ModelUpdate::directory)).contains(third);
            }
        }

        @Test
        void anEmptiedStageGivesNoDirectoryAndTheLastCopyGoes() throws Exception {
            ModelVersion v1 = register(registry, "one");
            registry.transition(v1, Stage.PRODUCTION, "first");
            Recorder calls = new Recorder();

            try (Watch watch = registry.watch(PRODUCTION, work, calls)) {
                Path first = calls.next().directory().orElseThrow();
                other.transition(v1, Stage.ARCHIVED, "retired");
                assertThat(calls.next().directory()).isEmpty();
                awaitTrue(() -> !Files.exists(first), "the copy to be deleted");
                assertThat(watch.current().flatMap(ModelUpdate::version)).isEmpty();
            }
        }

        @Test
        void aCopyThatFailsVerificationIsNeverShownAndIsRetried() throws Exception {
            ModelVersion v1 = register(registry, "one");
            ModelVersion v2 = register(registry, "two");
            registry.transition(v1, Stage.PRODUCTION, "first");
            Recorder calls = new Recorder();

            try (Watch watch = registry.watch(PRODUCTION, work, calls)) {
                Path first = calls.next().directory().orElseThrow();
                String damaged = v2.file("model.bin").orElseThrow().sha256();
                artifacts.corrupt(damaged);
                other.transition(v2, Stage.PRODUCTION, "second");
                // The watch copied, failed verification, and tried again.
                awaitTrue(() -> artifacts.damagedReads() >= 2, "the watch to try copying v2 twice");
                awaitTrue(() -> listing(work).equals(List.of(first)), "the failed copies to be deleted");
                assertThat(calls.count()).isEqualTo(1);
                assertThat(watch.current().flatMap(ModelUpdate::version)).map(ModelVersion::version).contains(1);

                artifacts.repair();
                ModelUpdate second = calls.next();
                assertThat(second.version()).map(ModelVersion::version).contains(2);
                assertThat(incomplete(second.directory().orElseThrow(), v2)).isEmpty();
            }
        }

        @Test
        void closingLeavesTheLastCopyForTheApplication() throws Exception {
            ModelVersion v1 = register(registry, "one");
            registry.transition(v1, Stage.PRODUCTION, "first");
            Recorder calls = new Recorder();

            Watch watch = registry.watch(PRODUCTION, work, calls);
            Path dir = calls.next().directory().orElseThrow();
            watch.close();
            assertThat(incomplete(dir, v1)).isEmpty();
        }
    }

    // ---- helpers ----

    private static ModelVersion register(Registry registry, String content) {
        return register(registry, content, MODEL);
    }

    private static ModelVersion register(Registry registry, String content, String model) {
        return registry.register(model)
                .content("model.bin", ("weights " + content).repeat(100).getBytes(UTF_8))
                .content("config/settings.json", ("{\"name\":\"" + content + "\"}").getBytes(UTF_8))
                .commit();
    }

    /** What is wrong with {@code dir} as a copy of {@code v}: missing, extra or different files. */
    private List<String> incomplete(Path dir, ModelVersion v) {
        List<String> problems = new ArrayList<>();
        v.files().forEach(f -> {
            Path file = dir.resolve(f.path());
            try (InputStream expected = registry.open(v, f.path())) {
                if (!Files.isRegularFile(file) || !java.util.Arrays.equals(Files.readAllBytes(file),
                        expected.readAllBytes())) {
                    problems.add(file + " is missing or differs");
                }
            } catch (IOException e) {
                problems.add(file + ": " + e);
            }
        });
        try (Stream<Path> files = Files.walk(dir)) {
            long count = files.filter(Files::isRegularFile).count();
            if (count != v.files().size()) {
                problems.add(dir + " holds " + count + " files, not " + v.files().size());
            }
        } catch (IOException e) {
            problems.add(dir + ": " + e);
        }
        return problems;
    }

    private static List<Path> listing(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The running watch threads. */
    private static Set<Thread> watchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("model-watch "))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static boolean watchThreadRuns(String reference) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("model-watch " + reference));
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE_SECONDS + " s for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records every call, then runs an action (which may throw). */
    private static final class Recorder implements ModelListener {

        private final BlockingQueue<ModelUpdate> queue = new LinkedBlockingQueue<>();
        private final List<ModelUpdate> all = new ArrayList<>();
        private final ModelListener then;
        volatile long lastCallNanos;

        Recorder() {
            this(update -> { });
        }

        Recorder(ModelListener then) {
            this.then = then;
        }

        @Override
        public void changed(ModelUpdate update) {
            lastCallNanos = System.nanoTime();
            synchronized (all) {
                all.add(update);
            }
            queue.add(update);
            then.changed(update);
        }

        ModelUpdate next() throws InterruptedException {
            ModelUpdate update = queue.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            if (update == null) {
                throw new AssertionError("no call within " + PATIENCE_SECONDS + " s; calls so far: " + all());
            }
            return update;
        }

        int count() {
            return all().size();
        }

        List<ModelUpdate> all() {
            synchronized (all) {
                return List.copyOf(all);
            }
        }
    }

    /** The in-memory artifact store, able to hand out damaged bytes for chosen blobs. */
    private static final class CorruptibleStore implements ArtifactStore {

        private final InMemoryArtifactStore store = new InMemoryArtifactStore();
        private final Set<String> corrupted = ConcurrentHashMap.newKeySet();

        private final AtomicInteger damagedReads = new AtomicInteger();

        int damagedReads() {
            return damagedReads.get();
        }

        void corrupt(String sha256) {
            corrupted.add(sha256);
        }

        void repair() {
            corrupted.clear();
        }

        @Override
        public StoredBlob put(InputStream content) {
            return store.put(content);
        }

        @Override
        public Optional<InputStream> open(String sha256) {
            if (!corrupted.contains(sha256)) {
                return store.open(sha256);
            }
            damagedReads.incrementAndGet();
            return store.open(sha256).map(in -> {
                try (in) {
                    byte[] bytes = in.readAllBytes();
                    bytes[bytes.length / 2] ^= 1;
                    return new ByteArrayInputStream(bytes);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }

        @Override
        public boolean exists(String sha256) {
            return store.exists(sha256);
        }

        @Override
        public boolean delete(String sha256) {
            return store.delete(sha256);
        }

        @Override
        public Stream<String> list() {
            return store.list();
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
