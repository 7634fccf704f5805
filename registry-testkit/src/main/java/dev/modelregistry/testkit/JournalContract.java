package dev.modelregistry.testkit;

import static dev.modelregistry.testkit.MetadataStoreFixtures.DEVELOPMENT;
import static dev.modelregistry.testkit.MetadataStoreFixtures.STAGING;
import static dev.modelregistry.testkit.MetadataStoreFixtures.at;
import static dev.modelregistry.testkit.MetadataStoreFixtures.concurrently;
import static dev.modelregistry.testkit.MetadataStoreFixtures.newVersion;
import static dev.modelregistry.testkit.StoreOps.changeSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.spi.AppliedChange;
import dev.modelregistry.spi.ChangeConflictException;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.JournalHashes;
import dev.modelregistry.spi.JournalHead;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * How a store keeps the journal: every applied change set appends its entries in one gapless,
 * hash-chained sequence in commit order; a refused one appends nothing. Run by
 * {@link MetadataStoreContract} as a nested group; {@link #store()} is the store under test.
 */
public abstract class JournalContract {

    /** The store under test, fresh for each test. */
    protected abstract MetadataStore store();

    private StoreOps ops() {
        return new StoreOps(store());
    }

    private List<JournalEntry> all() {
        return store().journal(0, 100_000);
    }

    @Test
    void aNewStoreHasAnEmptyJournal() {
        assertThat(all()).isEmpty();
        assertThat(store().journalHead()).isEqualTo(JournalHead.EMPTY);
        assertThat(store().journalEntryWithHash(JournalHashes.GENESIS)).isEmpty();
    }

    @Test
    void appliedEntriesCarryTheChangeSetsFieldsAndTheirChain() {
        Target model = Target.model("fraud");
        String details = "{\"description\":\"Détecteur ✓ 🚀\",\"n\":1}";
        ChangeSet changes = changeSet("alice", at(3), List.of(new Precondition.ModelAbsent("fraud")),
                List.of(new Mutation.CreateModel("fraud", "", java.util.Map.of(), "alice", at(3)),
                        new Mutation.InsertVersion(newVersion("fraud"))),
                List.of(EntryDraft.of("model.created", model, details),
                        EntryDraft.ofInsertedVersion("version.registered", "fraud", "{}")));

        AppliedChange applied = store().apply(changes);

        JournalEntry first = new JournalEntry(1, at(3), "alice", "model.created", "fraud", 0, details,
                changes.requestId(), JournalHashes.GENESIS,
                JournalHashes.hash(1, at(3), "alice", "model.created", "fraud", 0, changes.requestId(), details,
                        JournalHashes.GENESIS));
        JournalEntry second = new JournalEntry(2, at(3), "alice", "version.registered", "fraud", 1, "{}",
                changes.requestId(), first.hash(),
                JournalHashes.hash(2, at(3), "alice", "version.registered", "fraud", 1, changes.requestId(), "{}",
                        first.hash()));
        assertThat(applied.insertedVersion()).isEqualTo(1);
        assertThat(applied.entries()).containsExactly(first, second);
        assertThat(all()).containsExactly(first, second);
        assertThat(store().journalHead()).isEqualTo(new JournalHead(2, second.hash()));
        assertThat(store().journalEntryWithHash(first.hash())).contains(first);
    }

    @Test
    void theInsertedVersionsNumberIsRecordedOnItsEntry() {
        ops().insert(newVersion("fraud"));
        ops().insert(newVersion("fraud"));
        ops().insert(newVersion("other"));

        assertThat(all()).extracting(e -> e.operation() + " " + e.subject()).containsExactly(
                "model.created fraud", "version.registered fraud@1", "version.registered fraud@2",
                "model.created other", "version.registered other@1");
    }

    @Test
    void aRefusedChangeSetAppendsNothing() {
        ops().insert(newVersion("fraud"));
        List<JournalEntry> before = all();

        assertThatThrownBy(() -> ops().transition(new StoreOps.TransitionRequest("fraud", 1, STAGING, DEVELOPMENT,
                null, "carol", at(4), ""))).isInstanceOf(ChangeConflictException.class);

        assertThat(all()).isEqualTo(before);
    }

    @Test
    void entriesArePagedAfterACursor() {
        for (int i = 0; i < 12; i++) {
            ops().insert(newVersion("fraud"));
        }

        assertThat(store().journal(0, 5)).extracting(JournalEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(store().journal(5, 5)).extracting(JournalEntry::sequence).containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(store().journal(10, 5)).extracting(JournalEntry::sequence).containsExactly(11L, 12L, 13L);
        assertThat(store().journal(13, 5)).isEmpty();
        assertThat(store().journal(99, 5)).isEmpty();
    }

    @Test
    void concurrentWritersGetAGaplessChainInCommitOrder() throws InterruptedException {
        int threads = 8;
        int perThread = 10;

        concurrently(threads, t -> () -> {
            for (int i = 0; i < perThread; i++) {
                ops().insert(newVersion("model-" + t));
            }
            return null;
        });

        List<JournalEntry> entries = all();
        int expected = threads * (perThread + 1);
        assertThat(entries).extracting(JournalEntry::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().collect(Collectors.toList()));
        String previous = JournalHashes.GENESIS;
        for (JournalEntry e : entries) {
            assertThat(e.previousHash()).as("entry %d", e.sequence()).isEqualTo(previous);
            assertThat(JournalHashes.hashOf(e)).as("entry %d", e.sequence()).isEqualTo(e.hash());
            previous = e.hash();
        }
        assertThat(store().journalHead()).isEqualTo(new JournalHead(expected, previous));
        List<String> registered = new ArrayList<>();
        entries.stream().filter(e -> e.operation().equals("version.registered")).forEach(e -> registered.add(
                e.subject()));
        assertThat(registered).hasSize(threads * perThread).doesNotHaveDuplicates();
    }
}
