package dev.modelregistry.core;

import static dev.modelregistry.core.LineageViewsFixtures.COMMIT;
import static dev.modelregistry.core.LineageViewsFixtures.HOSTILE_URI;
import static dev.modelregistry.core.LineageViewsFixtures.T2;
import static dev.modelregistry.core.LineageViewsFixtures.datasetsOnly;
import static dev.modelregistry.core.LineageViewsFixtures.environment;
import static dev.modelregistry.core.LineageViewsFixtures.ensemble;
import static dev.modelregistry.core.LineageViewsFixtures.fraud8;
import static dev.modelregistry.core.LineageViewsFixtures.fraud8Lineage;
import static dev.modelregistry.core.LineageViewsFixtures.fullFacts;
import static dev.modelregistry.core.LineageViewsFixtures.hex;
import static dev.modelregistry.core.LineageViewsFixtures.model;
import static dev.modelregistry.core.LineageViewsFixtures.tableCells;
import static dev.modelregistry.core.LineageViewsFixtures.version;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.FileEntry;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionRef;
import dev.modelregistry.lineage.CodeVersion;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.DatasetRole;
import dev.modelregistry.lineage.Difference;
import dev.modelregistry.lineage.Lineage;
import dev.modelregistry.lineage.LineageDiff;
import dev.modelregistry.lineage.LineageEdge;
import dev.modelregistry.lineage.LineageGraph;
import dev.modelregistry.lineage.ParentModel;
import dev.modelregistry.lineage.Relation;
import dev.modelregistry.lineage.TrainingRun;
import dev.modelregistry.lineage.VersionNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Diffs, model cards and pictures, written from records built directly ({@link LineageViewsFixtures}). */
class LineageViewsTest {

    @Nested
    class Diff {

        @Test
        void identicalInputsGiveAnEmptyDiffWhateverTheVersionNumberStageDescriptionOrTags() {
            ModelVersion v8 = fraud8();
            ModelVersion v9 = new ModelVersion("fraud", 9, Stage.STAGING, "another description", v8.params(),
                    Map.of("auc", 0.91, "f1", 0.80), Map.of("other", "tag"), v8.files(), v8.digest(), "bob", T2);

            assertThat(LineageDiffs.diff(v8, fraud8Lineage(), v8, fraud8Lineage()).isEmpty()).isTrue();
            LineageDiff diff = LineageDiffs.diff(v8, fraud8Lineage(), v9, fraud8Lineage());
            assertThat(diff.isEmpty()).isTrue();
            assertThat(List.of(diff.left(), diff.right())).containsExactly(v8.ref(), v9.ref());
        }

        @Test
        void everySectionIsComparedInTheDocumentedOrderAndSortedByKeyWithin() {
            ModelVersion left = version("fraud", 1, Stage.ARCHIVED, "", Map.of("lr", "0.1", "depth", "6"),
                    Map.of("auc", 0.9), List.of(new FileEntry("model.onnx", 10, hex('a'))));
            ModelVersion right = version("fraud", 2, Stage.PRODUCTION, "", Map.of("lr", "0.05", "depth", "6"),
                    Map.of("auc", 0.92), List.of(new FileEntry("model.onnx", 11, hex('b'))));
            Lineage leftLineage = new Lineage(List.of(Dataset.of("s3://d/a", DatasetRole.TRAIN)),
                    Optional.of(new CodeVersion(Optional.empty(), Optional.of(COMMIT), Optional.of("main"),
                            Optional.of(false), "git", List.of())),
                    Optional.of(TrainingRun.of("mlflow", "1")),
                    List.of(new ParentModel(VersionRef.of("base", 1), Relation.FINE_TUNED_FROM)),
                    Optional.of(environment("17.0.8", Map.of("xgboost4j", "2.0.0"))));
            Lineage rightLineage = new Lineage(List.of(Dataset.of("s3://d/b", DatasetRole.TRAIN)),
                    Optional.of(new CodeVersion(Optional.empty(), Optional.of(COMMIT), Optional.of("main"),
                            Optional.of(true), "git", List.of())),
                    Optional.of(TrainingRun.of("mlflow", "2")),
                    List.of(new ParentModel(VersionRef.of("base", 1), Relation.RETRAINED_FROM)),
                    Optional.of(environment("17.0.9", Map.of("xgboost4j", "2.0.1"))));

            LineageDiff diff = LineageDiffs.diff(left, leftLineage, right, rightLineage);

            assertThat(diff.differences()).containsExactly(
                    new Difference("dataset", "train s3://d/a", Optional.of("no digest"), Optional.empty()),
                    new Difference("dataset", "train s3://d/b", Optional.empty(), Optional.of("no digest")),
                    new Difference("code", "dirty", Optional.of("false"), Optional.of("true")),
                    new Difference("run", "runId", Optional.of("1"), Optional.of("2")),
                    new Difference("parent", "base v1", Optional.of("fine-tuned-from"), Optional.of("retrained-from")),
                    new Difference("environment", "jvmVersion", Optional.of("17.0.8"), Optional.of("17.0.9")),
                    new Difference("library", "xgboost4j", Optional.of("2.0.0"), Optional.of("2.0.1")),
                    new Difference("param", "lr", Optional.of("0.1"), Optional.of("0.05")),
                    new Difference("metric", "auc", Optional.of("0.9"), Optional.of("0.92")),
                    new Difference("file", "model.onnx", Optional.of("sha256:" + hex('a') + ", 10 bytes"),
                            Optional.of("sha256:" + hex('b') + ", 11 bytes")));
        }

