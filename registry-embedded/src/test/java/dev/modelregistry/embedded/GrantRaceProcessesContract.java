package dev.modelregistry.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.Registry;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Role;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalReport;
import dev.modelregistry.journal.Operations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process grants a worker PROMOTER on a model (or on its namespace) and revokes it again, over
 * and over, while two other processes register, promote and alias as that worker
 * ({@link GrantRaceChild}): a write's decision reads the grants, and the store checks at the commit
 * that the grant it rests on is still held, so no change of the worker commits between a revocation
 * and the next grant. The test reads the whole journal afterwards and replays the grant. Subclasses
 * say which backend.
 */
abstract class GrantRaceProcessesContract {

    static final Principal APP = Principal.service("app");
    static final Principal WORKER = Principal.user("worker");
    static final String MODEL = "race/m";

    static final int WORKERS = 2;
    static final int ROUNDS = 150;
    static final int SECONDS = 6;

    private static final ObjectMapper JSON = new ObjectMapper();

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

    private Child start(String name, String... args) throws Exception {
        Child child = Child.start(GrantRaceChild.class, name, backend(), dir.resolve("logs"), args);
        children.add(child);
        return child;
    }

    /** The grant the granter gives and takes back: the worker as PROMOTER on {@code scope}. */
    static Grant grant(Scope scope) {
        return new Grant(WORKER.subject(), Role.PROMOTER, scope);
    }

    @Test
    void noChangeOfTheWorkerCommitsWhileItsGrantOnTheModelIsRevokedThoughRevocationsRaceItsWritesFromAnotherProcess()
            throws Exception {
        race(Scope.model(MODEL));
    }

    /**
     * Revoking a grant on the namespace locks no model row that the worker's change locks too (as the
     * revocation of a grant on the model does), so only the journal head, held by the store from the
     * check of the grant to the commit, orders the two.
     */
    @Test
    void noChangeOfTheWorkerCommitsWhileItsGrantOnTheNamespaceIsRevokedThoughRevocationsRaceItsWritesFromAnotherProcess()
            throws Exception {
        race(Scope.namespaceOf(MODEL));
    }

    private void race(Scope scope) throws Exception {
        Grant grant = grant(scope);
        // This process opens the registry first and keeps it open: on the embedded default it hosts the database.
        try (Registry registry = backend().open(APP, AccessPolicy.grants(), APP.subject())) {
            registry.register(MODEL).content("model.bin", new byte[] {1}).commit();

            List<Child> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                workers.add(start("worker-" + w, "work", "w" + w, Long.toString(System.nanoTime() + w)));
            }
            for (Child worker : workers) {
                worker.awaitReady();
            }
            Child granter = start("granter", "grant", scope.toString(), Integer.toString(ROUNDS),
                    Integer.toString(SECONDS), Long.toString(System.nanoTime()));
            granter.awaitSuccess();
            for (Child worker : workers) {
                worker.closeInput();
            }
            for (Child worker : workers) {
                worker.awaitSuccess();
            }

            Replay replay = replay(JournalLedger.readAll(registry), grant);
            long acknowledged = workers.stream().mapToLong(w -> w.count("COMMITTED")).sum();
            long denied = workers.stream().mapToLong(w -> w.count("DENIED")).sum();
            System.out.printf("%s, %s: %s; %d worker changes committed (%d journal entries), %d denied (%d journaled)"
                            + ", %d refused, %d conflicts%n", backend(), grant, granter.lines().stream()
                            .filter(l -> l.startsWith("ROUNDS")).findFirst().orElse("-"),
                    acknowledged, replay.workerEntries, denied, replay.denials,
                    workers.stream().mapToLong(w -> w.count("REFUSED")).sum(),
                    workers.stream().mapToLong(w -> w.count("CONFLICT")).sum());

            assertThat(replay.violations).as("changes of the worker that the grant did not allow when they committed")
                    .isEmpty();
            assertThat(replay.toggles).as("grants and revocations in the journal")
                    .isEqualTo(granter.count("GRANTED") + granter.count("REVOKED"));
            assertThat(replay.workerChanges.size()).as("changes of the worker in the journal, one per acknowledged")
                    .isEqualTo(acknowledged);
            // Both sides of the race were exercised.
            assertThat(acknowledged).as("worker changes that committed").isPositive();
            assertThat(denied).as("worker changes that were denied").isPositive();
            assertThat(replay.denials).as("denials in the journal").isPositive();
            JournalReport report = registry.journal().verify();
            assertThat(report.intact()).as("%s", report.problem()).isTrue();
            assertThat(report.authorized()).as("%s", report.unauthorized()).isTrue();
        }
    }

    /** What replaying the journal in sequence order found. */
    private static final class Replay {
        final List<String> violations = new ArrayList<>();
        /** The request ids of the worker's committed changes: one per change set, whatever its entries. */
        final Set<String> workerChanges = new HashSet<>();
        long workerEntries;
        long denials;
        long toggles;
    }

    /**
     * Tracks whether {@code grant} is held, entry by entry, and checks that every entry of the
     * worker other than a denial comes while it is held and names it as what allowed it.
     */
    private static Replay replay(List<JournalEntry> journal, Grant grant) {
        Replay replay = new Replay();
        boolean held = false;
        for (JournalEntry e : journal) {
            JsonNode details = parse(e);
            boolean granted = e.operation().equals(Operations.ACCESS_GRANTED);
            if ((granted || e.operation().equals(Operations.ACCESS_REVOKED)) && grant.equals(grantOf(details))) {
                if (held == granted) {
                    replay.violations.add("entry " + e.sequence() + " " + e.operation() + " while it was "
                            + (held ? "held" : "not held"));
                }
                held = granted;
                replay.toggles++;
            }
            if (!e.principal().equals(WORKER.id())) {
                continue;
            }
            if (e.operation().equals(Operations.ACCESS_DENIED)) {
                replay.denials++;
                continue;
            }
            replay.workerEntries++;
            replay.workerChanges.add(e.requestId());
            if (!held) {
                replay.violations.add("entry " + e.sequence() + " " + e.operation() + " of " + e.subject()
                        + " committed while the grant was revoked");
            }
            JsonNode allowedBy = details.path("authorizedBy").path("grant");
            if (allowedBy.isMissingNode() || !grant.equals(grantOf(allowedBy))) {
                replay.violations.add("entry " + e.sequence() + " " + e.operation() + " is authorized by "
                        + details.path("authorizedBy"));
            }
        }
        return replay;
    }

    private static JsonNode parse(JournalEntry e) {
        try {
            return JSON.readTree(e.details());
        } catch (java.io.IOException ex) {
            throw new AssertionError("the details of entry " + e.sequence() + " are not JSON: " + e.details(), ex);
        }
    }

    /** The grant that {@code {"subject":..,"role":..,"scope":..}} names. */
    private static Grant grantOf(JsonNode node) {
        return new Grant(Subject.parse(node.path("subject").asText()), Role.parse(node.path("role").asText()),
                Scope.parse(node.path("scope").asText()));
    }
}
