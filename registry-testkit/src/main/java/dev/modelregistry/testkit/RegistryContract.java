package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.FileEntry;
import dev.modelregistry.IllegalTransitionException;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Model;
import dev.modelregistry.ModelAlreadyExistsException;
import dev.modelregistry.ModelNotFoundException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.StageTransition;
import dev.modelregistry.VersionChange;
import dev.modelregistry.VersionNotFoundException;
import dev.modelregistry.VersionRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour of a whole registry, through the public API only. Each wiring (in memory, embedded
 * H2 + filesystem, ...) runs it by saying how to open a registry and how to list its stored blobs.
 */
public abstract class RegistryContract extends RegistryFixture {

    @Nested
    class Journaling extends RegistryJournalContract {
        @Override
        protected Registry registry() {
            return registry;
        }

        @Override
        protected Instant now() {
            return NOW;
        }
    }

    @Nested
    class AuditQueries extends RegistryJournalQueryContract {
        @Override
        protected Registry registry() {
            return registry;
        }

        @Override
        protected Instant now() {
            return NOW;
        }
    }

    @Nested
    class Aliasing extends RegistryAliasContract {
        @Override
        protected Registry registry() {
            return registry;
        }

        @Override
        protected Instant now() {
            return NOW;
        }
    }

    @Nested
    class Evaluating extends RegistryEvaluationContract {
        @Override
        protected Registry registry() {
            return registry;
        }

        @Override
        protected Instant now() {
            return NOW;
        }
    }

    @Nested
    class RollingBack extends RegistryRollbackContract {
        @Override
        protected Registry registry() {
            return registry;
        }
    }

    @Nested
    class Requesting extends RegistryRequestContract {
        @Override
        protected Registry registry() {
            return registry;
        }
    }

    @Nested
    class Tracing extends RegistryLineageContract {
        @Override
        protected Registry registry() {
            return registry;
        }
    }

    @Nested
    class Searching extends RegistrySearchContract {
        @Override
        protected Registry registry() {
            return registry;
        }
    }

    @Nested
    class ReportingProgress extends RegistryProgressContract {
        @Override
        protected Registry registry() {
            return registry;
        }
    }

    @Nested
    class RandomOperations extends RegistryInvariantsContract {
        @Override
        protected Registry registry() {
            return registry;
        }
    }

    @Nested
    class Registering {

        @Test
        void aRegistrationIsSpentByAFailedCommitAndSaysSo() {
            InputStream failing = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("source went away");
                }
            };
            var registration = registry.register("m").content("model.bin", failing);
            assertThatThrownBy(registration::commit).isInstanceOf(RuntimeException.class);

