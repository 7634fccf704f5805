package dev.modelregistry.testkit;

import static dev.modelregistry.testkit.MetadataStoreFixtures.DEVELOPMENT;
import static dev.modelregistry.testkit.MetadataStoreFixtures.PRODUCTION;
import static dev.modelregistry.testkit.MetadataStoreFixtures.STAGING;
import static dev.modelregistry.testkit.MetadataStoreFixtures.at;
import static dev.modelregistry.testkit.MetadataStoreFixtures.concurrently;
import static dev.modelregistry.testkit.MetadataStoreFixtures.newModel;
import static dev.modelregistry.testkit.MetadataStoreFixtures.newVersion;
import static dev.modelregistry.testkit.StoreOps.changeSet;
import static dev.modelregistry.testkit.StoreOps.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.Limits;
import dev.modelregistry.Model;
import dev.modelregistry.ModelChange;
import dev.modelregistry.spi.ChangeConflictException;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import dev.modelregistry.spi.VersionRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * How a store applies change sets: every precondition checked, all or nothing, model edits with
 * their history, and limits that hold under concurrency. Run by {@link MetadataStoreContract} as a
 * nested group; {@link #store()} is the store under test.
 */
public abstract class ChangeSetContract {

    /** The store under test, fresh for each test. */
    protected abstract MetadataStore store();

    private StoreOps ops() {
        return new StoreOps(store());
    }

    private static final Target V1 = Target.version("fraud", 1);
    private static final Target MODEL = Target.model("fraud");

    private ChangeSet tagChange(Target target, String key, String old, String value, Precondition... extra) {
        List<Precondition> preconditions = new java.util.ArrayList<>(List.of(extra));
        preconditions.add(0, new Precondition.TagIs(target, key, old));
        return changeSet("dave", at(120), preconditions, List.of(new Mutation.SetTag(target, key, old, value)),
                List.of(entry(target.isVersion() ? "version.updated" : "model.updated", target)));
    }

    private void assertRefusedAndNothingChanged(ChangeSet changes, Precondition failed) {
        VersionRecord before = store().version("fraud", 1).orElseThrow();
        Model model = store().model("fraud").orElseThrow();
        long head = store().journalHead().sequence();

        assertThatThrownBy(() -> store().apply(changes))
                .isInstanceOfSatisfying(ChangeConflictException.class, e -> assertThat(e.failed()).isEqualTo(failed));

        assertThat(store().version("fraud", 1)).contains(before);
        assertThat(store().model("fraud")).contains(model);
        assertThat(store().journalHead().sequence()).isEqualTo(head);
        assertThat(store().changes("fraud", 1)).isEmpty();
        assertThat(store().transitions("fraud", 1)).isEmpty();
    }

    @Test
    void aFailedPreconditionRefusesTheWholeChangeSetAndWritesNothing() {
        ops().insert(newVersion("fraud"));
        Precondition wrong = new Precondition.InStage(V1, STAGING);
        ChangeSet changes = changeSet("dave", at(1),
                List.of(new Precondition.ModelExists("fraud"), wrong),
                List.of(new Mutation.SetDescription(V1, "", "x"), new Mutation.MoveStage(V1, DEVELOPMENT,
                        PRODUCTION, "")),
                List.of(entry("version.updated", V1), entry("version.stage_changed", V1)));

        assertRefusedAndNothingChanged(changes, wrong);
    }

    @Test
    void everyKindOfPreconditionIsChecked() {
        ops().insert(newVersion("fraud"));
        List<Precondition> failing = List.of(
                new Precondition.ModelAbsent("fraud"),
                new Precondition.ModelExists("nope"),
                new Precondition.InStage(V1, PRODUCTION),
                new Precondition.InStage(Target.version("fraud", 2), DEVELOPMENT),
                new Precondition.StageHolds("fraud", DEVELOPMENT, Set.of()),
                new Precondition.StageHolds("fraud", PRODUCTION, Set.of(1)),
                new Precondition.DescriptionIs(V1, "other"),
                new Precondition.DescriptionIs(Target.model("nope"), ""),
                new Precondition.TagIs(V1, "team", "other"),
                new Precondition.TagIs(V1, "absent", "x"),
                new Precondition.TagIs(V1, "team", null),
                new Precondition.TagsFit(V1, Set.of("a", "b"), 2),
                new Precondition.TagsFit(Target.version("fraud", 9), Set.of(), 5));
        for (Precondition p : failing) {
            ChangeSet changes = changeSet("dave", at(1), List.of(p),
                    List.of(new Mutation.SetDescription(V1, "", "changed")), List.of(entry("version.updated", V1)));
            assertRefusedAndNothingChanged(changes, p);
        }
    }

    @Test
    void preconditionsThatHoldLetTheChangeThrough() {
        ops().insert(newVersion("fraud"));
        ChangeSet changes = changeSet("dave", at(1), List.of(
                        new Precondition.ModelExists("fraud"),
                        new Precondition.ModelAbsent("nope"),
                        new Precondition.InStage(V1, DEVELOPMENT),
                        new Precondition.StageHolds("fraud", DEVELOPMENT, Set.of(1)),
                        new Precondition.StageHolds("fraud", PRODUCTION, Set.of()),
                        new Precondition.DescriptionIs(V1, ""),
                        new Precondition.TagIs(V1, "team", "risk"),
                        new Precondition.TagIs(V1, "absent", null),
                        new Precondition.TagsFit(V1, Set.of("team", "new"), 2)),
                List.of(new Mutation.SetDescription(V1, "", "changed")), List.of(entry("version.updated", V1)));

        store().apply(changes);

        assertThat(store().version("fraud", 1).orElseThrow().description()).isEqualTo("changed");
    }

    @Test
    void aChangeSetMayMoveSeveralVersionsAndEditOthersAtOnce() {
        ops().insert(newVersion("fraud"));
        ops().insert(newVersion("fraud"));
        Target v2 = Target.version("fraud", 2);

        store().apply(changeSet("dave", at(5), List.of(),
                List.of(new Mutation.MoveStage(V1, DEVELOPMENT, STAGING, "a"),
                        new Mutation.MoveStage(v2, DEVELOPMENT, PRODUCTION, "b"),
                        new Mutation.SetTag(v2, "owner", null, "dave")),
                List.of(entry("version.stage_changed", V1), entry("version.stage_changed", v2))));

        assertThat(store().versions("fraud")).extracting(VersionRecord::stage).containsExactly(PRODUCTION, STAGING);
        assertThat(store().version("fraud", 2).orElseThrow().tags()).containsEntry("owner", "dave");
        assertThat(store().versionsInStage("fraud", STAGING)).containsExactly(1);
        assertThat(store().versionsInStage("fraud", DEVELOPMENT)).isEmpty();
    }

    @Test
    void aModelsDescriptionAndTagsChangeWithTheirHistory() {
        ops().createModel(newModel("fraud"));

        store().apply(changeSet("dave", at(10), List.of(new Precondition.DescriptionIs(MODEL, "about fraud")),
                List.of(new Mutation.SetDescription(MODEL, "about fraud", "Détecteur ✓")),
                List.of(entry("model.updated", MODEL))));
        store().apply(tagChange(MODEL, "owner", null, "ève"));
        store().apply(tagChange(MODEL, "team", "risk", "fraud-ops"));
        store().apply(tagChange(MODEL, "owner", "ève", null));

        Model model = store().model("fraud").orElseThrow();
        assertThat(model.description()).isEqualTo("Détecteur ✓");
        assertThat(model.tags()).isEqualTo(Map.of("team", "fraud-ops"));
        assertThat(store().modelChanges("fraud")).containsExactly(
                new ModelChange("fraud", "description", "about fraud", "Détecteur ✓", "dave", at(10)),
                new ModelChange("fraud", "tag:owner", null, "ève", "dave", at(120)),
                new ModelChange("fraud", "tag:team", "risk", "fraud-ops", "dave", at(120)),
                new ModelChange("fraud", "tag:owner", "ève", null, "dave", at(120)));
        assertThat(store().modelChanges("nope")).isEmpty();
    }

    @Test
    void aModelEditLeavesItsVersionsAlone() {
        VersionRecord v1 = ops().insert(newVersion("fraud"));

        store().apply(tagChange(MODEL, "team", null, "x"));

        assertThat(store().version("fraud", 1)).contains(v1);
        assertThat(store().changes("fraud", 1)).isEmpty();
    }

    @Test
    void concurrentTagsCannotPushAVersionOverTheTagLimit() throws InterruptedException {
        Map<String, String> tags = new HashMap<>();
        IntStream.range(0, Limits.ENTRIES - 1).forEach(i -> tags.put("t" + i, "v"));
        ops().insert(new dev.modelregistry.spi.NewVersion("fraud", DEVELOPMENT, "", Map.of(), Map.of(), tags,
                List.of(), "sha256:" + "0".repeat(64), "bob", at(0)));
        int threads = 8;

        List<Boolean> applied = concurrently(threads, t -> () -> {
            try {
                store().apply(tagChange(V1, "new" + t, null, "v",
                        new Precondition.TagsFit(V1, Set.of("new" + t), Limits.ENTRIES)));
                return true;
            } catch (ChangeConflictException e) {
                return false;
            }
        });

        assertThat(applied).filteredOn(a -> a).hasSize(1);
        assertThat(store().version("fraud", 1).orElseThrow().tags()).hasSize(Limits.ENTRIES);
        assertThat(store().changes("fraud", 1)).hasSize(1);
    }

    @Test
    void changeSetsAppliedAtOnceEachTakeEffectWhollyOrNotAtAll() throws InterruptedException {
        Set<String> tagsBefore = ops().insert(newVersion("fraud")).tags().keySet();
        int threads = 16;

        // Even threads create a model and tag version 1; odd ones tag it too, but expect a
        // description it does not have, so nothing of theirs may remain.
        List<Boolean> applied = concurrently(threads, t -> () -> {
            String model = "model-" + t;
            List<Precondition> preconditions = new java.util.ArrayList<>(List.of(new Precondition.ModelAbsent(model),
                    new Precondition.TagIs(V1, "k" + t, null)));
            if (t % 2 == 1) {
                preconditions.add(new Precondition.DescriptionIs(V1, "not the description"));
            }
            try {
                store().apply(changeSet("dave", at(120), preconditions, List.of(
                        new Mutation.CreateModel(model, "", Map.of(), "dave", at(120)),
                        new Mutation.SetTag(V1, "k" + t, null, "v")), List.of(
                        entry("model.created", Target.model(model)), entry("version.updated", V1))));
                return true;
            } catch (ChangeConflictException e) {
                return false;
            }
        });

        for (int t = 0; t < threads; t++) {
            assertThat(applied.get(t)).as("change set %s applied", t).isEqualTo(t % 2 == 0);
            assertThat(store().model("model-" + t).isPresent()).as("model-%s exists", t).isEqualTo(t % 2 == 0);
        }
        Set<String> added = new java.util.HashSet<>(store().version("fraud", 1).orElseThrow().tags().keySet());
        added.removeAll(tagsBefore);
        assertThat(added).containsExactlyInAnyOrderElementsOf(IntStream.range(0, threads).filter(t -> t % 2 == 0)
                .mapToObj(t -> "k" + t).toList());
        long head = store().journalHead().sequence();
        assertThat(store().journal(0, 1000)).extracting(e -> e.sequence())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, head).boxed().toList());
        assertThat(store().journal(0, 1000)).filteredOn(e -> e.operation().equals("version.updated"))
                .hasSize(threads / 2);
    }

    @Test
    void aChangeSetThatCannotBeAppliedFailsAloneAndLeavesNothingBehind() throws InterruptedException {
        Set<String> tagsBefore = ops().insert(newVersion("fraud")).tags().keySet();
        long head = store().journalHead().sequence();
        int threads = 8;

        // Odd threads tag version 1, then insert a version of a model nobody created: a core bug
        // that no precondition covers, which must undo the tag and harm no other change set.
        List<String> outcomes = concurrently(threads, t -> () -> {
            List<Mutation> mutations = new java.util.ArrayList<>(List.of(new Mutation.SetTag(V1, "k" + t, null, "v")));
            if (t % 2 == 1) {
                mutations.add(new Mutation.InsertVersion(newVersion("never-created")));
            }
            try {
                store().apply(changeSet("dave", at(120), List.of(new Precondition.TagIs(V1, "k" + t, null)), mutations,
                        List.of(entry("version.updated", V1))));
                return "applied";
            } catch (IllegalStateException e) {
                return "failed";
            }
        });

        for (int t = 0; t < threads; t++) {
            assertThat(outcomes.get(t)).as("change set %s", t).isEqualTo(t % 2 == 0 ? "applied" : "failed");
        }
        Set<String> added = new java.util.HashSet<>(store().version("fraud", 1).orElseThrow().tags().keySet());
        added.removeAll(tagsBefore);
        assertThat(added).containsExactlyInAnyOrder("k0", "k2", "k4", "k6");
        assertThat(store().model("never-created")).isEmpty();
        assertThat(store().journalHead().sequence()).isEqualTo(head + threads / 2);
    }

    @Test
    void anAliasIsSetMovedAndRemovedOnlyFromWhereTheChangeSetSawIt() {
        ops().insert(newVersion("fraud"));
        ops().insert(newVersion("fraud"));
        Target model = Target.model("fraud");

        store().apply(changeSet("dave", at(120), List.of(new Precondition.AliasIs("fraud", "champion", null)),
                List.of(new Mutation.SetAlias("fraud", "champion", null, 1)), List.of(entry("alias.set", model))));
        ChangeSet stale = changeSet("dave", at(121), List.of(new Precondition.AliasIs("fraud", "champion", null)),
                List.of(new Mutation.SetAlias("fraud", "champion", null, 2)), List.of(entry("alias.set", model)));
        long head = store().journalHead().sequence();

        assertThatThrownBy(() -> store().apply(stale)).isInstanceOf(ChangeConflictException.class);
        assertThat(store().aliases("fraud")).containsExactly(Map.entry("champion", 1));
        assertThat(store().journalHead().sequence()).isEqualTo(head);

        store().apply(changeSet("dave", at(122), List.of(new Precondition.AliasIs("fraud", "champion", 1)),
                List.of(new Mutation.SetAlias("fraud", "champion", 1, 2)), List.of(entry("alias.set", model))));
        store().apply(changeSet("dave", at(123), List.of(new Precondition.AliasIs("fraud", "champion", 2)),
                List.of(new Mutation.SetAlias("fraud", "champion", 2, null)), List.of(entry("alias.removed", model))));
        assertThat(store().aliases("fraud")).isEmpty();
        assertThat(store().modelChanges("fraud")).extracting(c -> c.oldValue() + ">" + c.newValue())
                .containsExactly("null>1", "1>2", "2>null");
    }

    @Test
    void anEvaluationCountPinsTheEvidenceADecisionRead() {
        ops().insert(newVersion("fraud"));
        ChangeSet evaluate = changeSet("dave", at(120), List.of(new Precondition.EvaluationsAre(V1, 0)),
                List.of(new Mutation.AddEvaluation(V1, "holdout", Map.of("auc", 0.9), true, "")),
                List.of(entry("version.evaluated", V1)));
        store().apply(evaluate);
        ChangeSet stale = changeSet("dave", at(121), List.of(new Precondition.EvaluationsAre(V1, 0)),
                List.of(new Mutation.SetTag(V1, "gated", null, "yes")), List.of(entry("version.updated", V1)));

        assertThatThrownBy(() -> store().apply(stale)).isInstanceOf(ChangeConflictException.class);
        assertThat(store().version("fraud", 1).orElseThrow().tags()).doesNotContainKey("gated");
        assertThat(store().evaluations("fraud", 1)).singleElement()
                .satisfies(e -> assertThat(e.metrics()).isEqualTo(Map.of("auc", 0.9)));
        assertThatThrownBy(() -> store().apply(changeSet("dave", at(122),
                List.of(new Precondition.EvaluationsAre(Target.version("fraud", 9), 0)), List.of(),
                List.of(entry("version.updated", V1))))).isInstanceOf(ChangeConflictException.class);
    }

    @Test
    void ofEightFirstRecordingsOfTheLifecycleExactlyOneWins() throws InterruptedException {
        // A precondition that something does not exist yet, at the registry level, under a race.
        List<String> recorded = concurrently(8, t -> () -> {
            try {
                store().apply(changeSet("admin", at(1), List.of(new Precondition.LifecycleIs(null)),
                        List.of(new Mutation.RecordLifecycle("lifecycle " + t)),
                        List.of(entry("lifecycle.recorded", Target.model("")))));
                return "lifecycle " + t;
            } catch (ChangeConflictException e) {
                return null;
            }
        });

        List<String> winners = recorded.stream().filter(r -> r != null).toList();
        assertThat(winners).hasSize(1);
        assertThat(store().lifecycle()).contains(winners.get(0));
    }
}
