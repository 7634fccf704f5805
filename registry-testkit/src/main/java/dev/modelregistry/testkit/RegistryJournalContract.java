package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Limits;
import dev.modelregistry.Model;
import dev.modelregistry.ModelChange;
import dev.modelregistry.ModelNotFoundException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.journal.Journal;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.JournalFollower;
import dev.modelregistry.journal.JournalReport;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.JournalHashes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The journal, model edits and limits under concurrency, through the public API. Run by
 * {@link RegistryContract} as a nested group on every wiring; {@link #registry()} is the registry
 * under test, acting as {@code alice} at {@link #now()}.
 */
public abstract class RegistryJournalContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The registry under test. */
    protected abstract Registry registry();

    /** The fixed time of the registry's clock. */
    protected abstract Instant now();

    private ModelVersion register(String model) {
        return registry().register(model).content("model.bin", ("weights of " + model).getBytes(StandardCharsets.UTF_8))
                .commit();
    }

    private List<JournalEntry> all() {
        return registry().journal().after(0, Journal.MAX_PAGE);
    }

    private static JsonNode details(JournalEntry e) throws Exception {
        return JSON.readTree(e.details());
    }

    @Test
    void everyChangeIsJournaledOnceInOrderWithWhoWhatAndWhen() throws Exception {
        ModelVersion v1 = register("fraud");
        ModelVersion v2 = registry().register("fraud").content("m", new byte[] {1}).param("depth", "6")
                .metric("r2", -0.25).tag("team", "risk").commit();
        registry().transition(v1, Stage.PRODUCTION, "first");
        registry().as("bob").transition(v2, Stage.PRODUCTION, "better");
        registry().describe(v2.ref(), "the best");
        registry().tag(v2.ref(), "team", "fraud-ops");

        List<JournalEntry> entries = all();
        assertThat(entries).extracting(e -> e.sequence() + " " + e.operation() + " " + e.subject() + " "
                + e.principal()).containsExactly(
                "1 model.created fraud alice",
                "2 version.registered fraud@1 alice",
                "3 version.registered fraud@2 alice",
                "4 version.stage_changed fraud@1 alice",
                "5 version.stage_changed fraud@1 bob",
                "6 version.stage_changed fraud@2 bob",
                "7 version.updated fraud@2 alice",
                "8 version.updated fraud@2 alice");
        assertThat(entries).allSatisfy(e -> assertThat(e.at()).isEqualTo(now()));
        assertThat(entries.get(4).requestId()).isEqualTo(entries.get(5).requestId());
        assertThat(entries.get(3).requestId()).isNotEqualTo(entries.get(4).requestId());
        JsonNode registered = details(entries.get(2));
        assertThat(registered.get("digest").asText()).isEqualTo(v2.digest());
        assertThat(registered.get("metrics").get("r2").asDouble()).isEqualTo(-0.25);
        assertThat(registered.get("params").get("depth").asText()).isEqualTo("6");
        assertThat(details(entries.get(4)).get("displacedBy").asInt()).isEqualTo(2);
        assertThat(details(entries.get(4)).get("to").asText()).isEqualTo("ARCHIVED");
        assertThat(details(entries.get(5)).get("displaced").get(0).asInt()).isEqualTo(1);
        assertThat(details(entries.get(7)).get("old").asText()).isEqualTo("risk");
        assertThat(registry().journal().head()).isEqualTo(8);
        assertThat(registry().journal().verify().intact()).isTrue();
        assertThat(registry().journal().verify().checked()).isEqualTo(8);
    }

    @Test
    void aRefusedOrEmptyChangeIsNotJournaled() {
        ModelVersion v = register("fraud");
        long head = registry().journal().head();

        assertThatThrownBy(() -> registry().transition(v, Stage.DEVELOPMENT, "")).isInstanceOf(RuntimeException.class);
        registry().describe(v.ref(), v.description());
        registry().untag(v.ref(), "absent");

        assertThat(registry().journal().head()).isEqualTo(head);
    }

    @Test
    void theJournalIsReadAfterACursorInPages() {
        for (int i = 0; i < 5; i++) {
            register("m" + i);
        }

        assertThat(registry().journal().after(0, 3)).extracting(JournalEntry::sequence).containsExactly(1L, 2L, 3L);
        assertThat(registry().journal().after(8, 5)).extracting(JournalEntry::sequence).containsExactly(9L, 10L);
        assertThatThrownBy(() -> registry().journal().after(-1, 5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> registry().journal().after(0, 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> registry().journal().after(0, Journal.MAX_PAGE + 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("10001");
    }

    @Test
    void aFollowerSeesEveryEntryOnceAndWaitsForNewOnes() throws Exception {
        register("a");
        try (JournalFollower follower = registry().journal().follow(1)) {
            assertThat(follower.poll(10, Duration.ZERO)).extracting(JournalEntry::sequence).containsExactly(2L);
            assertThat(follower.poll(10, Duration.ofMillis(20))).isEmpty();

            Thread writer = new Thread(() -> register("b"));
            writer.start();
            List<JournalEntry> next = new ArrayList<>();
            while (next.size() < 2) {
                List<JournalEntry> got = follower.poll(10, Duration.ofSeconds(30));
                assertThat(got).as("entries within 30 s").isNotEmpty();
                next.addAll(got);
            }
            writer.join();
            assertThat(next).extracting(JournalEntry::sequence).containsExactly(3L, 4L);
            assertThat(follower.position()).isEqualTo(4);
        }
    }

    @Test
    void listenersHearOfEachCommitAndAFailingOneHarmsNothing() {
        List<List<JournalEntry>> heard = new CopyOnWriteArrayList<>();
        Journal.Subscription failing = registry().journal().subscribe(entries -> {
            throw new IllegalStateException("listener bug");
        });
        Journal.Subscription listening = registry().journal().subscribe(heard::add);

        ModelVersion v = register("fraud");
        registry().as("bob").tag(v.ref(), "k", "v");
        listening.close();
        failing.close();
        registry().tag(v.ref(), "k", "w");

        assertThat(heard).hasSize(2);
        assertThat(heard.get(0)).extracting(JournalEntry::operation)
                .containsExactly(Operations.MODEL_CREATED, Operations.VERSION_REGISTERED);
        assertThat(heard.get(1)).singleElement().satisfies(e -> assertThat(e.principal()).isEqualTo("bob"));
        assertThat(registry().version(v.ref()).orElseThrow().tags()).containsEntry("k", "w");
    }

    @Test
    void everyEntryHashesAsDocumentedAndChainsToTheOneBefore() {
        register("fraud");
        register("fraud");

        String previous = JournalHashes.GENESIS;
        for (JournalEntry e : all()) {
            assertThat(e.previousHash()).isEqualTo(previous);
            assertThat(JournalHashes.hashOf(e)).isEqualTo(e.hash());
            previous = e.hash();
        }
    }

    @Test
    void verifyFindsTheChainIntactWhileOtherThreadsKeepWriting() throws Exception {
        ModelVersion v = register("fraud");
        AtomicInteger writing = new AtomicInteger(2);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int writer = t;
            tasks.add(() -> {
                for (int i = 0; i < 60; i++) {
                    registry().tag(v.ref(), "w" + writer, Integer.toString(i));
                }
                writing.decrementAndGet();
                return "wrote";
            });
        }
        List<JournalReport> reports = new CopyOnWriteArrayList<>();
        tasks.add(() -> {
            do {
                reports.add(registry().journal().verify());
            } while (writing.get() > 0);
            return "verified";
        });

        assertThat(Concurrently.run(tasks)).containsExactly("wrote", "wrote", "verified");

        assertThat(reports).allSatisfy(r -> assertThat(r.problem()).isEmpty());
        assertThat(registry().journal().verify().checked()).isEqualTo(2 + 120);
    }

    @Test
    void aModelsDescriptionAndTagsChangeAndAreRecordedAndJournaled() {
        registry().createModel("fraud", "first", Map.of("team", "risk"));

        registry().as("bob").describeModel("fraud", "Détecteur de fraude");
        registry().tagModel("fraud", "owner", "ève");
        Model after = registry().untagModel("fraud", "team");

        assertThat(after.description()).isEqualTo("Détecteur de fraude");
        assertThat(after.tags()).isEqualTo(Map.of("owner", "ève"));
        assertThat(registry().model("fraud")).contains(after);
        assertThat(registry().modelChanges("fraud")).containsExactly(
                new ModelChange("fraud", "description", "first", "Détecteur de fraude", "bob", now()),
                new ModelChange("fraud", "tag:owner", null, "ève", "alice", now()),
                new ModelChange("fraud", "tag:team", "risk", null, "alice", now()));
        assertThat(all()).extracting(JournalEntry::operation).containsExactly(Operations.MODEL_CREATED,
                Operations.MODEL_UPDATED, Operations.MODEL_UPDATED, Operations.MODEL_UPDATED);
    }

    @Test
    void editingAnUnknownModelOrWithBadInputIsRefusedAndChangesNothing() {
        registry().createModel("fraud", "", Map.of());
        long head = registry().journal().head();

        assertThatThrownBy(() -> registry().describeModel("nope", "x")).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry().tagModel("nope", "k", "v")).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry().modelChanges("nope")).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry().tagModel("fraud", "bad\u0000key", "v"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> registry().describeModel("fraud", "d".repeat(Limits.DESCRIPTION_LENGTH + 1)))
                .isInstanceOf(InvalidInputException.class);

        assertThat(registry().model("fraud").orElseThrow().tags()).isEmpty();
        assertThat(registry().modelChanges("fraud")).isEmpty();
        assertThat(registry().journal().head()).isEqualTo(head);
    }

    @Test
    void eightThreadsTaggingAVersionWithRoomForOneMoreTagLeaveItAtTheLimit() throws Exception {
        Map<String, String> tags = new HashMap<>();
        IntStream.range(0, Limits.ENTRIES - 1).forEach(i -> tags.put("t" + i, "v"));
        ModelVersion v = registry().register("fraud").content("m", new byte[] {1}).tags(tags).commit();

        List<Callable<String>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String key = "new" + t;
            tasks.add(() -> {
                try {
                    registry().tag(v.ref(), key, "v");
                    return "tagged";
                } catch (InvalidInputException e) {
                    return "refused";
                }
            });
        }
        List<String> outcomes = Concurrently.run(tasks);

        assertThat(outcomes).filteredOn("tagged"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("refused"::equals).hasSize(7);
        assertThat(registry().version(v.ref()).orElseThrow().tags()).hasSize(Limits.ENTRIES);
        assertThat(registry().changes(v.ref())).hasSize(1);
    }

    @Test
    void modelTagsHaveTheSameLimitUnderConcurrency() throws Exception {
        Map<String, String> tags = new HashMap<>();
        IntStream.range(0, Limits.ENTRIES - 1).forEach(i -> tags.put("t" + i, "v"));
        registry().createModel("fraud", "", tags);

        List<Callable<String>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String key = "new" + t;
            tasks.add(() -> {
                try {
                    registry().tagModel("fraud", key, "v");
                    return "tagged";
                } catch (InvalidInputException e) {
                    return "refused";
                }
            });
        }

        assertThat(Concurrently.run(tasks)).filteredOn("tagged"::equals).hasSize(1);
        assertThat(registry().model("fraud").orElseThrow().tags()).hasSize(Limits.ENTRIES);
    }
}
