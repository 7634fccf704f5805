package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.Registry;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalPage;
import dev.modelregistry.journal.JournalQuery;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JournalVisibilityTest {

    private final InMemoryMetadataStore store = new InMemoryMetadataStore();
    private final AtomicInteger tested = new AtomicInteger();
    private Registry registry;
    private DefaultJournal journal;

    @BeforeEach
    void writeAJournalWhereOnlyAlicesEntriesAreVisible() {
        registry = Registries.builder().metadataStore(store).artifactStore(new InMemoryArtifactStore())
                .principal("alice").build();
        registry.register("a").content("m", new byte[] {1}).commit();             // 1, 2 alice
        for (int i = 0; i < 5; i++) {
            registry.as("bob").register("b").content("m", new byte[] {2}).commit(); // 3 .. 8 bob
        }
        registry.register("a").content("m", new byte[] {3}).commit();             // 9 alice
        registry.as("bob").register("b").content("m", new byte[] {4}).commit();   // 10 bob
        journal = new DefaultJournal(store, new Listeners(), () -> { }, ((DefaultRegistry) registry).guard(), e -> {
            tested.incrementAndGet();
            return e.principal().equals("alice");
        });
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aQueryReadsOnPastHiddenEntriesUntilItsPageIsFull() {
        JournalPage first = journal.query(JournalQuery.all().withLimit(2));
        JournalPage second = journal.query(JournalQuery.all().withLimit(2).withAfter(first.next()));

        assertThat(first.entries()).extracting(JournalEntry::sequence).containsExactly(1L, 2L);
        assertThat(first.more()).isTrue();
        assertThat(second.entries()).extracting(JournalEntry::sequence).containsExactly(9L);
        assertThat(second.next()).as("the last entry shown, not the hidden one read after it").isEqualTo(9);
        assertThat(second.more()).isFalse();
        assertThat(tested.get()).isEqualTo(10);
    }

    @Test
    void aQueryThatMatchesOnlyHiddenEntriesAnswersAsIfThereWereNone() {
        JournalPage hidden = journal.query(JournalQuery.all().withAfter(2).withPrincipal("bob"));
        JournalPage none = journal.query(JournalQuery.all().withAfter(2).withPrincipal("nobody"));

        assertThat(hidden).isEqualTo(none);
        assertThat(hidden.next()).isEqualTo(2);
        assertThat(hidden.more()).isFalse();
    }

    @Test
    void aFullPageStopsAtItsLastVisibleEntry() {
        JournalPage page = journal.query(JournalQuery.all().withLimit(3));

        assertThat(page.entries()).extracting(JournalEntry::sequence).containsExactly(1L, 2L, 9L);
        assertThat(page.next()).isEqualTo(9);
        assertThat(page.more()).isTrue();
        assertThat(journal.query(JournalQuery.all().withLimit(3).withAfter(page.next())).entries()).isEmpty();
    }

    @Test
    void anExportWritesOnlyTheVisibleEntries() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long written = journal.export(JournalQuery.all().withLimit(1), out);

        List<String> principals = new ArrayList<>();
        out.toString(StandardCharsets.UTF_8).lines().forEach(l -> principals.add(JournalLines.parse(l).principal()));
        assertThat(written).isEqualTo(3);
        assertThat(principals).containsExactly("alice", "alice", "alice");
    }
}
