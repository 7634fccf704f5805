package dev.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.journal.JournalEntry;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several JVMs on one registry at once, each a real process running {@link RegistryChild}: what
 * every backend promises to many processes. Subclasses say which backend; they run unchanged on
 * the embedded default (H2 shared in {@code AUTO_SERVER} mode) and on database servers.
 */
abstract class ManyProcessesContract {

    static final int PROCESSES = 4;
    static final int THREADS = 4;
    static final int REGISTRATIONS = 50;

    @TempDir
    Path dir;

    private final List<Child> children = new ArrayList<>();

    /** The registry under test, new and empty for each test. */
    protected abstract Backend backend();

    /** Runs after the children are gone, for example to drop a schema they used. */
    protected void afterChildren() {
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        try {
            for (Child child : children) {
                child.killIfAlive();
            }
        } finally {
            afterChildren();
        }
    }

    Child start(String name, String... args) throws Exception {
        Child child = Child.start(name, backend(), dir.resolve("logs"), args);
        children.add(child);
        return child;
    }

    @Test
    void versionNumbersStayGaplessAndUniqueWhenProcessesRegisterAtOnce() throws Exception {
        int total = PROCESSES * THREADS * REGISTRATIONS;
        List<Child> writers = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            writers.add(start("writer-" + p, "register", "w" + p, Integer.toString(THREADS),
                    Integer.toString(REGISTRATIONS)));
        }
        for (Child writer : writers) {
            writer.awaitSuccess();
        }