        @Test
        void aDatasetShowsItsDigestOrNoDigestAndItsRowsAndIsKeyedByRoleAndUri() {
            ModelVersion v = version("m", 1, Stage.DEVELOPMENT, "", Map.of(), Map.of(), List.of());
            Lineage left = datasetsOnly(List.of(
                    Dataset.of("s3://d/a", "sha256:" + hex('1'), DatasetRole.TRAIN).withRows(10),
                    Dataset.of("s3://d/a", DatasetRole.TEST)));
            Lineage right = datasetsOnly(List.of(Dataset.of("s3://d/a", hex('2'), DatasetRole.TRAIN),
                    Dataset.of("s3://d/a", DatasetRole.TEST).withDescription("descriptions are not compared")));

            assertThat(LineageDiffs.diff(v, left, v, right).differences()).containsExactly(
                    new Difference("dataset", "train s3://d/a", Optional.of("sha256:" + hex('1') + ", 10 rows"),
                            Optional.of("sha256:" + hex('2'))));
        }

        @Test
        void metricsAreComparedAsNumbersAndShownInJavaNotation() {
            ModelVersion left = version("m", 1, Stage.DEVELOPMENT, "", Map.of(),
                    Map.of("a", 0.5, "b", 1.0, "c", Double.NaN, "d", 1e-7), List.of());
            ModelVersion right = version("m", 2, Stage.DEVELOPMENT, "", Map.of(),
                    Map.of("a", 0.50, "b", 1.0000001, "c", Double.NaN, "e", 3.0), List.of());

            assertThat(LineageDiffs.diff(left, Lineage.NONE, right, Lineage.NONE).differences()).containsExactly(
                    new Difference("metric", "b", Optional.of("1.0"), Optional.of("1.0000001")),
                    new Difference("metric", "d", Optional.of("1.0E-7"), Optional.empty()),
                    new Difference("metric", "e", Optional.empty(), Optional.of("3.0")));
        }

        @Test
        void codeRunAndEnvironmentRecordedOnOneSideOnlyListEachFieldTheyHave() {
            ModelVersion v = version("m", 1, Stage.DEVELOPMENT, "", Map.of(), Map.of(), List.of());
            Lineage right = new Lineage(List.of(), Optional.of(new CodeVersion(Optional.empty(), Optional.of(COMMIT),
                    Optional.empty(), Optional.empty(), "github-actions", List.of("no branch"))),
                    Optional.of(TrainingRun.of("wandb", "r1", URI.create("https://wandb.example/r1"))), List.of(),
                    Optional.of(environment("17", Map.of())));

            List<Difference> differences = LineageDiffs.diff(v, Lineage.NONE, v, right).differences();

            assertThat(differences).extracting(d -> d.section() + ":" + d.key()).containsExactly(
                    "code:commit", "code:source", "run:runId", "run:tracker", "run:url",
                    "environment:architecture", "environment:jvmVendor", "environment:jvmVersion", "environment:os",
                    "environment:registryVersion");
            assertThat(differences).allMatch(d -> d.left().isEmpty() && d.right().isPresent());
        }

