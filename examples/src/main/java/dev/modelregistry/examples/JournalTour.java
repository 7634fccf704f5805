package dev.modelregistry.examples;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.core.Registries;
import dev.modelregistry.journal.Journal;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalFollower;
import dev.modelregistry.journal.JournalReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The journal in a few lines: every change is journaled; a deployer follows the journal from a
 * cursor; a listener hears of each commit; {@code verify()} checks the hash chain. Runs on a
 * throw-away in-memory registry; the same code works on the embedded default and on PostgreSQL,
 * where a follower also sees the changes of other processes.
 */
public final class JournalTour {

    private JournalTour() {
    }

    /**
     * Runs the tour and prints what it sees.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (Registry registry = Registries.inMemory()) {
            Journal journal = registry.journal();
            try (Journal.Subscription listener = journal.subscribe(entries ->
                    System.out.println("committed: " + entries.size() + " entries"))) {
                ModelVersion v1 = registry.register("fraud-detector")
                        .content("model.onnx", "weights v1".getBytes(StandardCharsets.UTF_8)).commit();
                ModelVersion v2 = registry.register("fraud-detector")
                        .content("model.onnx", "weights v2".getBytes(StandardCharsets.UTF_8)).commit();
                registry.transition(v1, Stage.PRODUCTION, "first release");
                registry.as("release-manager").transition(v2, Stage.PRODUCTION, "beats v1 on holdout");
                registry.tagModel("fraud-detector", "team", "risk");
            }

            // A deployer resumes from the last sequence it handled (0 the first time).
            long cursor = 0;
            try (JournalFollower follower = journal.follow(cursor)) {
                List<JournalEntry> entries = follower.poll(100, Duration.ofSeconds(1));
                for (JournalEntry e : entries) {
                    System.out.printf("%d %s %s by %s %s%n", e.sequence(), e.operation(), e.subject(), e.principal(),
                            e.details());
                }
                cursor = follower.position();
            }

            JournalReport report = journal.verify();
            System.out.println("journal head " + cursor + ", intact: " + report.intact());
        }
    }
}
