package dev.modelregistry.examples;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionRef;
import dev.modelregistry.core.Registries;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.DatasetRole;
import dev.modelregistry.lineage.Impact;
import dev.modelregistry.lineage.ImpactQuery;
import dev.modelregistry.lineage.LineageGraph;
import dev.modelregistry.lineage.Lineages;
import dev.modelregistry.lineage.Relation;
import dev.modelregistry.lineage.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Lineage of a small family of models: a base model, two fine-tunes of it and an ensemble of the
 * two. Records datasets, the code, the run and the parents at registration; then asks which
 * PRODUCTION versions depend on a dataset that turned out to be corrupt, compares the two
 * fine-tunes, and writes the ensemble's upstream graph as Mermaid and Graphviz DOT and its model
 * card. Runs on a throw-away in-memory registry; the same code works on every backend.
 */
public final class LineageTour {

    static final String CORRUPT = "s3://data/transactions-2026-10.parquet";

    private LineageTour() {
    }

    /** What the tour wrote. */
    record Output(String mermaid, String dot, String card, List<Impact> impact) {
    }

    /**
     * Runs the tour and writes {@code lineage.mmd}, {@code lineage.dot} and {@code model-card.md}.
     *
     * @param args the directory to write into, default the working directory
     */
    public static void main(String[] args) {
        Output out = run();
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        try {
            Files.writeString(dir.resolve("lineage.mmd"), out.mermaid());
            Files.writeString(dir.resolve("lineage.dot"), out.dot());
            Files.writeString(dir.resolve("model-card.md"), out.card());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("PRODUCTION versions that depend on " + CORRUPT + ":");
        out.impact().forEach(i -> System.out.println("  " + i.version().ref() + " via " + i.path()));
        System.out.println(out.mermaid());
    }

    static Output run() {
        try (Registry registry = Registries.inMemory()) {
            ModelVersion base = registry.register("fraud-base")
                    .content("model.onnx", bytes("base weights"))
                    .dataset(Dataset.of(CORRUPT, "sha256:" + "5b".repeat(32), DatasetRole.TRAIN).withRows(1_200_000))
                    .dataset(Dataset.of("s3://data/holdout-2026-10.parquet", DatasetRole.TEST))
                    .run(TrainingRun.of("mlflow", "7f3a", URI.create("https://mlflow.example.com/#/runs/7f3a")))
                    .param("epochs", "20")
                    .metric("auc", 0.91)
                    .commit();
            ModelVersion cards = fineTune(registry, "fraud-cards", base.ref(), "s3://data/cards-2026-11.parquet", 0.93);
            ModelVersion wires = fineTune(registry, "fraud-wires", base.ref(), "s3://data/wires-2026-11.parquet", 0.92);
            ModelVersion ensemble = registry.register("fraud-ensemble")
                    .content("ensemble.json", bytes("{\"members\":[\"fraud-cards@1\",\"fraud-wires@1\"]}"))
                    .parent(cards.ref(), Relation.ENSEMBLE_MEMBER_OF)
                    .parent(wires.ref(), Relation.ENSEMBLE_MEMBER_OF)
                    .metric("auc", 0.95)
                    .commit();
            registry.transition(cards, Stage.PRODUCTION, "beats the base on cards");
            registry.transition(ensemble, Stage.PRODUCTION, "beats both members");
            registry.setAlias(ensemble.ref(), "champion");

            Lineages lineage = registry.lineage();
            List<Impact> impact = lineage.impact(ImpactQuery.datasetUri(CORRUPT).inStages(Stage.PRODUCTION));
            LineageGraph upstream = lineage.upstream(ensemble.ref(), 5);
            System.out.println("cards vs wires: " + lineage.diff(cards.ref(), wires.ref()).differences().size()
                    + " differences");
            return new Output(lineage.mermaid(upstream), lineage.dot(upstream), lineage.modelCard(ensemble.ref()),
                    impact);
        }
    }

    private static ModelVersion fineTune(Registry registry, String model, VersionRef base, String data, double auc) {
        return registry.register(model)
                .content("model.onnx", bytes(model + " weights"))
                .dataset(Dataset.of(data, DatasetRole.TRAIN))
                .parent(base, Relation.FINE_TUNED_FROM)
                .param("epochs", "3")
                .metric("auc", auc)
                .commit();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