        Map<Integer, String> acknowledged = new HashMap<>();
        for (Child writer : writers) {
            for (String line : writer.lines()) {
                String[] f = line.split(" ");
                if (f[0].equals("COMMITTED")) {
                    assertThat(acknowledged.put(Integer.parseInt(f[1]), line))
                            .as("version %s acknowledged twice", f[1]).isNull();
                }
            }
        }
        assertThat(acknowledged).hasSize(total);
        try (Registry registry = backend().open("checker")) {
            List<ModelVersion> versions = registry.versions(RegistryChild.SHARED);
            List<Integer> newestFirst = IntStream.rangeClosed(1, total).map(i -> total + 1 - i).boxed().toList();
            assertThat(versions).extracting(ModelVersion::version).containsExactlyElementsOf(newestFirst);
            assertThat(registry.model(RegistryChild.SHARED).orElseThrow().latestVersion()).isEqualTo(total);
            Set<String> items = new HashSet<>();
            for (ModelVersion v : versions) {
                String[] f = acknowledged.get(v.version()).split(" ");
                assertThat(v.params()).containsEntry("writer", f[2]).containsEntry("thread", f[3])
                        .containsEntry("item", f[4]);
                assertThat(v.digest()).isEqualTo(f[5]);
                assertThat(items.add(f[2] + "/" + f[3] + "/" + f[4])).as("registered once: %s", v).isTrue();
                try (InputStream in = registry.open(v, "model.bin")) {
                    assertThat(in.readAllBytes()).isEqualTo(RegistryChild.content(f[2], Integer.parseInt(f[3]),
                            Integer.parseInt(f[4])));
                }
            }
        }
    }

    @Test
    void exactlyOneVersionIsInProductionAtEveryObservationWhileProcessesPromote() throws Exception {
        int candidates = 6;
        try (Registry registry = backend().open("setup")) {
            for (int i = 0; i < candidates; i++) {
                registry.register(RegistryChild.RANKER).content("model.bin", new byte[] {(byte) i}).commit();
            }
            registry.transition(registry.version(RegistryChild.RANKER, 1).orElseThrow(), Stage.PRODUCTION, "first");
        }
        // One observer in another process, one in this process.
        Child observer = start("observer", "observe").awaitReady();
        List<Child> promoters = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            promoters.add(start("promoter-" + p, "promote", "p" + p, "25", Integer.toString(candidates)));
        }
        AtomicLong localListings = new AtomicLong();
        List<String> localViolations = new ArrayList<>();
        AtomicInteger running = new AtomicInteger(1);
        Thread local = new Thread(() -> observeLocally(running, localListings, localViolations), "local-observer");
        try (Registry registry = backend().open("observer")) {
            local.start();
            for (Child promoter : promoters) {
                promoter.awaitSuccess();
            }
            running.set(0);
            local.join();
            observer.closeInput();
            observer.awaitSuccess();

            long promoted = promoters.stream().mapToLong(c -> c.count("PROMOTED")).sum();
            System.out.printf("%s: %d promotions, %d refused; %s; %d listings in this process%n", backend(),
                    promoted, promoters.stream().mapToLong(c -> c.count("REFUSED")).sum(),
                    observer.lines().stream().filter(l -> l.startsWith("OBSERVED")).findFirst().orElse("-"),
                    localListings.get());
            assertThat(promoted).as("promotions that succeeded").isPositive();
            assertThat(observer.lines()).filteredOn(l -> l.startsWith("VIOLATION")).isEmpty();
            assertThat(observer.count("OBSERVED")).isEqualTo(1);
            assertThat(localViolations).isEmpty();
            assertThat(localListings.get()).isPositive();
            List<ModelVersion> inProduction = registry.versions(RegistryChild.RANKER).stream()
                    .filter(v -> v.stage().equals(Stage.PRODUCTION)).toList();
            assertThat(inProduction).hasSize(1);
            // Every successful promotion is recorded once, plus the setup's.
            long recorded = 0;
            for (ModelVersion v : registry.versions(RegistryChild.RANKER)) {
                recorded += registry.history(v.ref()).stream().filter(t -> t.to().equals(Stage.PRODUCTION)).count();
            }
            assertThat(recorded).isEqualTo(promoted + 1);
        }
    }

    @Test
    void aFollowerInAnotherProcessSeesEveryCommittedEntryOnceAndInOrderWhileWritersAreKilled() throws Exception {
        Child follower = start("follower", "follow").awaitReady();
        List<Child> writers = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            writers.add(start("journal-writer-" + p, "crash", "j" + p));
        }
        // Each writer is killed in the middle of its work, rolling back whatever it was committing,
        // and replaced; the replacements are killed once they wrote too.
        for (int p = 0; p < 3; p++) {
            Child writer = writers.get(p);
            writer.awaitLines(l -> l.startsWith("COMMITTED"), 10 + 5 * p, "register versions");
            writer.kill();
            writers.add(start("journal-writer-" + (p + 3), "crash", "j" + (p + 3)));
        }
        for (Child writer : writers.subList(3, 6)) {
            writer.awaitLines(l -> l.startsWith("COMMITTED"), 20, "register versions");
        }
        for (Child writer : writers.subList(3, 6)) {
            writer.kill();
        }
        follower.closeInput();
        follower.awaitSuccess();

        List<String> followed = follower.lines().stream().filter(l -> l.startsWith("ENTRY ")).toList();
        try (Registry registry = backend().open("checker")) {
            List<JournalEntry> journal = JournalLedger.checkMatches(registry, RegistryChild.CRASH_MODEL);
            // The follower saw exactly the committed entries, each once, in order, none of a
            // rolled-back change (which would show as another hash at its sequence).
            assertThat(followed).containsExactlyElementsOf(journal.stream()
                    .map(e -> "ENTRY " + e.sequence() + " " + e.operation() + " " + e.model() + " " + e.version()
                            + " " + e.hash())
                    .toList());
            assertThat(follower.lines()).contains("FOLLOWED " + journal.size());
            for (Child writer : writers) {
                for (String line : writer.lines()) {
                    String[] f = line.split(" ");
                    if (f[0].equals("COMMITTED") && f.length == 5) {
                        assertThat(followed).as("registration of acknowledged version %s", f[1])
                                .anyMatch(l -> l.contains(" version.registered " + RegistryChild.CRASH_MODEL + " " + f[1] + " "));
                    } else if (f[0].equals("PROMOTED") && f.length == 2) {
                        assertThat(followed).as("promotion of acknowledged version %s", f[1])
                                .anyMatch(l -> l.contains(" version.stage_changed " + RegistryChild.CRASH_MODEL + " " + f[1] + " "));
                    }
                }
            }
            System.out.printf("%s: the follower saw %d entries from %d writers, %d of them killed mid-write%n",
                    backend(), followed.size(), writers.size(), writers.size());
        }
    }

    private void observeLocally(AtomicInteger running, AtomicLong listings, List<String> violations) {
        try (Registry registry = backend().open("local-observer")) {
            observe(registry, running, listings, violations);
        } catch (RuntimeException e) {
            synchronized (violations) {
                violations.add("observer failed: " + e);
            }
        }
    }

    private static void observe(Registry registry, AtomicInteger running, AtomicLong listings,
                                List<String> violations) {
        while (running.get() == 1) {
            List<ModelVersion> all = registry.versions(RegistryChild.RANKER);
            long inProduction = all.stream().filter(v -> v.stage().equals(Stage.PRODUCTION)).count();
            listings.incrementAndGet();
            if (inProduction != 1) {
                synchronized (violations) {
                    violations.add(inProduction + " in production: " + all);
                }
            }
            if (registry.find(RegistryChild.RANKER, Stage.PRODUCTION).isEmpty()) {
                synchronized (violations) {
                    violations.add("find(ranker, PRODUCTION) found nothing");
                }
            }
        }
    }
}
