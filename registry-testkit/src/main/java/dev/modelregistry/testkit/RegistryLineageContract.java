package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registration;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionNotFoundException;
import dev.modelregistry.VersionRef;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.lineage.CodeVersion;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.DatasetRole;
import dev.modelregistry.lineage.Impact;
import dev.modelregistry.lineage.ImpactQuery;
import dev.modelregistry.lineage.Lineage;
import dev.modelregistry.lineage.LineageEdge;
import dev.modelregistry.lineage.LineageGraph;
import dev.modelregistry.lineage.ParentModel;
import dev.modelregistry.lineage.Relation;
import dev.modelregistry.lineage.TrainingRun;
import dev.modelregistry.lineage.VersionNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage through the public API: what a registration records, the walks upstream, downstream and
 * by impact, and refusals of bad lineage that change nothing. Run by {@link RegistryContract} as a
 * nested group on every wiring.
 */
public abstract class RegistryLineageContract {

    private static final String TRANSACTIONS = "s3://data/transactions-2026-10.parquet";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    /** The registry under test. */
    protected abstract Registry registry();

    @TempDir
    Path dir;

    private ModelVersion register(String model, Consumer<Registration> lineage) {
        Registration r = registry().register(model).content("model.bin", model.getBytes(StandardCharsets.UTF_8));
        lineage.accept(r);
        return r.commit();
    }

    private ModelVersion register(String model) {
        return register(model, r -> { });
    }

    @Test
    void aRegistrationRecordsItsDatasetsCodeRunParentsAndEnvironmentAndItsJournalEntryShowsThem() {
        ModelVersion base = register("base");
        CodeVersion code = new CodeVersion(Optional.of("https://git.example.com/risk/fraud.git"),
                Optional.of("0123456789abcdef0123456789abcdef01234567"), Optional.of("main"), Optional.of(false),
                "git", List.of());
        TrainingRun run = TrainingRun.of("mlflow", "7f3a", URI.create("https://mlflow.example.com/#/runs/7f3a"));
        long head = registry().journal().head();

        ModelVersion tuned = register("fraud", r -> r
                .dataset(Dataset.of(TRANSACTIONS, DIGEST, DatasetRole.TRAIN).withRows(1_200_000)
                        .withDescription("October"))
                .dataset(Dataset.of("s3://data/holdout.parquet", DatasetRole.TEST))
                .code(code).run(run)
                .parent(base.ref(), Relation.FINE_TUNED_FROM)
                .library(org.assertj.core.api.Assertions.class)
                .library("org.junit.jupiter:junit-jupiter-api")
                .library("com.example:not-on-the-class-path"));

        Lineage lineage = registry().lineage().of(tuned.ref());
        assertThat(lineage.datasets()).containsExactly(
                new Dataset(TRANSACTIONS, Optional.of(DIGEST), DatasetRole.TRAIN, java.util.OptionalLong.of(1_200_000),
                        "October"),
                Dataset.of("s3://data/holdout.parquet", DatasetRole.TEST));
        assertThat(lineage.code()).contains(code);
        assertThat(lineage.run()).contains(run);
        assertThat(lineage.parents()).containsExactly(new ParentModel(base.ref(), Relation.FINE_TUNED_FROM));
        assertThat(lineage.environment()).hasValueSatisfying(e -> {
            assertThat(e.jvmVersion()).isEqualTo(System.getProperty("java.runtime.version"));
            assertThat(e.architecture()).isEqualTo(System.getProperty("os.arch"));
            assertThat(e.registryVersion()).isNotBlank();
            assertThat(e.libraries().get("org.assertj:assertj-core")).matches("\\d+\\.\\d+.*");
            assertThat(e.libraries()).containsEntry("com.example:not-on-the-class-path", "unknown")
                    .containsKey("org.junit.jupiter:junit-jupiter-api");
        });
        List<JournalEntry> entries = registry().journal().after(head, 10);
        assertThat(entries.get(entries.size() - 1).details())
                .contains("\"lineage\":{\"datasets\":[{\"uri\":\"" + TRANSACTIONS + "\",\"digest\":\"" + DIGEST + "\"")
                .contains("\"parents\":[{\"model\":\"base\",\"version\":1,\"relation\":\"fine-tuned-from\"}]");
        assertThat(registry().lineage().of(base.ref()).environment()).isPresent();
    }

