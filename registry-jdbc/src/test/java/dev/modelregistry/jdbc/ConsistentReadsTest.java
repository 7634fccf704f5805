package dev.modelregistry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.FileEntry;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.spi.VersionRecord;
import dev.modelregistry.testkit.Databases;
import dev.modelregistry.testkit.StoreOps;
import dev.modelregistry.testkit.StoreOps.NewModel;
import dev.modelregistry.testkit.StoreOps.TransitionRequest;
import dev.modelregistry.testkit.StoreOps.VersionUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Reads run as single statements outside a transaction (see {@link Transactions#read}); these
 * tests check that a reader still sees every version whole, while another thread registers
 * versions, updates their description and tags together and promotes them to an exclusive stage,
 * on each database.
 */
class ConsistentReadsTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");
    private static final long WRITING_MILLIS = 1_500;
    private static final String MODEL = "fraud";

    @Test
    void readersSeeEveryVersionWholeOnH2() throws Exception {
        try (MetadataStore store = JdbcMetadataStore.h2InMemory()) {
            readWhileWriting(store);
        }
    }

    @Test
    void readersSeeEveryVersionWholeOnPostgres() throws Exception {
        onServer(Databases::postgres);
    }

    @Test
    void readersSeeEveryVersionWholeOnMariaDb() throws Exception {
        onServer(Databases::mariaDb);
    }

    private static void onServer(Supplier<Databases.Server> kind) throws Exception {
        Databases.Server server = kind.get();
        try (Databases.Scratch scratch = server.createScratch();
             MetadataStore store = JdbcMetadataStore.create(scratch.url(), server.user(), server.password())) {
            readWhileWriting(store);
        }
    }

    /**
     * One writer registers versions (each with a param, a metric, a tag and two files) and sets a
     * version's description and its tag {@code rev} to the same counter in one update, then moves it
     * to STAGING, which archives the version there before; two readers check that no read shows
     * half a registration, the description of one update with the tag of another, or two versions
     * (or none, once there was one) in STAGING.
     */
    private static void readWhileWriting(MetadataStore store) throws Exception {
        StoreOps.of(store).createModel(new NewModel(MODEL, "", Map.of(), "alice", T0));
        StoreOps.of(store).insert(version());
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WRITING_MILLIS);
            Future<Integer> writer = threads.submit(() -> {
                int writes = 0;
                while (System.nanoTime() - end < 0) {
                    VersionRecord latest = StoreOps.of(store).insert(version());
                    for (int rev = 1; rev <= 3; rev++) {
                        StoreOps.of(store).update(new VersionUpdate(MODEL, latest.version(), "rev " + rev,
                                Map.of("rev", Integer.toString(rev)), Set.of(), "dave", T0));
                    }
                    StoreOps.of(store).transition(new TransitionRequest(MODEL, latest.version(), "DEVELOPMENT", "STAGING",
                            "ARCHIVED", "erin", T0, "promoted"));
                    writes++;
                }
                return writes;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(threads.submit(() -> {
                    int reads = 0;
                    boolean staged = false;
                    while (!writer.isDone()) {
                        VersionRecord latest = store.latestVersion(MODEL).orElseThrow();
                        checkWhole(latest);
                        checkWhole(store.version(MODEL, 1 + ThreadLocalRandom.current().nextInt(latest.version()))
                                .orElseThrow());
                        List<VersionRecord> all = store.versions(MODEL);
                        all.forEach(ConsistentReadsTest::checkWhole);
                        long inStaging = all.stream().filter(v -> v.stage().equals("STAGING")).count();
                        staged |= inStaging > 0;
                        assertThat(inStaging).as("versions in STAGING").isEqualTo(staged ? 1 : 0);
                        store.newestInStage(MODEL, "STAGING").ifPresent(v -> {
                            checkWhole(v);
                            assertThat(v.stage()).isEqualTo("STAGING");
                        });
                        reads++;
                    }
                    return reads;
                }));
            }
            assertThat(writer.get(60, TimeUnit.SECONDS)).isPositive();
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void checkWhole(VersionRecord v) {
        assertThat(v.params()).as("params of %s", v).containsEntry("max_depth", "6");
        assertThat(v.metrics()).as("metrics of %s", v).containsEntry("auc", 0.931);
        assertThat(v.files()).as("files of %s", v).hasSize(2);
        String rev = v.tags().get("rev");
        assertThat(v.description()).as("description and tag rev of %s", v).isEqualTo(rev == null ? "" : "rev " + rev);
    }

    private static NewVersion version() {
        return new NewVersion(MODEL, "DEVELOPMENT", "", Map.of("max_depth", "6"), Map.of("auc", 0.931), Map.of(),
                List.of(new FileEntry("a.onnx", 1, "a".repeat(64)), new FileEntry("b.json", 2, "b".repeat(64))),
                "sha256:" + "d".repeat(64), "bob", T0);
    }
}
