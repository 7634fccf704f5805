package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.journal.Journal;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalPage;
import dev.modelregistry.journal.JournalQuery;
import dev.modelregistry.journal.Operations;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Audit queries and exports through the public API ({@link Journal#query}, {@link Journal#export}):
 * they select what {@link JournalQuery#matches} selects on every backend, page by the last sequence,
 * refuse bad queries, and export entries as JSON lines with their exact details. Run by
 * {@link RegistryContract} as a nested group; {@link #registry()} acts as {@code alice} at {@link #now()}.
 */
public abstract class RegistryJournalQueryContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The registry under test. */
    protected abstract Registry registry();

    /** The fixed time of the registry's clock. */
    protected abstract Instant now();

    private Journal journal() {
        return registry().journal();
    }

    private List<JournalEntry> all() {
        return journal().after(0, Journal.MAX_PAGE);
    }

    private ModelVersion register(Registry as, String model) {
        return as.register(model).content("model.bin", ("weights of " + model).getBytes(StandardCharsets.UTF_8))
                .description("Détecteur \"✓\"\n🚀").commit();
    }

    @BeforeEach
    void writeAJournal() {
        ModelVersion fraud1 = register(registry(), "fraud");                  // 1 model.created, 2 fraud@1
        register(registry().as("bob"), "fraud");                              // 3 fraud@2
        register(registry().as("bob"), "churn");                              // 4 model.created, 5 churn@1
        registry().as("carol").transition(fraud1, Stage.STAGING, "ready");    // 6 fraud@1
        registry().tag(fraud1.ref(), "team", "risk");                         // 7 fraud@1
        register(registry(), "fraud");                                        // 8 fraud@3
    }

    @Test
    void aQueryReturnsTheEntriesTheReferenceSelectsWithTheCursorOfItsLastEntry() {
        JournalQuery query = JournalQuery.all().withModel("fraud").withPrincipal("alice");

        JournalPage page = journal().query(query);

        assertThat(page.entries()).isEqualTo(all().stream().filter(query::matches).toList());
        assertThat(page.entries()).extracting(JournalEntry::sequence).containsExactly(1L, 2L, 7L, 8L);
        assertThat(page.next()).isEqualTo(8);
        assertThat(page.more()).isFalse();
    }

    @Test
    void aVersionAnOperationSetAndATimeRangeSelectAsTheReferenceDoes() {
        List<JournalQuery> queries = List.of(
                JournalQuery.all().withVersion("fraud", 1),
                JournalQuery.all().withOperations(Operations.MODEL_CREATED, Operations.VERSION_STAGE_CHANGED),
                JournalQuery.all().withPrincipal("bob").withOperations(Operations.VERSION_REGISTERED),
                JournalQuery.all().between(now(), now().plusMillis(1)),
                JournalQuery.all().between(now().plusMillis(1), now().plusSeconds(60)),
                JournalQuery.all().withModel("nobody"));

        for (JournalQuery q : queries) {
            assertThat(journal().query(q).entries()).as("%s", q)
                    .isEqualTo(all().stream().filter(q::matches).toList());
        }
        assertThat(journal().query(queries.get(0)).entries()).extracting(JournalEntry::sequence)
                .containsExactly(2L, 6L, 7L);
        assertThat(journal().query(queries.get(1)).entries()).extracting(JournalEntry::sequence)
                .containsExactly(1L, 4L, 6L);
        assertThat(journal().query(queries.get(3)).entries()).hasSize(8);
        assertThat(journal().query(queries.get(4)).entries()).isEmpty();
    }

    @Test
    void pagingWithTheNextCursorSeesEveryMatchingEntryExactlyOnceInOrder() {
        JournalQuery query = JournalQuery.all().withOperations(Operations.VERSION_REGISTERED,
                Operations.VERSION_UPDATED).withLimit(2);
        List<Long> seen = new ArrayList<>();
        List<Boolean> more = new ArrayList<>();

        JournalPage page = journal().query(query);
        seen.addAll(page.entries().stream().map(JournalEntry::sequence).toList());
        more.add(page.more());
        while (page.more()) {
            page = journal().query(query.withAfter(page.next()));
            seen.addAll(page.entries().stream().map(JournalEntry::sequence).toList());
            more.add(page.more());
        }

        assertThat(seen).containsExactly(2L, 3L, 5L, 7L, 8L);
        assertThat(more).containsExactly(true, true, false);
        assertThat(page.next()).isEqualTo(8);
    }

    @Test
    void aPageWithNothingAfterTheCursorKeepsTheCursor() {
        JournalPage page = journal().query(JournalQuery.all().withAfter(50));

        assertThat(page.entries()).isEmpty();
        assertThat(page.next()).isEqualTo(50);
        assertThat(page.more()).isFalse();
    }

    @Test
    void aVersionWithoutAModelIsRefused() {
        assertThatThrownBy(() -> new JournalQuery(Optional.empty(), 2, Optional.empty(), Set.of(), Optional.empty(),
                Optional.empty(), 0, 10)).isInstanceOf(InvalidInputException.class).hasMessageContaining("2");
    }

    @Test
    void aLimitOutsideOneToTheMaximumPageIsRefused() {
        assertThatThrownBy(() -> JournalQuery.all().withLimit(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> JournalQuery.all().withLimit(Journal.MAX_PAGE + 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("10001");
        assertThatThrownBy(() -> JournalQuery.all().withAfter(-1)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aTimeRangeThatEndsBeforeItBeginsIsRefused() {
        assertThatThrownBy(() -> JournalQuery.all().between(now(), now())).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void anInvalidModelNameIsRefusedNamingIt() {
        assertThatThrownBy(() -> journal().query(JournalQuery.all().withModel("../etc")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("../etc");
        assertThatThrownBy(() -> journal().export(JournalQuery.all().withModel("a/b/c"), OutputStream.nullOutputStream()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("a/b/c");
    }

    @Test
    void anExportWritesEveryEntryAsOneJsonLineWithEveryHashedFieldAndTheExactDetails() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long written = journal().export(JournalQuery.all().withLimit(3), out);

        List<JournalEntry> entries = all();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").doesNotContain("\r");
        List<String> lines = text.lines().toList();
        assertThat(written).isEqualTo(entries.size()).isEqualTo(8);
        assertThat(lines).hasSize(entries.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            JournalEntry e = entries.get(i);
            assertThat(line.get("sequence").asLong()).isEqualTo(e.sequence());
            assertThat(line.get("at").asText()).isEqualTo(e.at().toString());
            assertThat(line.get("principal").asText()).isEqualTo(e.principal());
            assertThat(line.get("operation").asText()).isEqualTo(e.operation());
            assertThat(line.get("model").asText()).isEqualTo(e.model());
            assertThat(line.get("version").asInt()).isEqualTo(e.version());
            assertThat(line.get("details").isTextual()).isTrue();
            assertThat(line.get("details").textValue()).isEqualTo(e.details());
            assertThat(line.get("requestId").asText()).isEqualTo(e.requestId());
            assertThat(line.get("previousHash").asText()).isEqualTo(e.previousHash());
            assertThat(line.get("hash").asText()).isEqualTo(e.hash());
        }
    }

    @Test
    void aFilteredExportWritesOnlyTheSelectedEntriesFromTheCursorOn() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long written = journal().export(JournalQuery.all().withModel("fraud").withAfter(2).withLimit(1), out);

        List<Long> sequences = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            sequences.add(JSON.readTree(line).get("sequence").asLong());
        }
        assertThat(sequences).containsExactly(3L, 6L, 7L, 8L);
        assertThat(written).isEqualTo(4);
    }

    @Test
    void anExportThatSelectsNothingWritesNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(journal().export(JournalQuery.all().withPrincipal("mallory"), out)).isZero();
        assertThat(out.size()).isZero();
    }
}
