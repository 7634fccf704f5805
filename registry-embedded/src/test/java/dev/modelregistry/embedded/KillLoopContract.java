package dev.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.FileEntry;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.StageTransition;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writer processes ({@link RegistryChild} {@code crash} mode) register and promote versions of
 * one model while the test kills them with SIGKILL at random moments, alternately: the process
 * that opened the registry first (with the embedded backend, the one hosting the H2 database)
 * while the other writes, and the other one while the first writes. A killed writer is replaced
 * at once. After every kill the test opens the registry and checks that every write a writer
 * acknowledged is there and verifies, that no version is half there or there twice, and that
 * exactly one version is in production, and that the journal is intact and registers each version
 * once; after killing the first process it also checks that the surviving writer goes on writing
 * without reopening its registry. At the end it kills both writers and checks that the changes
 * and the journal's entries match one to one.
 */
abstract class KillLoopContract {

    @TempDir
    Path dir;

    private final Random random = new Random();
    private final List<Child> children = new ArrayList<>();
    private final Map<Integer, String> acknowledged = new HashMap<>();
    private final Set<Integer> promoted = new HashSet<>();
    private final Set<Integer> verified = new HashSet<>();
    private final Set<Integer> historyChecked = new HashSet<>();
    private int started;

    /** The registry under test, new and empty for each test. */
    protected abstract Backend backend();

    /** How many times each kind of kill happens; the test kills twice as many processes. */
    protected abstract int rounds();

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

    @Test
    void everyAcknowledgedWriteSurvivesKillingWritersIncludingTheOneThatOpenedFirst() throws Exception {
        Child first = startWriter();
        first.awaitLines(l -> l.startsWith("COMMITTED"), 1, "register a version");
        Child second = startWriter();
        int kills = 0;
        for (int round = 0; round < rounds(); round++) {
            // The second writer dies while the first one writes.
            awaitMoreCommits(second, 1 + random.nextInt(10));
            awaitMoreCommits(first, 1);
            Thread.sleep(random.nextInt(20));
            second.kill();
            kills++;
            long killed = System.nanoTime();
            Child replacement = startWriter();
            checkEverythingAcknowledgedIsThere(second, first);
            log("kill %d: second writer; checked in %d ms", kills, killed);

            // The first writer (the H2 host, with the embedded backend) dies while the other writes.
            awaitMoreCommits(replacement, 1 + random.nextInt(5));
            Thread.sleep(random.nextInt(20));
            first.kill();
            kills++;
            killed = System.nanoTime();
            // The survivor takes the database over and goes on, without reopening its registry.
            awaitMoreCommits(replacement, 2);
            log("kill %d: first writer; the survivor went on after %d ms", kills, killed);
            Child next = startWriter();
            checkEverythingAcknowledgedIsThere(first, replacement);
            log("kill %d: checked in %d ms", kills, killed);

            first = replacement;
            second = next;
        }
        first.kill();
        second.kill();
        checkEverythingAcknowledgedIsThere(first, second);
        try (Registry registry = backend().open("checker")) {
            // With every writer killed: every visible change has exactly one entry, and every entry its change.
            JournalLedger.checkMatches(registry, RegistryChild.CRASH_MODEL);
        }
        System.out.printf("%s: %d kills, %d versions acknowledged, %d promotions acknowledged%n",
                backend(), kills, acknowledged.size(), promoted.size());
        assertThat(kills).isEqualTo(2 * rounds());
    }

    /** Progress for the test's output: where the time goes on a slow machine. */
    private static void log(String format, int kill, long since) {
        System.out.printf(format + "%n", kill, (System.nanoTime() - since) / 1_000_000);
    }

    private Child startWriter() throws Exception {
        Child child = Child.start("writer-" + started, backend(), dir.resolve("logs"), "crash", "w" + started);
        started++;
        children.add(child);
        // Not waiting for it to open the registry: its JVM starts while the test checks.
        return child;
    }

    /** Waits until the writer acknowledged {@code more} registrations beyond what it has so far. */
    private static void awaitMoreCommits(Child writer, int more) throws InterruptedException {
        long now = writer.count("COMMITTED");
        writer.awaitLines(l -> l.startsWith("COMMITTED"), now + more, "register " + more + " more versions");
    }

    private void checkEverythingAcknowledgedIsThere(Child killed, Child survivor) throws Exception {
        record(killed);
        record(survivor);
        survivor.checkNoError();
        try (Registry registry = backend().open("checker")) {
            List<ModelVersion> all = registry.versions(RegistryChild.CRASH_MODEL);
            Map<Integer, ModelVersion> byNumber = new HashMap<>();
            Set<String> writes = new HashSet<>();
            for (ModelVersion v : all) {
                byNumber.put(v.version(), v);
                assertThat(writes.add(v.params().get("writer") + "/" + v.params().get("seq")))
                        .as("registered twice: %s", v).isTrue();
            }
            assertThat(byNumber.keySet()).as("numbers without gaps").hasSize(all.isEmpty() ? 0 : all.get(0).version());
            for (Map.Entry<Integer, String> ack : acknowledged.entrySet()) {
                ModelVersion v = byNumber.get(ack.getKey());
                assertThat(v).as("acknowledged version %s", ack.getKey()).isNotNull();
                String[] line = ack.getValue().split(" ");
                assertThat(v.params()).containsEntry("writer", line[2]).containsEntry("seq", line[3]);
                assertThat(v.digest()).isEqualTo(line[4]);
            }
            // No version is half there: each one, acknowledged or not, has both files, and they verify.
            for (ModelVersion v : all) {
                if (verified.add(v.version())) {
                    assertThat(v.files()).extracting(FileEntry::path).containsExactly("note.txt", "weights.bin");
                    for (FileEntry file : v.files()) {
                        try (InputStream in = registry.open(v, file.path())) {
                            assertThat(in.readAllBytes()).hasSize((int) file.size());
                        }
                    }
                }
            }
            List<ModelVersion> inProduction = all.stream().filter(v -> v.stage().equals(Stage.PRODUCTION)).toList();
            assertThat(inProduction).hasSizeLessThanOrEqualTo(1);
            if (!promoted.isEmpty()) {
                assertThat(inProduction).as("versions in production").hasSize(1);
            }
            JournalLedger.checkRegistrations(registry, RegistryChild.CRASH_MODEL);
            for (int version : promoted) {
                if (!historyChecked.add(version)) {
                    continue; // its writer promoted it once; later moves can only archive it
                }
                List<StageTransition> history = registry.history(byNumber.get(version).ref());
                assertThat(history).filteredOn(t -> t.to().equals(Stage.PRODUCTION))
                        .as("promotions of acknowledged %s", version).hasSize(1);
            }
        }
    }

    /** Adds what a writer acknowledged so far to the ledger. */
    private void record(Child writer) {
        for (String line : writer.lines()) {
            String[] f = line.split(" ");
            if (f[0].equals("COMMITTED") && f.length == 5) {
                acknowledged.put(Integer.parseInt(f[1]), line);
            } else if (f[0].equals("PROMOTED") && f.length == 2) {
                promoted.add(Integer.parseInt(f[1]));
            }
        }
    }
}