        @Test
        void parentsAreOrderedByModelThenVersionNumber() {
            ModelVersion v = version("m", 1, Stage.DEVELOPMENT, "", Map.of(), Map.of(), List.of());
            Lineage right = new Lineage(List.of(), Optional.empty(), Optional.empty(), List.of(
                    new ParentModel(VersionRef.of("base", 10), Relation.DISTILLED_FROM),
                    new ParentModel(VersionRef.of("base", 2), Relation.FINE_TUNED_FROM)), Optional.empty());

            assertThat(LineageDiffs.diff(v, Lineage.NONE, v, right).differences()).extracting(Difference::key)
                    .containsExactly("base v2", "base v10");
        }

    }

    @Nested
    class Card {

        @Test
        void aFullCardHasTheFrontMatterAndEverySectionInAFixedLayoutTheSameEachTime() {
            assertThat(ModelCards.write(fullFacts())).isEqualTo(LineageViewsCards.FULL);
            assertThat(ModelCards.write(fullFacts())).isEqualTo(LineageViewsCards.FULL).doesNotContain("\r");
        }

        @Test
        void aCardWithNothingRecordedKeepsEverySectionAndSaysSoInOneLine() {
            ModelVersion bare = version("bare", 1, Stage.DEVELOPMENT, "", Map.of(), Map.of(), List.of());
            ModelCards.Facts facts = new ModelCards.Facts(bare, model("bare", ""), Lineage.NONE, List.of(), List.of(),
                    List.of(), List.of());

            assertThat(ModelCards.write(facts)).isEqualTo(LineageViewsCards.BARE);
        }

        @Test
        void hostileTextCannotBreakATableOrAddHtml() {
            ModelVersion v = version("fraud", 1, Stage.DEVELOPMENT, "<img src=x onerror=alert(1)>",
                    Map.of("a|b", "x\ny", "`rm`", "[link](javascript:alert(1))"), Map.of(), List.of());
            Lineage lineage = datasetsOnly(List.of(Dataset.of(HOSTILE_URI, DatasetRole.TRAIN)
                    .withDescription("one | two\nthree\r\n## Not a heading &amp; `code`")));

            String card = ModelCards.write(new ModelCards.Facts(v, model("fraud", "a\n---\nb"), lineage, List.of(),
                    List.of(), List.of(), List.of()));

            assertThat(card).doesNotContain("<script>", "<img", "`rm`", "[link](").doesNotContain("\n## Not")
                    .doesNotContain("\n---\nb");
            assertThat(card).contains("| train | s3://x/\"\\]--&gt;x\\[&lt;script&gt;alert(1)&lt;/script&gt; | — | — | "
                    + "one \\| two<br>three<br>## Not a heading &amp;amp; &#96;code&#96; |\n",
                    "| a\\|b | x<br>y |\n", "| &#96;rm&#96; | \\[link\\](javascript:alert(1)) |\n",
                    "- Description: &lt;img src=x onerror=alert(1)&gt;\n",
                    "- Model description: a<br>---<br>b\n",
                    "datasets: [\"s3://x/\\\"\\u005D--\\u003Ex\\u005B\\u003Cscript\\u003Ealert(1)"
                    + "\\u003C/script\\u003E\"]\n");
            for (String line : card.split("\n")) {
                if (line.startsWith("|")) {
                    assertThat(tableCells(line)).as(line).isIn(2, 5);
                }
            }
        }

        @Test
        void aliasMovesAreThoseIntoOrOutOfThisVersion() {
            String card = ModelCards.write(fullFacts());
            assertThat(card).contains("| champion | v7 | v8 | carol | 2026-11-03T16:45:00Z |\n",
                    "| stable | v8 | — | carol | 2026-11-03T16:45:00Z |\n").doesNotContain("canary");
        }
    }

    @Nested
    class Pictures {

        @Test
        void mermaidDrawsParentsAboveChildrenAndEachDatasetOnce() {
            assertThat(LineagePictures.mermaid(ensemble())).isEqualTo("""
                    flowchart TD
                        v0["fraud-ensemble v1<br>STAGING · @challenger"]
                        v1["fraud v2<br>PRODUCTION · @champion"]
                        v2["fraud v3<br>ARCHIVED"]
                        v3["base v1<br>DEVELOPMENT"]
                        d0[("s3://data/tx-2026-10.parquet")]
                        d1[("s3://data/tx-2026-11.parquet")]
                        d2[("s3://data/base.parquet")]
                        v1 -->|ensemble-member-of| v0
                        v2 -->|ensemble-member-of| v0
                        v3 -->|fine-tuned-from| v1
                        v3 -->|fine-tuned-from| v2
                        d0 -.->|train| v1
                        d0 -.->|train| v2
                        d1 -.->|validation| v2
                        d2 -.->|train| v3
                        classDef root stroke-width:3px
                        class v0 root
                    """);
        }

