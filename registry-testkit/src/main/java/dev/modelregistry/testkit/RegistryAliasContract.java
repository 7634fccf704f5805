package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Limits;
import dev.modelregistry.ModelChange;
import dev.modelregistry.ModelNotFoundException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionNotFoundException;
import dev.modelregistry.VersionRef;
import dev.modelregistry.journal.Journal;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.Operations;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Aliases and version references, through the public API. Run by {@link RegistryContract} as a
 * nested group on every wiring; {@link #registry()} acts as {@code alice} at {@link #now()}.
 */
public abstract class RegistryAliasContract {

    /** The registry under test. */
    protected abstract Registry registry();

    /** The fixed time of the registry's clock. */
    protected abstract Instant now();

    private ModelVersion register(String model) {
        return registry().register(model).content("model.bin", ("weights " + Math.random()).getBytes(StandardCharsets.UTF_8))
                .commit();
    }

    private List<JournalEntry> journal() {
        return registry().journal().after(0, Journal.MAX_PAGE);
    }

    @Test
    void anAliasIsSetMovedAndRemovedWithItsHistoryAndJournalEntries() {
        ModelVersion v1 = register("fraud");
        ModelVersion v2 = register("fraud");
        long head = registry().journal().head();

        registry().setAlias(v1.ref(), "champion");
        registry().as("bob").setAlias(v2.ref(), "champion");
        registry().setAlias(v2.ref(), "challenger");

        assertThat(registry().aliases("fraud")).containsExactly(Map.entry("challenger", 2), Map.entry("champion", 2));
        assertThat(registry().aliasesOf(v2.ref())).containsExactly("challenger", "champion");
        assertThat(registry().aliasesOf(v1.ref())).isEmpty();
        assertThat(registry().removeAlias("fraud", "challenger")).isTrue();
        assertThat(registry().removeAlias("fraud", "challenger")).isFalse();

        assertThat(registry().aliases("fraud")).containsExactly(Map.entry("champion", 2));
        assertThat(registry().modelChanges("fraud")).containsExactly(
                new ModelChange("fraud", "alias:champion", null, "1", "alice", now()),
                new ModelChange("fraud", "alias:champion", "1", "2", "bob", now()),
                new ModelChange("fraud", "alias:challenger", null, "2", "alice", now()),
                new ModelChange("fraud", "alias:challenger", "2", null, "alice", now()));
        List<JournalEntry> entries = registry().journal().after(head, 100);
        assertThat(entries).extracting(JournalEntry::operation).containsExactly(Operations.ALIAS_SET,
                Operations.ALIAS_SET, Operations.ALIAS_SET, Operations.ALIAS_REMOVED);
        assertThat(entries).extracting(JournalEntry::subject).containsExactly("fraud@1", "fraud@2", "fraud@2",
                "fraud@2");
        assertThat(entries.get(1).details()).isEqualTo("{\"alias\":\"champion\",\"from\":1,\"to\":2}");
        assertThat(entries.get(3).details()).isEqualTo("{\"alias\":\"challenger\",\"from\":2,\"to\":null}");
    }

    @Test
    void settingAnAliasWhereItPointsChangesNothing() {
        ModelVersion v1 = register("fraud");
        registry().setAlias(v1.ref(), "champion");
        long head = registry().journal().head();

        assertThat(registry().setAlias(v1.ref(), "champion")).isEqualTo(v1);

        assertThat(registry().journal().head()).isEqualTo(head);
        assertThat(registry().modelChanges("fraud")).hasSize(1);
    }

    @Test
    void aReferenceResolvesByNumberAliasStageAndLatest() {
        ModelVersion v1 = register("team/fraud");
        ModelVersion v2 = register("team/fraud");
        register("team/fraud");
        registry().transition(v1.ref(), Stage.PRODUCTION, "first");
        registry().setAlias(v2.ref(), "champion");

        assertThat(registry().resolve("team/fraud@2")).contains(registry().version(v2.ref()).orElseThrow());
        assertThat(registry().resolve("team/fraud@champion")).map(ModelVersion::version).contains(2);
        assertThat(registry().resolve("team/fraud@PRODUCTION")).map(ModelVersion::version).contains(1);
        assertThat(registry().resolve("team/fraud@latest")).map(ModelVersion::version).contains(3);

        assertThat(registry().resolve("team/fraud@4")).isEmpty();
        assertThat(registry().resolve("team/fraud@shadow")).isEmpty();
        assertThat(registry().resolve("team/fraud@STAGING")).isEmpty();
        assertThat(registry().resolve("nobody@latest")).isEmpty();
        assertThat(registry().resolve("nobody@champion")).isEmpty();
    }

    @Test
    void malformedReferencesAreRefusedNamingThem() {
        for (String bad : List.of("fraud", "fraud@", "@7", "fraud@0", "fraud@07", "fraud@1234567890", "fraud@-1",
                "fraud@_x", "fraud@Champion", "fraud@TESTING")) {
            assertThatThrownBy(() -> registry().resolve(bad)).as(bad)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining(bad.substring(bad.indexOf('@') + 1));
        }
    }

    @Test
    void aliasesThatCouldReadAsSomethingElseAreRefusedAndChangeNothing() {
        ModelVersion v1 = register("fraud");
        long head = registry().journal().head();

        for (String bad : List.of("7", "latest", "production", "PRODUCTION", "Archived", "Champion", "-x", "_x",
                "x y", "x@y", "", "a".repeat(Limits.ALIAS_LENGTH + 1), "é")) {
            assertThatThrownBy(() -> registry().setAlias(v1.ref(), bad)).as("alias '%s'", bad)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo(bad));
        }
        assertThatThrownBy(() -> registry().removeAlias("fraud", "latest")).isInstanceOf(InvalidInputException.class);

        assertThat(registry().aliases("fraud")).isEmpty();
        assertThat(registry().journal().head()).isEqualTo(head);
    }

    @Test
    void anAliasOfAMissingVersionOrModelIsRefused() {
        register("fraud");

        assertThatThrownBy(() -> registry().setAlias(new VersionRef("fraud", 9), "champion"))
                .isInstanceOf(VersionNotFoundException.class);
        assertThatThrownBy(() -> registry().setAlias(new VersionRef("nobody", 1), "champion"))
                .isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry().removeAlias("nobody", "champion")).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry().aliases("nobody")).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry().aliasesOf(new VersionRef("fraud", 9)))
                .isInstanceOf(VersionNotFoundException.class);
        assertThat(registry().aliases("fraud")).isEmpty();
    }

    @Test
    void eightThreadsMovingTwoAliasesAtOnceLeaveEachWhereItsLastJournaledMovePutIt() throws Exception {
        List<ModelVersion> versions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            versions.add(register("fraud"));
        }
        List<Callable<String>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String alias = t % 2 == 0 ? "champion" : "challenger";
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < 5; i++) {
                    registry().setAlias(versions.get((thread + i) % versions.size()).ref(), alias);
                }
                return "done";
            });
        }

        assertThat(Concurrently.run(tasks)).containsOnly("done");

        Map<String, Integer> aliases = registry().aliases("fraud");
        for (String alias : List.of("champion", "challenger")) {
            List<ModelChange> moves = registry().modelChanges("fraud").stream()
                    .filter(c -> c.field().equals("alias:" + alias)).toList();
            // Each move starts where the one before ended, and the last one is where the alias is.
            for (int i = 1; i < moves.size(); i++) {
                assertThat(moves.get(i).oldValue()).isEqualTo(moves.get(i - 1).newValue());
            }
            assertThat(moves.get(moves.size() - 1).newValue()).isEqualTo(aliases.get(alias).toString());
            List<JournalEntry> entries = journal().stream().filter(e -> e.details().contains("\"" + alias + "\""))
                    .toList();
            assertThat(entries).hasSameSizeAs(moves);
            assertThat(entries.get(entries.size() - 1).version()).isEqualTo(aliases.get(alias));
        }
    }
}
