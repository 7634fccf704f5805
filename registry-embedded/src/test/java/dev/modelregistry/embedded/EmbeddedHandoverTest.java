package dev.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.FileEntry;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hands the embedded database over from process to process while two writer processes with four
 * threads each register without pause: 20 times the process that hosts the database goes away,
 * alternately exiting normally (SIGTERM, whose shutdown hook closes the registry) and killed with
 * SIGKILL. Before each handover a fresh standby process opens the registry, so that there is
 * always a candidate besides the writers; whichever process hosts is the one that goes, also when
 * it is a writer, which is then replaced.
 *
 * <p>No operation of a process that is not going away may fail (an {@code ERROR} line fails the
 * test), another process must host within seconds, every surviving writer must go on within
 * seconds, and at the end every acknowledged registration must be there exactly once, under the
 * acknowledged number, and verify. The limits are generous: they catch a stall, they do not
 * measure speed.
 */
class EmbeddedHandoverTest {

    private static final int HANDOVERS = 20;
    private static final int WRITER_THREADS = 4;

    /** How long another process may take to host the database after the host went away. */
    private static final long TAKEOVER_SECONDS = 30;

    /** How long a surviving writer may take to register again after the host went away. */
    private static final long RESUME_SECONDS = 30;

    /** Kept after a failure: the children's output and H2's trace file say what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Backend backend;
    private final List<Child> children = new ArrayList<>();
    private final List<Child> writers = new ArrayList<>();
    private int started;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Child child : children) {
            child.killIfAlive();
        }
    }

    @Test
    void anotherProcessTakesOverWithinSecondsAndNoOperationOfTheOthersFailsOrIsAppliedTwice() throws Exception {
        backend = Backend.embedded(dir.resolve("registry"));
        System.out.println("handover test in " + dir);
        Child first = start("standby").awaitReady();
        first.awaitLines("HOSTING"::equals, 1, "host the database");
        writers.add(start("writer"));
        writers.add(start("writer"));
        for (Child writer : writers) {
            awaitMoreCommits(writer, 5, Child.PATIENCE_SECONDS);
        }

        for (int handover = 1; handover <= HANDOVERS; handover++) {
            start("standby").awaitReady();
            Child host = currentHost(null);
            boolean kill = handover % 2 == 0;
            List<Child> survivors = new ArrayList<>(writers);
            survivors.remove(host);
            long gone = System.nanoTime();
            if (kill) {
                host.kill();
            } else {
                host.terminate();
            }
            if (writers.remove(host)) {
                writers.add(start("writer"));
            }
            Child successor = currentHost(host);
            long hosted = System.nanoTime();
            for (Child writer : survivors) {
                awaitMoreCommits(writer, 2, RESUME_SECONDS);
            }
            System.out.printf("handover %d: %s %s, %s hosts after %d ms, the writers went on after %d ms%n",
                    handover, kill ? "killed" : "terminated", host.name(), successor.name(),
                    TimeUnit.NANOSECONDS.toMillis(hosted - gone),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - gone));
            for (Child child : children) {
                if (child.isAlive()) {
                    child.checkNoError();
                }
            }
        }

        // The writers stop one after the other, each closing its registry (and handing the
        // database over if it hosts), then the standbys.
        for (Child writer : writers) {
            writer.closeInput();
            writer.awaitSuccess();
        }
        for (Child child : children) {
            if (child.isAlive()) {
                child.closeInput();
                child.awaitSuccess();
            }
        }
        checkEveryAcknowledgedRegistrationIsThereOnce();
    }

    private Child start(String mode) throws Exception {
        String name = mode + "-" + started++;
        Child child = mode.equals("writer")
                ? Child.start(HandoverChild.class, name, backend, dir.resolve("logs"), "writer", name,
                        Integer.toString(WRITER_THREADS))
                : Child.start(HandoverChild.class, name, backend, dir.resolve("logs"), mode);
        children.add(child);
        return child;
    }

    /**
     * Waits until exactly one running child other than {@code not} reports that it hosts the
     * database, and returns it.
     */
    private Child currentHost(Child not) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TAKEOVER_SECONDS);
        while (true) {
            List<Child> hosting = new ArrayList<>();
            for (Child child : children) {
                if (child != not && child.isAlive() && hosts(child)) {
                    hosting.add(child);
                }
                if (child.isAlive()) {
                    child.checkNoError();
                }
            }
            if (hosting.size() == 1) {
                return hosting.get(0);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("after " + TAKEOVER_SECONDS + " s, these processes host the database: "
                        + hosting.stream().map(Child::name).toList());
            }
            Thread.sleep(20);
        }
    }

    /** Whether the child's latest report says that it hosts the database. */
    private static boolean hosts(Child child) {
        List<String> lines = child.lines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.equals("HOSTING")) {
                return true;
            }
            if (line.equals("NOT HOSTING")) {
                return false;
            }
        }
        return false;
    }

    private static void awaitMoreCommits(Child writer, int more, long seconds) throws InterruptedException {
        long now = writer.count("COMMITTED");
        writer.awaitLines(l -> l.startsWith("COMMITTED"), now + more, "register " + more + " more versions", seconds);
    }

    private void checkEveryAcknowledgedRegistrationIsThereOnce() throws Exception {
        Map<String, String[]> acknowledged = new HashMap<>();
        for (Child child : children) {
            for (String line : child.lines()) {
                String[] f = line.split(" ");
                if (f[0].equals("COMMITTED")) {
                    assertThat(acknowledged.put(f[2], f)).as("acknowledged twice: %s", f[2]).isNull();
                }
            }
        }
        try (Registry registry = backend.open("checker")) {
            List<ModelVersion> all = registry.versions(HandoverChild.MODEL);
            Map<String, ModelVersion> byId = new HashMap<>();
            for (ModelVersion v : all) {
                String id = v.params().get("id");
                assertThat(byId.put(id, v)).as("registered twice: %s", id).isNull();
            }
            assertThat(all).extracting(ModelVersion::version).doesNotHaveDuplicates();
            for (String[] ack : acknowledged.values()) {
                ModelVersion v = byId.get(ack[2]);
                assertThat(v).as("acknowledged registration %s", ack[2]).isNotNull();
                assertThat(v.version()).as("number of %s", ack[2]).isEqualTo(Integer.parseInt(ack[1]));
                assertThat(v.digest()).as("digest of %s", ack[2]).isEqualTo(ack[3]);
            }
            for (ModelVersion v : all) {
                assertThat(v.files()).extracting(FileEntry::path).containsExactly("model.bin");
                try (InputStream in = registry.open(v, "model.bin")) {
                    assertThat(in.readAllBytes()).isEqualTo(HandoverChild.content(v.params().get("id")));
                }
            }
            System.out.printf("%d handovers, %d registrations acknowledged, %d in the registry%n",
                    HANDOVERS, acknowledged.size(), all.size());
        }
    }
}