    @Test
    void aParentThatDoesNotExistIsRefusedNamingItAndNothingIsRegistered() {
        register("base");
        long head = registry().journal().head();

        assertThatThrownBy(() -> register("fraud", r -> r.parent(VersionRef.of("base", 2), Relation.RETRAINED_FROM)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("base v2").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> register("fraud", r -> r.parent(VersionRef.of("fraud", 1), Relation.RETRAINED_FROM)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("fraud v1");

        assertThat(registry().journal().head()).isEqualTo(head);
        assertThat(registry().model("fraud")).isEmpty();
    }

    @Test
    void badLineageIsRefusedAtOnceNamingTheValue() {
        Registration r = registry().register("fraud").content("model.bin", new byte[] {1});
        r.dataset(Dataset.of(TRANSACTIONS, DatasetRole.TRAIN));

        assertThatThrownBy(() -> Dataset.of(TRANSACTIONS, "sha256:xyz", DatasetRole.TRAIN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sha256:xyz");
        assertThatThrownBy(() -> Relation.parse("cousin-of"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cousin-of");
        assertThatThrownBy(() -> DatasetRole.parse("training"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("training");
        assertThatThrownBy(() -> Dataset.of("s3://data/x\u0000y", DatasetRole.TRAIN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> Dataset.of("s3://" + "x".repeat(Dataset.URI_LENGTH), DatasetRole.TRAIN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("longer than 2048");
        assertThatThrownBy(() -> TrainingRun.of("mlflow", "1", URI.create("file:///etc/passwd")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("file:///etc/passwd");
        assertThatThrownBy(() -> r.dataset(Dataset.of(TRANSACTIONS, DatasetRole.TRAIN)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(TRANSACTIONS);
        assertThatThrownBy(() -> r.library("not coordinates"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not coordinates");
        assertThatThrownBy(() -> r.parent(VersionRef.of("../etc", 1), Relation.FINE_TUNED_FROM))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("../etc");
        for (int i = 1; i < Lineage.DATASETS; i++) {
            r.dataset(Dataset.of("s3://data/part-" + i, DatasetRole.OTHER));
        }
        assertThatThrownBy(() -> r.dataset(Dataset.of("s3://data/one-too-many", DatasetRole.OTHER)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("101");

        ModelVersion v = r.commit();
        assertThat(registry().lineage().of(v.ref()).datasets()).hasSize(Lineage.DATASETS)
                .first().isEqualTo(Dataset.of(TRANSACTIONS, DatasetRole.TRAIN));
    }

    @Test
    void upstreamFollowsParentsToTheDepthAskedAndSaysWhenItStoppedEarly() {
        ModelVersion previous = register("m0", r -> r.dataset(Dataset.of(TRANSACTIONS, DatasetRole.TRAIN)));
        for (int i = 1; i <= 5; i++) {
            VersionRef parent = previous.ref();
            previous = register("m" + i, r -> r.parent(parent, Relation.RETRAINED_FROM));
        }
        VersionRef last = previous.ref();

        LineageGraph all = registry().lineage().upstream(last, 5);
        assertThat(all.versions()).extracting(n -> n.ref().model()).containsExactly("m5", "m4", "m3", "m2", "m1", "m0");
        assertThat(all.edges()).hasSize(5).contains(new LineageEdge(last, VersionRef.of("m4", 1), Relation.RETRAINED_FROM));
        assertThat(all.truncated()).isFalse();
        assertThat(all.datasets()).containsOnlyKeys(VersionRef.of("m0", 1));

        LineageGraph part = registry().lineage().upstream(last, 2);
        assertThat(part.versions()).extracting(n -> n.ref().model()).containsExactly("m5", "m4", "m3");
        assertThat(part.truncated()).isTrue();
        assertThatThrownBy(() -> registry().lineage().upstream(last, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> registry().lineage().upstream(VersionRef.of("m5", 9), 3))
                .isInstanceOf(VersionNotFoundException.class);
    }

    @Test
    void downstreamVisitsAVersionReachedTwiceOnce() {
        VersionRef base = register("base").ref();
        VersionRef a = register("tuned-a", r -> r.parent(base, Relation.FINE_TUNED_FROM)).ref();
        VersionRef b = register("tuned-b", r -> r.parent(base, Relation.FINE_TUNED_FROM)).ref();
        VersionRef ensemble = register("ensemble", r -> r.parent(a, Relation.ENSEMBLE_MEMBER_OF)
                .parent(b, Relation.ENSEMBLE_MEMBER_OF)).ref();

        LineageGraph graph = registry().lineage().downstream(base, Lineage.PARENTS);
        assertThat(graph.versions()).extracting(VersionNode::ref).containsExactly(base, a, b, ensemble);
        assertThat(graph.edges()).containsExactlyInAnyOrder(new LineageEdge(a, base, Relation.FINE_TUNED_FROM),
                new LineageEdge(b, base, Relation.FINE_TUNED_FROM),
                new LineageEdge(ensemble, a, Relation.ENSEMBLE_MEMBER_OF),
                new LineageEdge(ensemble, b, Relation.ENSEMBLE_MEMBER_OF));
        assertThat(graph.datasets()).isEmpty();
        assertThat(registry().lineage().upstream(ensemble, 3).versions()).extracting(VersionNode::ref)
                .containsExactly(ensemble, a, b, base);
    }

    @Test
    void impactFindsEveryVersionThatDependsOnADatasetWithHowAndFiltersByStageAndAlias() {
        VersionRef base = register("base", r -> r.dataset(Dataset.of(TRANSACTIONS, DIGEST, DatasetRole.TRAIN))).ref();
        VersionRef other = register("other", r -> r.dataset(Dataset.of("s3://data/other", DIGEST, DatasetRole.TEST)))
                .ref();
        VersionRef tuned = register("fraud", r -> r.parent(base, Relation.FINE_TUNED_FROM)).ref();
        VersionRef distilled = register("fraud-small", r -> r.parent(tuned, Relation.DISTILLED_FROM)).ref();
        register("unrelated", r -> r.dataset(Dataset.of("s3://data/unrelated", DatasetRole.TRAIN)));
        registry().transition(tuned, Stage.PRODUCTION, "ship it");
        registry().transition(distilled, Stage.PRODUCTION, "ship it too");
        registry().setAlias(distilled, "edge");

        List<Impact> all = registry().lineage().impact(ImpactQuery.datasetUri(TRANSACTIONS));
        assertThat(all).extracting(i -> i.version().ref()).containsExactly(base, tuned, distilled);
        assertThat(all).extracting(Impact::distance).containsExactly(0, 1, 2);
        assertThat(all.get(2).path()).containsExactly(base, tuned, distilled);
        assertThat(all.get(2).version().aliases()).containsExactly("edge");

        assertThat(registry().lineage().impact(ImpactQuery.datasetUri(TRANSACTIONS).inStages(Stage.PRODUCTION)))
                .extracting(i -> i.version().ref()).containsExactly(tuned, distilled);
        assertThat(registry().lineage().impact(ImpactQuery.datasetUri(TRANSACTIONS).withAnyAlias()))
                .extracting(i -> i.version().ref()).containsExactly(distilled);
        assertThat(registry().lineage().impact(ImpactQuery.datasetUri(TRANSACTIONS).withAlias("champion"))).isEmpty();
        assertThat(registry().lineage().impact(ImpactQuery.datasetUri(TRANSACTIONS).directOnly()))
                .extracting(i -> i.version().ref()).containsExactly(base);
        assertThat(registry().lineage().impact(ImpactQuery.datasetDigest(DIGEST).depth(1)))
                .extracting(i -> i.version().ref()).containsExactly(base, other, tuned);
        assertThat(registry().lineage().impact(ImpactQuery.derivedFrom(tuned)))
                .extracting(i -> i.version().ref()).containsExactly(distilled);
        assertThat(registry().lineage().impact(ImpactQuery.datasetUri("s3://data/never-used"))).isEmpty();
        assertThatThrownBy(() -> registry().lineage().impact(ImpactQuery.derivedFrom(VersionRef.of("fraud", 7))))
                .isInstanceOf(VersionNotFoundException.class);
    }

    @Test
    void aLocalDatasetIsRecordedWithItsFileUriAndADigestThatAgreesWithTheVersionDigestOfTheSameDirectory()
            throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("train.csv"), "amount,label\n12.5,0\n");
        Files.createDirectories(data.resolve("more"));
        Files.writeString(data.resolve("more/test.csv"), "amount,label\n99.0,1\n");

        ModelVersion asVersion = registry().register("dataset-snapshot").file(data).commit();
        ModelVersion v = register("fraud", r -> r.dataset(data, DatasetRole.TRAIN));

        Dataset recorded = registry().lineage().of(v.ref()).datasets().get(0);
        assertThat(recorded.uri()).isEqualTo(data.toAbsolutePath().normalize().toUri().toString());
        assertThat(recorded.digest()).contains("sha256:" + asVersion.digest());
        assertThat(registry().lineage().digest(data)).isEqualTo("sha256:" + asVersion.digest());
        assertThat(registry().lineage().digest(data.resolve("train.csv")))
                .isEqualTo("sha256:" + asVersion.file("train.csv").orElseThrow().sha256());
        assertThatThrownBy(() -> registry().lineage().digest(dir.resolve("missing")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing");
    }
}