            assertThatThrownBy(registration::commit).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("spent").hasMessageContaining("register(\"m\")");
            assertThat(registry.versions("m")).isEmpty();
        }

        @Test
        void aRegistrationRefusedForHavingNoFilesCanStillBeCompleted() {
            var registration = registry.register("m");
            assertThatThrownBy(registration::commit).isInstanceOf(InvalidInputException.class);

            assertThat(registration.content("model.bin", utf8("w")).commit().version()).isEqualTo(1);
        }

        @Test
        void aSourceFileGivenThroughALinkIsReadAsItWasWhenAdded() throws Exception {
            Path checked = Files.writeString(dir.resolve("checkpoint-7.bin"), "checked");
            Files.writeString(dir.resolve("checkpoint-8.bin"), "later");
            Path best = Files.createSymbolicLink(dir.resolve("best.bin"), checked.getFileName());
            var registration = registry.register("m").file("model.bin", best);

            Files.delete(best);
            Files.createSymbolicLink(best, Path.of("checkpoint-8.bin"));

            ModelVersion v = registration.commit();
            assertThat(read(v, "model.bin")).isEqualTo("checked");
        }

        @Test
        void theFirstRegistrationCreatesTheModelAndVersionOne() {
            ModelVersion v = registerSmall("fraud-detector");

            assertThat(v.ref()).isEqualTo(VersionRef.of("fraud-detector", 1));
            assertThat(v.stage()).isEqualTo(Stage.DEVELOPMENT);
            assertThat(v.createdBy()).isEqualTo("alice");
            assertThat(v.createdAt()).isEqualTo(NOW);
            assertThat(registry.model("fraud-detector")).get()
                    .satisfies(m -> assertThat(m.latestVersion()).isEqualTo(1))
                    .satisfies(m -> assertThat(m.createdBy()).isEqualTo("alice"));
        }

        @Test
        void versionNumbersIncreaseByOnePerModel() {
            registerSmall("a");
            registerSmall("a");
            registerSmall("b");

            assertThat(registerSmall("a").version()).isEqualTo(3);
            assertThat(registerSmall("b").version()).isEqualTo(2);
        }

        @Test
        void recordsDescriptionParamsMetricsTagsAndCreator() {
            ModelVersion v = registry.register("team/churn")
                    .content("model.onnx", utf8("onnx"))
                    .description("gradient boosting, 200 trees")
                    .param("max_depth", "6").params(Map.of("eta", "0.3"))
                    .metric("auc", 0.931).metrics(Map.of("loss", 0.0))
                    .tag("team", "risk").tags(Map.of("framework", "xgboost"))
                    .createdBy("training-job-17")
                    .commit();

            ModelVersion read = registry.version("team/churn", 1).orElseThrow();
            assertThat(read).isEqualTo(v);
            assertThat(read.description()).isEqualTo("gradient boosting, 200 trees");
            assertThat(read.params()).isEqualTo(Map.of("max_depth", "6", "eta", "0.3"));
            assertThat(read.metrics()).isEqualTo(Map.of("auc", 0.931, "loss", 0.0));
            assertThat(read.tags()).isEqualTo(Map.of("team", "risk", "framework", "xgboost"));
            assertThat(read.createdBy()).isEqualTo("training-job-17");
        }

        @Test
        void negativeMetricsAreRecordedAsGiven() {
            Map<String, Double> metrics = Map.of("r2", -0.25, "log_likelihood", -1234.5,
                    "auc_delta_vs_baseline", -0.003, "lowest", -Double.MAX_VALUE);

            ModelVersion v = registry.register("regressor").content("model.onnx", utf8("onnx"))
                    .metrics(metrics).commit();

            assertThat(v.metrics()).isEqualTo(metrics);
            assertThat(registry.version("regressor", 1).orElseThrow().metrics()).isEqualTo(metrics);
        }

        @Test
        void registersAFileADirectoryTreeAndStreamsUnderTheirPaths() throws Exception {
            Path single = Files.writeString(dir.resolve("model.onnx"), "onnx bytes");
            Path tree = Files.createDirectories(dir.resolve("tokenizer"));
            Files.writeString(tree.resolve("vocab.txt"), "a b c");
            Files.createDirectories(tree.resolve("merges"));
            Files.writeString(tree.resolve("merges/part-0"), "ab");

            ModelVersion v = registry.register("llm")
                    .file(single)
                    .file(tree)
                    .file("config/copied.onnx", single)
                    .content("README.md", new ByteArrayInputStream(utf8("# llm")))
                    .commit();

            assertThat(v.files()).extracting(FileEntry::path)
                    .containsExactly("README.md", "config/copied.onnx", "merges/part-0", "model.onnx", "vocab.txt");
            assertThat(v.file("merges/part-0")).get().satisfies(f -> {
                assertThat(f.size()).isEqualTo(2);
                assertThat(f.sha256()).isEqualTo(sha256(utf8("ab")));
            });
            assertThat(read(v, "vocab.txt")).isEqualTo("a b c");
            assertThat(read(v, "README.md")).isEqualTo("# llm");
        }

        @Test
        void aSymbolicLinkInsideTheSourceDirectoryIsFollowed() throws Exception {
            Path model = Files.createDirectories(dir.resolve("model"));
            Path weights = Files.writeString(model.resolve("weights.bin"), "w");
            Files.createSymbolicLink(model.resolve("alias.bin"), weights);

            ModelVersion v = registry.register("linked").file(model).commit();

            assertThat(v.files()).extracting(FileEntry::path).containsExactly("alias.bin", "weights.bin");
            assertThat(read(v, "alias.bin")).isEqualTo("w");
        }

        @Test
        void identicalContentIsStoredOnceAcrossVersionsAndModels() {
            registry.register("a").content("m.bin", utf8("same")).content("other.bin", utf8("same")).commit();
            registry.register("b").content("x.bin", utf8("same")).commit();

            assertThat(storedBlobs()).hasSize(1);
        }

        @Test
        void theDigestIsSha256OverTheRawFileDigestsInSortedPathOrder() throws Exception {
            ModelVersion v = registry.register("m")
                    .content("b.bin", utf8("second"))
                    .content("a/z.bin", utf8("first"))
                    .commit();

            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            expected.update(MessageDigest.getInstance("SHA-256").digest(utf8("first")));
            expected.update(MessageDigest.getInstance("SHA-256").digest(utf8("second")));
            assertThat(v.digest()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
        }

        @Test
        void filesAndDigestFollowTheModelSigningOrderComponentByComponent() throws Exception {
            ModelVersion v = registry.register("signed")
                    .content("a.b", utf8("dot"))
                    .content("a-b", utf8("dash"))
                    .content("a/b", utf8("slash"))
                    .commit();

            List<String> order = List.of("a/b", "a-b", "a.b");
            assertThat(v.files()).extracting(FileEntry::path).containsExactlyElementsOf(order);
            assertThat(registry.version("signed", 1).orElseThrow().files()).extracting(FileEntry::path)
                    .containsExactlyElementsOf(order);
            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            for (String content : List.of("slash", "dash", "dot")) {
                expected.update(MessageDigest.getInstance("SHA-256").digest(utf8(content)));
            }
            assertThat(v.digest()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
        }

        @Test
        void aModelCanBeCreatedExplicitlyWithADescriptionAndTags() {
            Model m = registry.createModel("ns/ranker", "ranks search results", Map.of("owner", "search"));

            assertThat(m.latestVersion()).isZero();
            assertThat(registry.model("ns/ranker")).contains(m);
            assertThat(registerSmall("ns/ranker").version()).isEqualTo(1);
            assertThat(registry.model("ns/ranker").orElseThrow().description()).isEqualTo("ranks search results");
        }

        @Test
        void creatingAModelTwiceIsRefusedAndChangesNothing() {
            Model m = registry.createModel("ranker", "first", Map.of());

            assertThatThrownBy(() -> registry.createModel("ranker", "second", Map.of()))
                    .isInstanceOf(ModelAlreadyExistsException.class).hasMessageContaining("ranker");
            assertThat(registry.models()).containsExactly(m);
        }
    }

    @Nested
    class MutableMetadata {

        @Test
        void descriptionAndTagsChangeAndEachChangeIsRecordedWithWhoAndWhen() {
            ModelVersion v = registry.register("m").content("f", utf8("x")).tag("env", "dev").commit();
            Registry bob = registry.as("bob");

            bob.describe(v.ref(), "retrained on November data");
            bob.tag(v.ref(), "env", "prod");
            ModelVersion after = bob.untag(v.ref(), "env");

            assertThat(after.description()).isEqualTo("retrained on November data");
            assertThat(after.tags()).isEmpty();
            assertThat(registry.changes(v.ref())).containsExactly(
                    new VersionChange(v.ref(), "description", "", "retrained on November data", "bob", NOW),
                    new VersionChange(v.ref(), "tag:env", "dev", "prod", "bob", NOW),
                    new VersionChange(v.ref(), "tag:env", "prod", null, "bob", NOW));
        }

        @Test
        void filesParamsMetricsAndDigestNeverChange() {
            ModelVersion v = registry.register("m").content("f", utf8("x")).param("p", "1").metric("auc", 0.9).commit();

            registry.describe(v.ref(), "new");
            registry.tag(v.ref(), "k", "v");
            registry.transition(v, Stage.STAGING, "");

            ModelVersion after = registry.version(v.ref()).orElseThrow();
            assertThat(after.files()).isEqualTo(v.files());
            assertThat(after.params()).isEqualTo(v.params());
            assertThat(after.metrics()).isEqualTo(v.metrics());
            assertThat(after.digest()).isEqualTo(v.digest());
        }
    }

    @Nested
    class Stages {

        @Test
        void promotingAVersionMakesItTheOneFoundInProduction() {
            ModelVersion v1 = registerSmall("m");

            ModelVersion promoted = registry.transition(v1, Stage.PRODUCTION, "beats baseline");

            assertThat(promoted.stage()).isEqualTo(Stage.PRODUCTION);
            assertThat(registry.find("m", Stage.PRODUCTION)).contains(promoted);
            assertThat(registry.find("m", Stage.STAGING)).isEmpty();
        }

        @Test
        void promotingAnotherVersionArchivesThePreviousOneAtomically() {
            ModelVersion v1 = registry.transition(registerSmall("m"), Stage.PRODUCTION, "first");
            ModelVersion v2 = registerSmall("m");

            registry.as("bob").transition(v2, Stage.PRODUCTION, "beats v1 on holdout");

            assertThat(registry.find("m", Stage.PRODUCTION)).get().extracting(ModelVersion::version).isEqualTo(2);
            assertThat(registry.version(v1.ref()).orElseThrow().stage()).isEqualTo(Stage.ARCHIVED);
            List<StageTransition> history = registry.history(v1.ref());
            assertThat(history).hasSize(3);
            assertThat(history.get(2).from()).isEqualTo(Stage.PRODUCTION);
            assertThat(history.get(2).to()).isEqualTo(Stage.ARCHIVED);
            assertThat(history.get(2).actor()).isEqualTo("bob");
            assertThat(history.get(2).comment()).contains("m v2");
        }

        @Test
        void everyTransitionRecordsWhoWhenFromToAndWhyAfterTheRegistration() {
            ModelVersion v = registry.register("m").content("model.bin", utf8("w")).createdBy("dave").commit();
            registry.transition(v, Stage.STAGING, "candidate");
            registry.as("carol").transition(v, Stage.PRODUCTION, "approved");

            assertThat(registry.history(v.ref())).containsExactly(
                    new StageTransition(v.ref(), null, Stage.DEVELOPMENT, "dave", NOW, StageTransition.REGISTERED),
                    new StageTransition(v.ref(), Stage.DEVELOPMENT, Stage.STAGING, "alice", NOW, "candidate"),
                    new StageTransition(v.ref(), Stage.STAGING, Stage.PRODUCTION, "carol", NOW, "approved"));
        }

        @Test
        void anIllegalTransitionIsRefusedAndChangesNothing() {
            ModelVersion v = registry.transition(registerSmall("m"), Stage.PRODUCTION, "");

            assertThatThrownBy(() -> registry.transition(v, Stage.DEVELOPMENT, ""))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining("PRODUCTION").hasMessageContaining("DEVELOPMENT");
            assertThatThrownBy(() -> registry.transition(v, Stage.PRODUCTION, ""))
                    .isInstanceOf(IllegalTransitionException.class);
            assertThat(registry.version(v.ref()).orElseThrow().stage()).isEqualTo(Stage.PRODUCTION);
            assertThat(registry.history(v.ref())).hasSize(2);
        }

        @Test
        void anArchivedVersionCanBeRolledBackToProduction() {
            ModelVersion v1 = registry.transition(registerSmall("m"), Stage.PRODUCTION, "");
            registry.transition(registerSmall("m"), Stage.PRODUCTION, "");

            registry.transition(v1.ref(), Stage.PRODUCTION, "rollback: v2 regressed");

            assertThat(registry.find("m", Stage.PRODUCTION)).get().extracting(ModelVersion::version).isEqualTo(1);
            assertThat(registry.version("m", 2).orElseThrow().stage()).isEqualTo(Stage.ARCHIVED);
        }

        @Test
        void transitionsOfUnknownVersionsAndModelsThrowNotFound() {
            registerSmall("m");

            assertThatThrownBy(() -> registry.transition(VersionRef.of("m", 9), Stage.STAGING, ""))
                    .isInstanceOf(VersionNotFoundException.class).hasMessageContaining("m v9");
            assertThatThrownBy(() -> registry.transition(VersionRef.of("nope", 1), Stage.STAGING, ""))
                    .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("nope");
        }

        @Test
        void aStageOfAnotherLifecycleIsRefused() {
            ModelVersion v = registerSmall("m");
            Stage canary = () -> "CANARY";

            assertThatThrownBy(() -> registry.transition(v, canary, ""))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("CANARY");
        }
    }

    @Nested
    class Lookups {

        @Test
        void findsVersionsByNumberLatestAndNewestFirst() {
            registerSmall("m");
            registerSmall("m");
            registerSmall("m");

            assertThat(registry.version("m", 2)).get().extracting(ModelVersion::version).isEqualTo(2);
            assertThat(registry.latest("m")).get().extracting(ModelVersion::version).isEqualTo(3);
            assertThat(registry.versions("m")).extracting(ModelVersion::version).containsExactly(3, 2, 1);
        }

        @Test
        void listsAllModelsSortedByName() {
            registerSmall("zeta");
            registerSmall("alpha");
            registerSmall("ns/mid");

            assertThat(registry.models()).extracting(Model::name).containsExactly("alpha", "ns/mid", "zeta");
        }

        @Test
        void namesThatCanNeverExistAreEmptyLikeOtherMissingThings() {
            for (String impossible : List.of("", "../x", "a/b/c", "with space", "fraud\u202Egnp")) {
                assertThat(registry.model(impossible)).as(impossible).isEmpty();
                assertThat(registry.version(impossible, 1)).as(impossible).isEmpty();
                assertThat(registry.latest(impossible)).as(impossible).isEmpty();
                assertThat(registry.find(impossible, Stage.PRODUCTION)).as(impossible).isEmpty();
                assertThat(registry.versions(impossible)).as(impossible).isEmpty();
            }
        }

        @Test
        void aReferenceToVersionZeroIsNotFoundLikeTheLookupOfVersionZero() {
            registerSmall("m");

            assertThat(registry.version("m", 0)).isEmpty();
            assertThat(registry.version(VersionRef.of("m", 0))).isEmpty();
            assertThatThrownBy(() -> registry.history(VersionRef.of("m", 0)))
                    .isInstanceOf(VersionNotFoundException.class).hasMessageContaining("m v0");
        }

        @Test
        void unknownThingsAreEmptyNotErrors() {
            registerSmall("m");

            assertThat(registry.version("m", 2)).isEmpty();
            assertThat(registry.version("m", 0)).isEmpty();
            assertThat(registry.version("other", 1)).isEmpty();
            assertThat(registry.latest("other")).isEmpty();
            assertThat(registry.find("m", Stage.PRODUCTION)).isEmpty();
            assertThat(registry.versions("other")).isEmpty();
            assertThat(registry.model("other")).isEmpty();
        }
    }

    @Nested
    class ReadingFiles {

        @Test
        void copiesAWholeVersionToADirectory() throws Exception {
            ModelVersion v = registry.register("m")
                    .content("model.onnx", utf8("onnx")).content("tokenizer/vocab.txt", utf8("a b")).commit();

            Path out = registry.copyTo(v, dir.resolve("out"));

            assertThat(Files.readString(out.resolve("model.onnx"))).isEqualTo("onnx");
            assertThat(Files.readString(out.resolve("tokenizer/vocab.txt"))).isEqualTo("a b");
        }

        @Test
        void copyingOntoAnExistingFileIsRefusedAndWritesNothing() throws Exception {
            ModelVersion v = registry.register("m")
                    .content("a.bin", utf8("a")).content("b.bin", utf8("b")).commit();
            Path out = Files.createDirectories(dir.resolve("out"));
            Files.writeString(out.resolve("b.bin"), "mine");

            assertThatThrownBy(() -> registry.copyTo(v, out))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("b.bin");
            assertThat(out.resolve("a.bin")).doesNotExist();
            assertThat(Files.readString(out.resolve("b.bin"))).isEqualTo("mine");
        }

        @Test
        void openingAFileTheVersionDoesNotHaveIsRefused() {
            ModelVersion v = registerSmall("m");

            assertThatThrownBy(() -> registry.open(v, "missing.bin"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing.bin");
        }

        @Test
        void readsALargeFileByteForByte() throws Exception {
            byte[] big = new byte[3 * 1024 * 1024 + 17];
            new java.util.Random(7).nextBytes(big);
            ModelVersion v = registry.register("m").content("big.bin", big).commit();

            try (InputStream in = registry.open(v, "big.bin")) {
                assertThat(in.readAllBytes()).isEqualTo(big);
            }
        }
    }

    @Nested
    class ClosedRegistry {

        @Test
        void closeIsIdempotentAndAClosedRegistryRefusesWork() {
            registry.close();
            registry.close();

            assertThatThrownBy(() -> registry.register("m")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> registry.models()).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void closingAViewLeavesTheRegistryOpen() {
            registry.as("bob").close();

            assertThat(registerSmall("m").version()).isEqualTo(1);
        }
    }
}
