package dev.modelregistry.testkit;

import static dev.modelregistry.testkit.MetadataStoreFixtures.ARCHIVED;
import static dev.modelregistry.testkit.MetadataStoreFixtures.DEVELOPMENT;
import static dev.modelregistry.testkit.MetadataStoreFixtures.PRODUCTION;
import static dev.modelregistry.testkit.MetadataStoreFixtures.STAGING;
import static dev.modelregistry.testkit.MetadataStoreFixtures.T0;
import static dev.modelregistry.testkit.MetadataStoreFixtures.at;
import static dev.modelregistry.testkit.MetadataStoreFixtures.concurrently;
import static dev.modelregistry.testkit.MetadataStoreFixtures.describe;
import static dev.modelregistry.testkit.MetadataStoreFixtures.move;
import static dev.modelregistry.testkit.MetadataStoreFixtures.newModel;
import static dev.modelregistry.testkit.MetadataStoreFixtures.newVersion;
import static dev.modelregistry.testkit.MetadataStoreFixtures.promote;
import static dev.modelregistry.testkit.MetadataStoreFixtures.sha;
import static dev.modelregistry.testkit.MetadataStoreFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.FileEntry;
import dev.modelregistry.Limits;
import dev.modelregistry.Model;
import dev.modelregistry.VersionChange;
import dev.modelregistry.VersionRef;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.ChangeConflictException;
import dev.modelregistry.spi.NewVersion;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import dev.modelregistry.spi.TransitionRecord;
import dev.modelregistry.spi.VersionRecord;
import dev.modelregistry.testkit.StoreOps.NewModel;
import dev.modelregistry.testkit.StoreOps.TransitionRequest;
import dev.modelregistry.testkit.StoreOps.VersionUpdate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MetadataStore} must show, written once and run by every implementation.
 *
 * <p>A backend's test class extends this class and supplies {@link #newStore()}; everything else is
 * inherited, including the {@code @Nested} groups:
 *
 * <pre>{@code
 * class H2MetadataStoreTest extends MetadataStoreContract {
 *     @Override
 *     protected MetadataStore newStore() {
 *         return JdbcMetadataStore.h2InMemory();
 *     }
 * }
 * }</pre>
 *
 * <p>The suite writes instants truncated to milliseconds, the precision every store keeps. It
 * expects the comment of a displacement to be {@link #DISPLACEMENT_COMMENT_PREFIX} followed by the
 * displacing version, for example {@code "displaced by fraud v2"}. Each test gets a fresh store and
 * closes it afterwards; instances of this class are not shared between threads except by the
 * concurrency tests themselves.
 */
public abstract class MetadataStoreContract {

    /** What the comment of every displacement record starts with; the displacing version follows. */
    public static final String DISPLACEMENT_COMMENT_PREFIX = "displaced by ";

    /** The store under test, fresh and empty for each test. */
    protected MetadataStore store;

    /** Change sets for the store under test, built as a core would build them. */
    StoreOps ops;

    /**
     * A new, empty store. Called once per test; the contract closes the store after the test.
     *
     * @return the store to test
     */
    protected abstract MetadataStore newStore();

    /**
     * A new store on the same data as the last {@link #newStore()}, for a store that declares
     * {@link dev.modelregistry.spi.Capability#DURABLE} or
     * {@link dev.modelregistry.spi.Capability#SHARED_BETWEEN_PROCESSES}; the tests that need it
     * close it. Stores without those capabilities need not override it.
     *
     * @return another store on the same data
     */
    protected MetadataStore openAgain() {
        throw new UnsupportedOperationException(store + " declares " + store.capabilities()
                + " but its test does not say how to open it again");
    }

    @BeforeEach
    void openStore() {
        store = newStore();
        ops = new StoreOps(store);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private VersionRecord register(String model) {
        return ops.insert(newVersion(model));
    }

    private VersionRecord register(String model, String stage) {
        return ops.insert(newVersion(model, stage, "bob", T0));
    }

    private String stageOf(String model, int version) {
        return store.version(model, version).orElseThrow().stage();
    }

    private static TransitionRecord displacement(String model, int displaced, int by, Instant at) {
        return new TransitionRecord(model, displaced, PRODUCTION, ARCHIVED, "carol", at,
                DISPLACEMENT_COMMENT_PREFIX + VersionRef.of(model, by));
    }

    @Nested
    class ChangeSets extends ChangeSetContract {
        @Override
        protected MetadataStore store() {
            return store;
        }
    }

    @Nested
    class Sharing extends SharingContract {
        @Override
        protected MetadataStore store() {
            return store;
        }

        @Override
        protected MetadataStore openAgain() {
            return MetadataStoreContract.this.openAgain();
        }
    }

    @Nested
    class Journal extends JournalContract {
        @Override
        protected MetadataStore store() {
            return store;
        }
    }

    @Nested
    class JournalQueries extends JournalQueryContract {
        @Override
        protected MetadataStore store() {
            return store;
        }
    }

    @Nested
    class Webhooks extends WebhookContract {
        @Override
        protected MetadataStore store() {
            return store;
        }
    }

    @Nested
    class Grants extends GrantStoreContract {
        @Override
        protected MetadataStore store() {
            return store;
        }
    }

    @Nested
    class Lineage extends LineageStoreContract {
        @Override
        protected MetadataStore store() {
            return store;
        }
    }

    @Nested
    class Ledger extends DeliveryLedgerContract {
        @Override
        protected MetadataStore store() {
            return store;
        }

        @Override
        protected MetadataStore openAgain() {
            return MetadataStoreContract.this.openAgain();
        }
    }

    @Test
    void closeIsIdempotent() {
        store.close();
        store.close();
    }

    @Nested
    class Models {

        @Test
        void aCreatedModelHasItsFieldsAndNoVersions() {
            Model created = ops.createModel(newModel("fraud"));

            assertThat(created).isEqualTo(new Model("fraud", "about fraud", Map.of("team", "risk"), "alice", T0, 0));
            assertThat(store.model("fraud")).contains(created);
            assertThat(store.versions("fraud")).isEmpty();
            assertThat(store.latestVersion("fraud")).isEmpty();
        }

        @Test
        void creatingATakenNameThrowsAndChangesNothing() {
            Model first = ops.createModel(newModel("fraud"));
            NewModel other = new NewModel("fraud", "other", Map.of("x", "y"), "mallory", at(5));

            assertThatThrownBy(() -> ops.createModel(other))
                    .isInstanceOfSatisfying(ChangeConflictException.class,
                            e -> assertThat(e.failed()).isEqualTo(new Precondition.ModelAbsent("fraud")));
            assertThat(store.model("fraud")).contains(first);
            assertThat(store.models()).containsExactly(first);
        }

        @Test
        void aNameTakenByAnImplicitlyCreatedModelCannotBeCreated() {
            register("fraud");

            assertThatThrownBy(() -> ops.createModel(newModel("fraud")))
                    .isInstanceOf(ChangeConflictException.class);
            assertThat(store.model("fraud").orElseThrow().latestVersion()).isEqualTo(1);
        }

        @Test
        void anUnknownModelIsAbsent() {
            assertThat(store.model("nope")).isEmpty();
            assertThat(store.models()).isEmpty();
        }

        @Test
        void modelsAreListedSortedByName() {
            List<String> names = List.of("b", "team/zeta", "a", "B", "team-x", "Z", "a_b", "aB", "0");
            names.forEach(n -> ops.createModel(newModel(n)));

            assertThat(store.models()).extracting(Model::name)
                    .containsExactlyElementsOf(names.stream().sorted().collect(Collectors.toList()));
        }

        @Test
        void unicodeAndLongTextRoundTrip() {
            String name = "n".repeat(Limits.MODEL_NAME_LENGTH - 4) + "/é漢z";
            NewModel model = new NewModel(name, "Détecteur de fraude 🚀 " + "d".repeat(Limits.DESCRIPTION_LENGTH - 30),
                    Map.of("k".repeat(Limits.KEY_LENGTH), "v".repeat(Limits.VALUE_LENGTH), "équipe", "risque ✓",
                            "empty", ""),
                    "p".repeat(Limits.PRINCIPAL_LENGTH), T0);

            ops.createModel(model);

            assertThat(store.model(name)).contains(new Model(name, model.description(), model.tags(),
                    model.createdBy(), T0, 0));
        }
    }

    @Nested
    class Registration {

        @Test
        void registeringAVersionOfAnUnknownModelCreatesTheModel() {
            ops.insert(newVersion("fraud", DEVELOPMENT, "bob", at(7)));

            assertThat(store.model("fraud")).contains(new Model("fraud", "", Map.of(), "bob", at(7), 1));
        }

        @Test
        void registeringAVersionOfAnExistingModelLeavesTheModelAlone() {
            ops.createModel(newModel("fraud"));
            ops.insert(newVersion("fraud", DEVELOPMENT, "bob", at(7)));

            assertThat(store.model("fraud")).contains(
                    new Model("fraud", "about fraud", Map.of("team", "risk"), "alice", T0, 1));
        }

        @Test
        void versionNumbersStartAtOneAndIncreaseByOnePerModel() {
            List<Integer> fraud = new ArrayList<>();
            List<Integer> churn = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                fraud.add(register("fraud").version());
                if (i < 2) {
                    churn.add(register("churn").version());
                }
            }

            assertThat(fraud).containsExactly(1, 2, 3);
            assertThat(churn).containsExactly(1, 2);
        }

        @Test
        void theModelsLatestVersionIsTheHighestAllocatedNumber() {
            ops.createModel(newModel("fraud"));
            assertThat(store.model("fraud").orElseThrow().latestVersion()).isZero();

            register("fraud");
            register("fraud");

            assertThat(store.model("fraud").orElseThrow().latestVersion()).isEqualTo(2);
            assertThat(store.models()).extracting(Model::latestVersion).containsExactly(2);
        }

        @Test
        void everyFieldRoundTripsExactly() {
            Map<String, Double> metrics = Map.of("auc", 0.931, "zero", 0.0, "tiny", 1e-300, "huge", 1e300,
                    "negative", -2.5, "third", 1.0 / 3, "max", Double.MAX_VALUE);
            List<FileEntry> files = List.of(new FileEntry("A.txt", 0, sha('0')), new FileEntry("a/b.bin", 1, sha('1')),
                    new FileEntry("a/z.bin", 5_000_000_000L, sha('2')), new FileEntry("a_b", 3, sha('3')),
                    new FileEntry("model.onnx", 42, sha('4')), new FileEntry("ü/模型.bin", 7, sha('5')));
            NewVersion v = new NewVersion("fraud", STAGING, "Modèle ✓ 漢字 🚀\nsecond line",
                    Map.of("max_depth", "6", "lr", "0.1", "empty", "", "unicode", "αβγ"), metrics,
                    Map.of("team", "risk", "équipe", "risque 🚀"), files, "sha256:" + sha('f'), "bob",
                    Instant.parse("2024-02-29T23:59:59.999Z"));

            VersionRecord inserted = ops.insert(v);

            VersionRecord expected = new VersionRecord("fraud", 1, STAGING, v.description(), v.params(), metrics,
                    v.tags(), files, v.digest(), "bob", v.createdAt());
            assertThat(inserted).isEqualTo(expected);
            assertThat(store.version("fraud", 1)).contains(expected);
            assertThat(store.versions("fraud")).containsExactly(expected);
            assertThat(store.version("fraud", 1).orElseThrow().metrics())
                    .allSatisfy((k, d) -> assertThat(Double.doubleToRawLongBits(d))
                            .as(k).isEqualTo(Double.doubleToRawLongBits(metrics.get(k))));
        }

        @Test
        void filesComeBackInTheGivenOrder() {
            List<FileEntry> files = IntStream.range(0, 40)
                    .mapToObj(i -> new FileEntry(String.format("w/%02d-%s.bin", 39 - i, i % 2 == 0 ? "B" : "a"),
                            i, sha('c')))
                    .sorted(Comparator.comparing(FileEntry::path))
                    .collect(Collectors.toList());
            NewVersion base = newVersion("fraud");
            NewVersion v = new NewVersion("fraud", DEVELOPMENT, "", Map.of(), Map.of(), Map.of(), files,
                    base.digest(), "bob", T0);

            ops.insert(v);

            assertThat(store.version("fraud", 1).orElseThrow().files()).containsExactlyElementsOf(files);
        }

        @Test
        void aVersionMayHaveNoParamsMetricsTagsOrFiles() {
            NewVersion v = new NewVersion("empty", DEVELOPMENT, "", Map.of(), Map.of(), Map.of(), List.of(),
                    "sha256:" + sha('0'), "bob", T0);

            VersionRecord inserted = ops.insert(v);

            assertThat(store.version("empty", 1)).contains(inserted);
            assertThat(inserted.params()).isEmpty();
            assertThat(inserted.files()).isEmpty();
        }

        @Test
        void valuesAtTheSizeLimitsRoundTrip() {
            String model = "m".repeat(Limits.MODEL_NAME_LENGTH);
            Map<String, String> maxed = new HashMap<>();
            for (int i = 0; i < Limits.ENTRIES; i++) {
                maxed.put(String.format("%0" + Limits.KEY_LENGTH + "d", i), i < 3 ? "v".repeat(Limits.VALUE_LENGTH) : "v");
            }
            Map<String, Double> metrics = maxed.keySet().stream().collect(Collectors.toMap(k -> k, k -> 0.5));
            String path = "p/".repeat(Limits.PATH_LENGTH / 2 - 1) + "xy";
            NewVersion v = new NewVersion(model, DEVELOPMENT, "d".repeat(Limits.DESCRIPTION_LENGTH), maxed, metrics,
                    maxed, List.of(new FileEntry(path, 1, sha('e'))), "sha256:" + sha('d'),
                    "u".repeat(Limits.PRINCIPAL_LENGTH), T0);

            VersionRecord inserted = ops.insert(v);

            assertThat(path).hasSize(Limits.PATH_LENGTH);
            assertThat(store.version(model, 1)).contains(inserted);
            assertThat(inserted.params()).isEqualTo(maxed);
            assertThat(inserted.metrics()).isEqualTo(metrics);
            assertThat(inserted.tags()).isEqualTo(maxed);
            assertThat(inserted.description()).hasSize(Limits.DESCRIPTION_LENGTH);
        }

        @Test
        void instantsKeepMillisecondPrecision() {
            Instant precise = Instant.parse("2024-05-01T10:15:30.123456789Z");
            NewVersion base = newVersion("fraud");
            ops.insert(new NewVersion("fraud", DEVELOPMENT, "", Map.of(), Map.of(), Map.of(), List.of(),
                    base.digest(), "bob", precise));

            assertThat(store.version("fraud", 1).orElseThrow().createdAt().truncatedTo(ChronoUnit.MILLIS))
                    .isEqualTo(precise.truncatedTo(ChronoUnit.MILLIS));
        }
    }

    @Nested
    class Lookups {

        @Test
        void anUnknownVersionIsAbsent() {
            register("fraud");

            assertThat(store.version("fraud", 2)).isEmpty();
            assertThat(store.version("nope", 1)).isEmpty();
        }

        @Test
        void theLatestVersionIsTheHighestNumber() {
            register("fraud");
            register("fraud");
            register("other");

            assertThat(store.latestVersion("fraud")).map(VersionRecord::version).contains(2);
            assertThat(store.latestVersion("nope")).isEmpty();
        }

        @Test
        void theNewestInAStageIsTheHighestNumberInThatStage() {
            register("fraud", STAGING);
            register("fraud", STAGING);
            register("fraud", DEVELOPMENT);
            register("other", STAGING);
            register("other", STAGING);
            register("other", STAGING);

            assertThat(store.newestInStage("fraud", STAGING)).map(VersionRecord::version).contains(2);
            assertThat(store.newestInStage("fraud", DEVELOPMENT)).map(VersionRecord::version).contains(3);
            assertThat(store.newestInStage("fraud", PRODUCTION)).isEmpty();
            assertThat(store.newestInStage("nope", STAGING)).isEmpty();
        }

        @Test
        void theNewestInAStageFollowsTransitions() {
            register("fraud");
            register("fraud");
            ops.transition(move("fraud", 1, DEVELOPMENT, STAGING));

            assertThat(store.newestInStage("fraud", STAGING)).map(VersionRecord::version).contains(1);
            assertThat(store.newestInStage("fraud", DEVELOPMENT)).map(VersionRecord::version).contains(2);
        }

        @Test
        void versionsAreListedNewestFirstWithTheirFullRecords() {
            VersionRecord v1 = register("fraud");
            VersionRecord v2 = register("fraud");
            VersionRecord v3 = register("fraud");
            register("other");

            assertThat(store.versions("fraud")).containsExactly(v3, v2, v1);
        }

        @Test
        void aModelWithoutVersionsOrAnUnknownModelHasNoVersions() {
            ops.createModel(newModel("fraud"));

            assertThat(store.versions("fraud")).isEmpty();
            assertThat(store.versions("nope")).isEmpty();
            assertThat(store.latestVersion("fraud")).isEmpty();
        }
    }

    @Nested
    class Transitions {

        @Test
        void aTransitionMovesTheVersionAndRecordsTheMove() {
            register("fraud");

            VersionRecord moved = ops.transition(move("fraud", 1, DEVELOPMENT, STAGING));

            assertThat(moved.stage()).isEqualTo(STAGING);
            assertThat(store.version("fraud", 1)).contains(moved);
            assertThat(store.transitions("fraud", 1)).containsExactly(
                    new TransitionRecord("fraud", 1, DEVELOPMENT, STAGING, "carol", at(60), "why not"));
        }

        @Test
        void movesAreRecordedOldestFirstWithUnicodeComments() {
            register("fraud");
            String comment = "passe la validation ✓ " + "c".repeat(Limits.COMMENT_LENGTH - 30);
            ops.transition(new TransitionRequest("fraud", 1, DEVELOPMENT, STAGING, null, "carol", at(1), ""));
            ops.transition(new TransitionRequest("fraud", 1, STAGING, DEVELOPMENT, null, "dave", at(2), comment));
            ops.transition(new TransitionRequest("fraud", 1, DEVELOPMENT, STAGING, null, "erin", at(2), "again"));

            assertThat(store.transitions("fraud", 1)).containsExactly(
                    new TransitionRecord("fraud", 1, DEVELOPMENT, STAGING, "carol", at(1), ""),
                    new TransitionRecord("fraud", 1, STAGING, DEVELOPMENT, "dave", at(2), comment),
                    new TransitionRecord("fraud", 1, DEVELOPMENT, STAGING, "erin", at(2), "again"));
        }

        @Test
        void aVersionWithoutMovesOrAnUnknownVersionHasNoTransitions() {
            register("fraud");

            assertThat(store.transitions("fraud", 1)).isEmpty();
            assertThat(store.transitions("fraud", 9)).isEmpty();
            assertThat(store.transitions("nope", 1)).isEmpty();
        }

        @Test
        void aVersionNotInTheExpectedStageIsNotMovedAndNothingChanges() {
            register("fraud", PRODUCTION);
            register("fraud", STAGING);

            assertThatThrownBy(() -> ops.transition(promote("fraud", 2, DEVELOPMENT)))
                    .isInstanceOfSatisfying(ChangeConflictException.class, e -> assertThat(e.failed())
                            .isEqualTo(new Precondition.InStage(Target.version("fraud", 2), DEVELOPMENT)));

            assertThat(stageOf("fraud", 1)).isEqualTo(PRODUCTION);
            assertThat(stageOf("fraud", 2)).isEqualTo(STAGING);
            assertThat(store.transitions("fraud", 1)).isEmpty();
            assertThat(store.transitions("fraud", 2)).isEmpty();
        }

        @Test
        void movingAnUnknownVersionThrows() {
            register("fraud");

            assertThatThrownBy(() -> ops.transition(move("fraud", 2, DEVELOPMENT, STAGING)))
                    .isInstanceOf(ChangeConflictException.class);
            assertThatThrownBy(() -> ops.transition(move("nope", 1, DEVELOPMENT, STAGING)))
                    .isInstanceOf(ChangeConflictException.class);
            assertThat(store.model("nope")).isEmpty();
        }

        @Test
        void enteringAnExclusiveStageDisplacesItsOccupantAndRecordsTheDisplacement() {
            register("fraud");
            register("fraud", STAGING);
            ops.transition(promote("fraud", 1, DEVELOPMENT));

            VersionRecord promoted = ops.transition(
                    new TransitionRequest("fraud", 2, STAGING, PRODUCTION, ARCHIVED, "carol", at(90), "better"));

            assertThat(promoted.stage()).isEqualTo(PRODUCTION);
            assertThat(stageOf("fraud", 1)).isEqualTo(ARCHIVED);
            assertThat(store.newestInStage("fraud", PRODUCTION)).contains(promoted);
            assertThat(store.transitions("fraud", 1)).containsExactly(
                    new TransitionRecord("fraud", 1, DEVELOPMENT, PRODUCTION, "carol", at(60), "beats the rest"),
                    displacement("fraud", 1, 2, at(90)));
            assertThat(store.transitions("fraud", 2)).containsExactly(
                    new TransitionRecord("fraud", 2, STAGING, PRODUCTION, "carol", at(90), "better"));
        }

        @Test
        void everyOtherOccupantOfTheStageIsDisplaced() {
            register("fraud", PRODUCTION);
            register("fraud", PRODUCTION);
            register("fraud", STAGING);
            register("fraud", STAGING);

            ops.transition(promote("fraud", 3, STAGING));

            assertThat(store.versions("fraud")).extracting(VersionRecord::stage)
                    .containsExactly(STAGING, PRODUCTION, ARCHIVED, ARCHIVED);
            assertThat(store.transitions("fraud", 1)).containsExactly(displacement("fraud", 1, 3, at(60)));
            assertThat(store.transitions("fraud", 2)).containsExactly(displacement("fraud", 2, 3, at(60)));
            assertThat(store.transitions("fraud", 4)).isEmpty();
        }

        @Test
        void displacementStaysWithinTheModel() {
            register("fraud", PRODUCTION);
            register("fraud2", PRODUCTION);
            register("fraud", STAGING);

            ops.transition(promote("fraud", 2, STAGING));

            assertThat(stageOf("fraud", 1)).isEqualTo(ARCHIVED);
            assertThat(stageOf("fraud2", 1)).isEqualTo(PRODUCTION);
            assertThat(store.transitions("fraud2", 1)).isEmpty();
        }

        @Test
        void withoutDisplacementOtherVersionsStayInTheStage() {
            register("fraud", STAGING);
            register("fraud");

            ops.transition(move("fraud", 2, DEVELOPMENT, STAGING));

            assertThat(stageOf("fraud", 1)).isEqualTo(STAGING);
            assertThat(stageOf("fraud", 2)).isEqualTo(STAGING);
            assertThat(store.transitions("fraud", 1)).isEmpty();
        }
    }

    @Nested
    class Updates {

        @Test
        void changingTheDescriptionRecordsOldAndNewValue() {
            register("fraud");

            VersionRecord updated = ops.update(describe("fraud", 1, "Nouvelle description ✓"));

            assertThat(updated.description()).isEqualTo("Nouvelle description ✓");
            assertThat(store.version("fraud", 1)).contains(updated);
            assertThat(store.changes("fraud", 1)).containsExactly(new VersionChange(VersionRef.of("fraud", 1),
                    "description", "", "Nouvelle description ✓", "dave", at(120)));
        }

        @Test
        void settingAndRemovingTagsRecordsOneChangePerTag() {
            register("fraud");
            VersionRef ref = VersionRef.of("fraud", 1);

            VersionRecord updated = ops.update(new VersionUpdate("fraud", 1, "new",
                    Map.of("team", "fraud-ops", "owner", "ève"), Set.of(), "dave", at(120)));
            assertThat(updated.tags()).isEqualTo(Map.of("team", "fraud-ops", "owner", "ève"));
            updated = ops.update(tags("fraud", 1, Map.of(), Set.of("owner")));

            assertThat(updated.tags()).isEqualTo(Map.of("team", "fraud-ops"));
            assertThat(store.version("fraud", 1)).contains(updated);
            List<VersionChange> changes = store.changes("fraud", 1);
            assertThat(changes).hasSize(4);
            assertThat(changes.subList(0, 3)).containsExactlyInAnyOrder(
                    new VersionChange(ref, "description", "", "new", "dave", at(120)),
                    new VersionChange(ref, "tag:team", "risk", "fraud-ops", "dave", at(120)),
                    new VersionChange(ref, "tag:owner", null, "ève", "dave", at(120)));
            assertThat(changes.get(3)).isEqualTo(new VersionChange(ref, "tag:owner", "ève", null, "dave", at(120)));
        }

        @Test
        void unchangedValuesAndAbsentKeysAreNotRecorded() {
            VersionRecord registered = register("fraud");

            VersionRecord updated = ops.update(new VersionUpdate("fraud", 1, "", Map.of("team", "risk"),
                    Set.of("absent"), "dave", at(120)));

            assertThat(updated).isEqualTo(registered);
            assertThat(store.changes("fraud", 1)).isEmpty();
        }

        @Test
        void aNullDescriptionLeavesTheDescriptionAlone() {
            register("fraud");
            ops.update(describe("fraud", 1, "kept"));

            VersionRecord updated = ops.update(tags("fraud", 1, Map.of("x", "1"), Set.of()));

            assertThat(updated.description()).isEqualTo("kept");
            assertThat(store.changes("fraud", 1)).extracting(VersionChange::field).containsExactly("description", "tag:x");
        }

        @Test
        void changesAreListedOldestFirst() {
            register("fraud");
            for (int i = 1; i <= 5; i++) {
                ops.update(new VersionUpdate("fraud", 1, "d" + i, Map.of(), Set.of(), "dave", at(200)));
            }

            assertThat(store.changes("fraud", 1)).extracting(VersionChange::newValue)
                    .containsExactly("d1", "d2", "d3", "d4", "d5");
            assertThat(store.changes("fraud", 1)).extracting(VersionChange::oldValue)
                    .containsExactly("", "d1", "d2", "d3", "d4");
        }

        @Test
        void anUpdateTouchesOnlyItsVersion() {
            register("fraud");
            VersionRecord other = register("fraud");

            ops.update(new VersionUpdate("fraud", 1, "x", Map.of("a", "b"), Set.of("team"), "dave", at(1)));

            assertThat(store.version("fraud", 2)).contains(other);
            assertThat(store.changes("fraud", 2)).isEmpty();
        }

        @Test
        void updatingAnUnknownVersionThrows() {
            register("fraud");

            assertThatThrownBy(() -> ops.update(describe("fraud", 2, "x")))
                    .isInstanceOf(ChangeConflictException.class);
            assertThatThrownBy(() -> ops.update(describe("nope", 1, "x")))
                    .isInstanceOf(ChangeConflictException.class);
            assertThat(store.changes("fraud", 2)).isEmpty();
            assertThat(store.changes("nope", 1)).isEmpty();
        }
    }

    @Nested
    class Concurrency {

        private static final int THREADS = 8;

        @Test
        void concurrentRegistrationsGetEveryNumberExactlyOnce() throws InterruptedException {
            int perThread = 25;

            List<List<Integer>> numbers = concurrently(THREADS, t -> () -> {
                List<Integer> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    mine.add(ops.insert(newVersion("fraud", DEVELOPMENT, "t" + t, T0)).version());
                }
                return mine;
            });

            List<Integer> all = numbers.stream().flatMap(List::stream).sorted().collect(Collectors.toList());
            List<Integer> expected = IntStream.rangeClosed(1, THREADS * perThread).boxed().collect(Collectors.toList());
            assertThat(all).containsExactlyElementsOf(expected);
            assertThat(store.versions("fraud")).extracting(VersionRecord::version)
                    .containsExactlyElementsOf(expected.stream().sorted(Comparator.reverseOrder())
                            .collect(Collectors.toList()));
            assertThat(store.model("fraud").orElseThrow().latestVersion()).isEqualTo(THREADS * perThread);
        }

        @Test
        void concurrentFirstRegistrationsOfNewModelsAllSucceed() throws InterruptedException {
            // Every thread registers one version of every model, each starting with a different
            // model, so the implicit creation of each model races with the others.
            concurrently(THREADS, t -> () -> {
                for (int i = 0; i < THREADS; i++) {
                    ops.insert(newVersion("model-" + (t + i) % THREADS, DEVELOPMENT, "t" + t, T0));
                }
                return null;
            });

            assertThat(store.models()).hasSize(THREADS).allSatisfy(m -> assertThat(m.latestVersion()).isEqualTo(THREADS));
            for (int m = 0; m < THREADS; m++) {
                assertThat(store.versions("model-" + m)).extracting(VersionRecord::version)
                        .containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
            }
        }

        @Test
        void concurrentPromotionsIntoAnExclusiveStageLeaveExactlyOneOccupant() throws InterruptedException {
            for (int round = 0; round < 10; round++) {
                String model = "fraud-" + round;
                for (int i = 0; i < 4; i++) {
                    register(model, STAGING);
                }

                concurrently(4, t -> () -> ops.transitionRetrying(promote(model, t + 1, STAGING)));

                List<String> stages = store.versions(model).stream().map(VersionRecord::stage)
                        .collect(Collectors.toList());
                assertThat(stages).as("stages of %s", model).containsOnly(PRODUCTION, ARCHIVED);
                assertThat(stages).filteredOn(PRODUCTION::equals).hasSize(1);
                List<TransitionRecord> displacements = IntStream.rangeClosed(1, 4)
                        .mapToObj(v -> store.transitions(model, v)).flatMap(List::stream)
                        .filter(r -> r.comment().startsWith(DISPLACEMENT_COMMENT_PREFIX))
                        .collect(Collectors.toList());
                // Serialized promotions: each one after the first displaces its predecessor.
                assertThat(displacements).hasSize(3);
                for (int v = 1; v <= 4; v++) {
                    String expectedLast = stageOf(model, v);
                    List<TransitionRecord> moves = store.transitions(model, v);
                    assertThat(moves.get(0).to()).isEqualTo(PRODUCTION);
                    assertThat(moves.get(moves.size() - 1).to()).isEqualTo(expectedLast);
                }
            }
        }

        @Test
        void ofTwoConcurrentMovesFromTheSameStageExactlyOneWins() throws InterruptedException {
            for (int round = 0; round < 10; round++) {
                String model = "fraud-" + round;
                register(model);

                List<String> outcomes = concurrently(2, t -> () -> {
                    try {
                        ops.transition(move(model, 1, DEVELOPMENT, t == 0 ? STAGING : ARCHIVED));
                        return "moved";
                    } catch (ChangeConflictException e) {
                        return "conflict";
                    }
                });

                assertThat(outcomes).containsExactlyInAnyOrder("moved", "conflict");
                assertThat(store.transitions(model, 1)).hasSize(1);
                assertThat(stageOf(model, 1)).isEqualTo(store.transitions(model, 1).get(0).to());
            }
        }

        @Test
        void concurrentTagUpdatesOfOneVersionAreAllKept() throws InterruptedException {
            register("fraud");

            concurrently(THREADS, t -> () -> ops.update(tags("fraud", 1, Map.of("k" + t, "v" + t), Set.of())));

            Map<String, String> expected = new HashMap<>(Map.of("team", "risk"));
            IntStream.range(0, THREADS).forEach(t -> expected.put("k" + t, "v" + t));
            assertThat(store.version("fraud", 1).orElseThrow().tags()).isEqualTo(expected);
            assertThat(store.changes("fraud", 1)).hasSize(THREADS);
        }
    }
}
