package dev.modelregistry.core;

import dev.modelregistry.Evaluation;
import dev.modelregistry.FileEntry;
import dev.modelregistry.Model;
import dev.modelregistry.ModelChange;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Stage;
import dev.modelregistry.StageTransition;
import dev.modelregistry.VersionRef;
import dev.modelregistry.lineage.CodeVersion;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.DatasetRole;
import dev.modelregistry.lineage.Environment;
import dev.modelregistry.lineage.Lineage;
import dev.modelregistry.lineage.LineageEdge;
import dev.modelregistry.lineage.LineageGraph;
import dev.modelregistry.lineage.ParentModel;
import dev.modelregistry.lineage.Relation;
import dev.modelregistry.lineage.TrainingRun;
import dev.modelregistry.lineage.VersionNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The records {@link LineageViewsTest} writes views of, built directly, without a registry. */
final class LineageViewsFixtures {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final Instant T1 = Instant.parse("2026-11-02T09:30:00Z");
    static final Instant T2 = Instant.parse("2026-11-03T16:45:00Z");
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final String HOSTILE_URI = "s3://x/\"]-->x[<script>alert(1)</script>";

    private LineageViewsFixtures() {
    }

    /** 64 times {@code c}: a digest. */
    static String hex(char c) {
        return String.valueOf(c).repeat(64);
    }

    /** A version registered by alice at {@code T0}, without tags. */
    static ModelVersion version(String model, int number, Stage stage, String description, Map<String, String> params,
                                Map<String, Double> metrics, List<FileEntry> files) {
        return new ModelVersion(model, number, stage, description, params, metrics, Map.of(), files, hex('c'),
                "alice", T0);
    }

    /** A model created by alice at {@code T0}. */
    static Model model(String name, String description) {
        return new Model(name, description, Map.of(), "alice", T0, 1);
    }

    /** An environment on Linux, amd64, with these libraries. */
    static Environment environment(String jvmVersion, Map<String, String> libraries) {
        return new Environment("Eclipse Adoptium", jvmVersion, "Linux 6.1", "amd64", "0.9.0", libraries);
    }

    /** A production version with params, metrics, tags and two files; a pipe, a newline and HTML in its description. */
    static ModelVersion fraud8() {
        return new ModelVersion("fraud", 8, Stage.PRODUCTION, "Gradient-boosted trees | retrained\nweekly <b>",
                Map.of("max_depth", "6", "learning_rate", "0.1"), Map.of("auc", 0.91, "f1", 0.8),
                Map.of("team", "risk", "pii", ""),
                List.of(new FileEntry("config.json", 12, hex('b')), new FileEntry("model.onnx", 1024, hex('a'))),
                hex('c'), "alice", T0);
    }

    /** Everything a lineage records: two datasets, code, a run, a parent and the environment. */
    static Lineage fraud8Lineage() {
        return new Lineage(
                List.of(new Dataset("s3://data/tx.parquet", Optional.of("sha256:" + hex('d')), DatasetRole.TRAIN,
                                OptionalLong.of(1000), "October transactions"),
                        Dataset.of("s3://data/holdout.parquet", DatasetRole.TEST)),
                Optional.of(new CodeVersion(Optional.of("https://git.example.com/risk/fraud.git"), Optional.of(COMMIT),
                        Optional.of("main"), Optional.of(false), "git", List.of())),
                Optional.of(TrainingRun.of("mlflow", "42", URI.create("https://mlflow.example.com/#/runs/42?a=1&b=2"))),
                List.of(new ParentModel(VersionRef.of("base", 3), Relation.FINE_TUNED_FROM)),
                Optional.of(environment("17.0.9+9", Map.of("xgboost4j", "2.0.1", "onnxruntime", "1.16.3"))));
    }

    /** The facts of {@code fraud v8}'s card: one evaluation, a promotion, alias moves of it and of another version. */
    static ModelCards.Facts fullFacts() {
        ModelVersion v = fraud8();
        VersionRef ref = v.ref();
        return new ModelCards.Facts(v, model("fraud", "Flags card fraud."), fraud8Lineage(),
                List.of("stable", "champion"),
                List.of(new Evaluation(ref, 1, "holdout-2026-11", Map.of("recall", 0.7, "auc", 0.9), true, "",
                        "bob", T1)),
                List.of(new StageTransition(ref, null, Stage.DEVELOPMENT, "alice", T0, StageTransition.REGISTERED),
                        new StageTransition(ref, Stage.DEVELOPMENT, Stage.PRODUCTION, "carol", T2, "approved")),
                List.of(new ModelChange("fraud", "alias:canary", "5", "6", "carol", T1),
                        new ModelChange("fraud", "alias:champion", "7", "8", "carol", T2),
                        new ModelChange("fraud", "alias:stable", "8", null, "carol", T2)));
    }

    /** Upstream of an ensemble of two fine-tunes of one base model, with the datasets each recorded. */
    static LineageGraph ensemble() {
        VersionRef ensemble = VersionRef.of("fraud-ensemble", 1);
        VersionRef v2 = VersionRef.of("fraud", 2);
        VersionRef v3 = VersionRef.of("fraud", 3);
        VersionRef base = VersionRef.of("base", 1);
        Dataset october = Dataset.of("s3://data/tx-2026-10.parquet", DatasetRole.TRAIN);
        return new LineageGraph(ensemble, LineageGraph.Direction.UPSTREAM,
                List.of(new VersionNode(ensemble, Stage.STAGING, List.of("challenger")),
                        new VersionNode(v2, Stage.PRODUCTION, List.of("champion")),
                        new VersionNode(v3, Stage.ARCHIVED, List.of()),
                        new VersionNode(base, Stage.DEVELOPMENT, List.of())),
                List.of(new LineageEdge(ensemble, v2, Relation.ENSEMBLE_MEMBER_OF),
                        new LineageEdge(ensemble, v3, Relation.ENSEMBLE_MEMBER_OF),
                        new LineageEdge(v2, base, Relation.FINE_TUNED_FROM),
                        new LineageEdge(v3, base, Relation.FINE_TUNED_FROM)),
                Map.of(v2, List.of(october),
                        v3, List.of(october, Dataset.of("s3://data/tx-2026-11.parquet", DatasetRole.VALIDATION)),
                        base, List.of(Dataset.of("s3://data/base.parquet", DatasetRole.TRAIN))),
                false);
    }

    /** A lineage that records these datasets and nothing else. */
    static Lineage datasetsOnly(List<Dataset> datasets) {
        return new Lineage(datasets, Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    /** How many cells a table row has: its unescaped pipes, less one. */
    static int tableCells(String line) {
        int pipes = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\\') {
                i++;
            } else if (line.charAt(i) == '|') {
                pipes++;
            }
        }
        return pipes - 1;
    }
}
