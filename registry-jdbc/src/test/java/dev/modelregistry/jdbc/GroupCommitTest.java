package dev.modelregistry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.spi.ChangeConflictException;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import dev.modelregistry.testkit.StoreOps;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Change sets queued while a group runs are applied together as the next group, and each one
 * still takes effect wholly or not at all: one refused by a precondition, one whose mutation
 * fails, and the ones that hold, side by side in one transaction.
 */
class GroupCommitTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Target V1 = Target.version("fraud", 1);

    private final String url = "jdbc:h2:mem:group-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000";
    private final JdbcMetadataStore store = JdbcMetadataStore.create(url, "sa", "");
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        threads.shutdownNow();
        store.close();
    }

    @Test
    void changeSetsQueuedBehindARunningGroupAreAppliedAsOneGroupEachWhollyOrNotAtAll() throws Exception {
        StoreOps ops = StoreOps.of(store);
        ops.insert(version("fraud"));
        ops.insert(version("blocker"));
        long head = store.journalHead().sequence();
        GroupCommit commits = new GroupCommit(store.transactions(), new ChangeWriter(Dialect.H2), 1);

        Future<?> first;
        try (Connection other = DriverManager.getConnection(url, "sa", "")) {
            // Another connection holds the row of model "blocker", so the first group waits for it.
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("SELECT * FROM models WHERE model_name = 'blocker' FOR UPDATE");
            }
            first = threads.submit(() -> commits.apply(tag(Target.version("blocker", 1), "first")));
            await(() -> commits.running() == 1 && commits.queued() == 0);

            List<ChangeSet> queued = List.of(
                    tag(V1, "a"),
                    tag(V1, "refused", new Precondition.DescriptionIs(V1, "not its description")),
                    changeSet(List.of(), List.of(new Mutation.SetTag(V1, "failed", null, "v"),
                            new Mutation.InsertVersion(version("never-created")))),
                    changeSet(List.of(new Precondition.ModelExists("fraud")),
                            List.of(new Mutation.InsertVersion(version("fraud")))),
                    tag(V1, "b"));
            List<Future<String>> outcomes = new ArrayList<>();
            for (ChangeSet changes : queued) {
                outcomes.add(threads.submit(() -> {
                    try {
                        return "applied " + commits.apply(changes).entries().size();
                    } catch (ChangeConflictException e) {
                        return "refused";
                    } catch (IllegalStateException e) {
                        return "failed";
                    }
                }));
                // One at a time, so that the queue (and the journal) keeps this order.
                int behind = outcomes.size();
                await(() -> commits.queued() == behind);
            }
            other.rollback();

            first.get(60, TimeUnit.SECONDS);
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }
            assertThat(results).containsExactly("applied 1", "refused", "failed", "applied 1", "applied 1");
        }

        assertThat(commits.groups()).as("groups: the first, then the five queued behind it").isEqualTo(2);
        assertThat(store.version("fraud", 1).orElseThrow().tags()).containsKeys("a", "b")
                .doesNotContainKeys("refused", "failed");
        assertThat(store.version("fraud", 2)).isPresent();
        assertThat(store.model("never-created")).isEmpty();
        List<JournalEntry> entries = store.journal(head, 100);
        assertThat(entries).extracting(JournalEntry::sequence).containsExactly(head + 1, head + 2, head + 3, head + 4);
        assertThat(entries).extracting(JournalEntry::subject)
                .containsExactly("blocker@1", "fraud@1", "fraud@2", "fraud@1");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(5);
        }
    }

    private static NewVersion version(String model) {
        return new NewVersion(model, "DEVELOPMENT", "", Map.of(), Map.of(), Map.of(), List.of(),
                "0".repeat(64), "bob", AT);
    }

    private static ChangeSet tag(Target target, String key, Precondition... extra) {
        List<Precondition> preconditions = new ArrayList<>(List.of(extra));
        preconditions.add(new Precondition.TagIs(target, key, null));
        return changeSet(preconditions, List.of(new Mutation.SetTag(target, key, null, "v")));
    }

    private static ChangeSet changeSet(List<Precondition> preconditions, List<Mutation> mutations) {
        Target target = mutations.get(0) instanceof Mutation.SetTag t ? t.target() : Target.model("fraud");
        EntryDraft entry = mutations.get(0) instanceof Mutation.InsertVersion
                ? EntryDraft.ofInsertedVersion("version.registered", "fraud", "{}")
                : EntryDraft.of("version.updated", target, "{}");
        return StoreOps.changeSet("dave", AT, preconditions, mutations, List.of(entry));
    }
}
