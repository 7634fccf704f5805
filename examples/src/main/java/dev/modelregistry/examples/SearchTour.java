package dev.modelregistry.examples;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionRef;
import dev.modelregistry.core.Registries;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.DatasetRole;
import dev.modelregistry.search.Field;
import dev.modelregistry.search.Page;
import dev.modelregistry.search.SearchQuery;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Search across models: the question of an incident review, "every PRODUCTION version of team risk
 * with an AUC above 0.9 trained on this dataset", first in the filter language and then with the
 * typed builder; an MLflow filter string used unchanged; and a walk through every page of a larger
 * result with cursors, best AUC first. Runs on a throw-away in-memory registry; the same code works
 * on every backend.
 */
public final class SearchTour {

    static final String TRANSACTIONS = "s3://data/transactions-2026-10.parquet";

    private SearchTour() {
    }

    /** What the tour found. */
    record Output(List<VersionRef> production, List<VersionRef> builder, List<VersionRef> mlflow,
                  List<VersionRef> pages, int pageCount, long total) {
    }

    public static void main(String[] args) {
        Output out = run();
        System.out.println("PRODUCTION, team risk, auc > 0.9, trained on " + TRANSACTIONS + ": " + out.production());
        System.out.println("MLflow filter \"name LIKE 'risk/%' AND tag.team = 'risk'\": " + out.mlflow());
        System.out.println("every risk version by auc, " + out.pageCount() + " pages of 3 (" + out.total()
                + " in all): " + out.pages());
    }

    static Output run() {
        try (Registry registry = Registries.inMemory()) {
            String[] models = {"risk/fraud", "risk/churn", "growth/ranker"};
            double auc = 0.89;
            for (String model : models) {
                for (int i = 0; i < 3; i++) {
                    auc += 0.01;
                    ModelVersion v = registry.register(model)
                            .content("model.onnx", (model + i).getBytes(StandardCharsets.UTF_8))
                            .tag("team", model.substring(0, model.indexOf('/')))
                            .metric("auc", auc)
                            .dataset(Dataset.of(i == 2 ? TRANSACTIONS : "s3://data/older.parquet", DatasetRole.TRAIN))
                            .commit();
                    if (i == 2) {
                        registry.transition(v, Stage.PRODUCTION, "best of its model");
                    }
                }
            }

            // The filter language: AND, OR, NOT, parentheses, every field of a version.
            String filter = "stage = 'PRODUCTION' AND tags.team = 'risk' AND metrics.auc > 0.9"
                    + " AND dataset = '" + TRANSACTIONS + "'";
            List<VersionRef> production = refs(registry.search().versions(filter));

            // The same question without strings.
            List<VersionRef> builder = refs(registry.search().versions(SearchQuery.where(
                    Field.stage().eq("PRODUCTION")
                            .and(Field.tag("team").eq("risk"))
                            .and(Field.metric("auc").gt(0.9))
                            .and(Field.dataset().eq(TRANSACTIONS)))));

            // MLflow's search_model_versions filter strings work unchanged.
            List<VersionRef> mlflow = refs(registry.search().versions("name LIKE 'risk/%' AND tag.team = 'risk'"));

            // Every page through cursors: exact even while other processes write.
            SearchQuery byAuc = SearchQuery.where("tags.team = 'risk'").orderBy("metrics.auc DESC").limit(3).withTotal();
            List<VersionRef> pages = new ArrayList<>();
            Page<ModelVersion> page = registry.search().versions(byAuc);
            long total = page.total().orElseThrow();
            int count = 1;
            pages.addAll(refs(page));
            while (page.next().isPresent()) {
                page = registry.search().versions(byAuc.after(page.next().get()));
                pages.addAll(refs(page));
                count++;
            }
            return new Output(production, builder, mlflow, pages, count, total);
        }
    }

    private static List<VersionRef> refs(Page<ModelVersion> page) {
        return page.items().stream().map(ModelVersion::ref).toList();
    }
}