        @Test
        void dotDrawsTheSameGraph() {
            assertThat(LineagePictures.dot(ensemble())).isEqualTo("""
                    digraph lineage {
                        rankdir=TB;
                        node [shape=box];
                        v0 [label="fraud-ensemble v1\\nSTAGING · @challenger", penwidth=2];
                        v1 [label="fraud v2\\nPRODUCTION · @champion"];
                        v2 [label="fraud v3\\nARCHIVED"];
                        v3 [label="base v1\\nDEVELOPMENT"];
                        d0 [label="s3://data/tx-2026-10.parquet", shape=cylinder];
                        d1 [label="s3://data/tx-2026-11.parquet", shape=cylinder];
                        d2 [label="s3://data/base.parquet", shape=cylinder];
                        v1 -> v0 [label="ensemble-member-of"];
                        v2 -> v0 [label="ensemble-member-of"];
                        v3 -> v1 [label="fine-tuned-from"];
                        v3 -> v2 [label="fine-tuned-from"];
                        d0 -> v1 [label="train", style=dashed];
                        d0 -> v2 [label="train", style=dashed];
                        d1 -> v2 [label="validation", style=dashed];
                        d2 -> v3 [label="train", style=dashed];
                    }
                    """);
        }

        @Test
        void hostileLabelsAreEscapedAndNodeIdsAreGenerated() {
            VersionRef root = VersionRef.of("m\"]; click v0 \"x", 1);
            LineageGraph graph = new LineageGraph(root, LineageGraph.Direction.UPSTREAM,
                    List.of(new VersionNode(root, Stage.named("A&B #1 {x}\\n"), List.of())), List.of(),
                    Map.of(root, List.of(Dataset.of(HOSTILE_URI, DatasetRole.TRAIN))), false);

            assertThat(LineagePictures.mermaid(graph)).contains(
                    "    v0[\"m#quot;#93;#59; click v0 #quot;x v1<br>A#amp;B #35;1 #123;x#125;#92;n\"]\n",
                    "    d0[(\"s3://x/#quot;#93;--#gt;x#91;#lt;script#gt;alert#40;1#41;#lt;/script#gt;\")]\n",
                    "    d0 -.->|train| v0\n");
            assertThat(LineagePictures.dot(graph)).contains(
                    "    v0 [label=\"m\\\"]; click v0 \\\"x v1\\nA&amp;B #1 {x}\\\\n\", penwidth=2];\n",
                    "    d0 [label=\"s3://x/\\\"]-->x[<script>alert(1)</script>\", shape=cylinder];\n");
        }

        @Test
        void labelLineBreaksBecomeLineBreaksNotNewStatements() {
            assertThat(LineagePictures.mermaidText("a\r\nb\nc%%{init}%%"))
                    .isEqualTo("a<br>b<br>c#37;#37;#123;init#125;#37;#37;");
            assertThat(LineagePictures.dotText("a\r\nb\nc\u0007")).isEqualTo("a\\nb\\nc");
        }

        @Test
        void aTruncatedWalkSaysSoInANoteNode() {
            VersionRef root = VersionRef.of("m", 1);
            LineageGraph graph = new LineageGraph(root, LineageGraph.Direction.DOWNSTREAM,
                    List.of(new VersionNode(root, Stage.DEVELOPMENT, List.of())), List.of(), Map.of(), true);

            assertThat(LineagePictures.mermaid(graph)).isEqualTo("""
                    flowchart TD
                        v0["m v1<br>DEVELOPMENT"]
                        more["The walk stopped at the depth limit: more versions lie beyond it."]
                        classDef root stroke-width:3px
                        class v0 root
                        classDef note stroke-dasharray:5 5
                        class more note
                    """);
            assertThat(LineagePictures.dot(graph)).contains(
                    "    more [label=\"The walk stopped at the depth limit: more versions lie beyond it.\","
                            + " shape=note, style=dashed];\n");
        }
    }
}
