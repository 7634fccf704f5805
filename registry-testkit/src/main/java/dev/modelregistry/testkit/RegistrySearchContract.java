package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registration;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.VersionRef;
import dev.modelregistry.lineage.Dataset;
import dev.modelregistry.lineage.DatasetRole;
import dev.modelregistry.lineage.Relation;
import dev.modelregistry.lineage.TrainingRun;
import dev.modelregistry.search.Field;
import dev.modelregistry.search.Filter;
import dev.modelregistry.search.Page;
import dev.modelregistry.search.SearchQuery;
import dev.modelregistry.search.SearchSyntaxException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search through the public API, on a small catalog whose answers are written out by hand: the
 * language and the builder, ordering with missing values last, cursors, the fields of governance and
 * lineage, and hostile filter text that is refused or matched literally and changes nothing. Run by
 * {@link RegistryContract} as a nested group on every wiring.
 */
public abstract class RegistrySearchContract {

    private static final String TRANSACTIONS = "s3://data/transactions.parquet";
    private static final String DIGEST = "sha256:" + "cd".repeat(32);

    /** The registry under test. */
    protected abstract Registry registry();

    private VersionRef fraud1;
    private VersionRef fraud2;
    private VersionRef fraud3;
    private VersionRef churn1;
    private VersionRef ranker1;
    private VersionRef plain1;

    private VersionRef register(String model, Consumer<Registration> details) {
        Registration r = registry().register(model).content("model.bin", model.getBytes(StandardCharsets.UTF_8));
        details.accept(r);
        return r.commit().ref();
    }

    /**
     * risk/fraud v1..v3, risk/churn v1 (PRODUCTION, alias champion, two holdout evaluations),
     * growth/ranker v1 (derived from risk/fraud v1) and plain v1 without metadata. Every version has the
     * same registration time, so the default order falls back to name, then newest version first.
     */
    @BeforeEach
    void catalog() {
        fraud1 = register("risk/fraud", r -> r.tag("team", "risk").metric("auc", 0.91).param("max_depth", "6")
                .dataset(Dataset.of(TRANSACTIONS, DIGEST, DatasetRole.TRAIN))
                .run(TrainingRun.of("mlflow", "run-1", URI.create("https://mlflow.example.com/runs/run-1"))));
        fraud2 = register("risk/fraud", r -> r.tag("team", "risk").metric("auc", 0.95).param("max_depth", "8")
                .dataset(Dataset.of("s3://data/other.parquet", DatasetRole.TRAIN)));
        fraud3 = register("risk/fraud", r -> r.tag("team", "risk").metric("auc", 0.85));
        churn1 = register("risk/churn", r -> r.tag("team", "risk").metric("auc", 0.97));
        ranker1 = register("growth/ranker", r -> r.tag("team", "growth").tag("odd key.x", "yes").metric("auc", 0.99)
                .parent(fraud1, Relation.FINE_TUNED_FROM).run(TrainingRun.of("mlflow", "run-2")));
        plain1 = register("plain", r -> r.description("has 50% off_"));
        registry().transition(fraud2, Stage.STAGING, "candidate");
        registry().transition(churn1, Stage.PRODUCTION, "best");
        registry().setAlias(churn1, "champion");
        registry().evaluate(churn1, "holdout", Map.of("auc", 0.90), true, "");
        registry().evaluate(churn1, "holdout", Map.of("auc", 0.93), true, "");
    }

    private List<VersionRef> find(String filter) {
        return refs(registry().search().versions(SearchQuery.where(filter).limit(1000)));
    }

    private List<VersionRef> find(SearchQuery query) {
        return refs(registry().search().versions(query));
    }

    private static List<VersionRef> refs(Page<ModelVersion> page) {
        return page.items().stream().map(ModelVersion::ref).toList();
    }

    @Test
    void theFilterTextAndTheBuilderFindTheSameVersions() {
        List<VersionRef> expected = List.of(churn1, fraud2, fraud1);
        assertThat(find("tags.team = 'risk' AND metrics.auc > 0.9")).isEqualTo(expected);
        assertThat(find(SearchQuery.where(Field.tag("team").eq("risk").and(Field.metric("auc").gt(0.9)))))
                .isEqualTo(expected);
    }

    @Test
    void productionVersionsOfATeamAboveAThresholdAreFound() {
        assertThat(find("stage = 'PRODUCTION' AND tags.team = 'risk' AND metrics.auc > 0.9")).containsExactly(churn1);
        assertThat(find("stage IN ('PRODUCTION', 'STAGING')")).containsExactly(churn1, fraud2);
    }

    @Test
    void orOfTwoTagsAndParenthesesCombineAsWritten() {
        assertThat(find("tags.team = 'growth' OR (tags.team = 'risk' AND metrics.auc < 0.9)"))
                .containsExactly(ranker1, fraud3);
    }

    @Test
    void aMissingValueMakesAComparisonFalseWhileNotAlsoFindsVersionsWithoutIt() {
        assertThat(find("tags.team != 'risk'")).containsExactly(ranker1);
        assertThat(find("NOT tags.team = 'risk'")).containsExactly(ranker1, plain1);
        assertThat(find("tags.team IS NULL")).containsExactly(plain1);
        assertThat(find("metrics.auc IS NOT NULL")).hasSize(5);
    }

    @Test
    void resultsOrderByAMetricWithMissingValuesLastInBothDirections() {
        assertThat(find(SearchQuery.all().orderBy("metrics.auc DESC")))
                .containsExactly(ranker1, churn1, fraud2, fraud1, fraud3, plain1);
        assertThat(find(SearchQuery.all().orderBy(Field.metric("auc").asc())))
                .containsExactly(fraud3, fraud1, fraud2, churn1, ranker1, plain1);
    }

    @Test
    void orderingBySeveralKeysBreaksTiesWithTheNextKey() {
        assertThat(find(SearchQuery.all().orderBy("tags.team ASC", "version DESC")))
                .containsExactly(ranker1, fraud3, fraud2, churn1, fraud1, plain1);
    }

    @Test
    void pagesFollowOneAnotherThroughCursorsWithoutRepeatingOrSkipping() {
        SearchQuery query = SearchQuery.all().orderBy("metrics.auc DESC").limit(2).withTotal();
        List<VersionRef> seen = new ArrayList<>();
        Page<ModelVersion> page = registry().search().versions(query);
        assertThat(page.total()).hasValue(6);
        seen.addAll(refs(page));
        while (page.next().isPresent()) {
            page = registry().search().versions(query.after(page.next().get()));
            seen.addAll(refs(page));
        }
        assertThat(seen).containsExactly(ranker1, churn1, fraud2, fraud1, fraud3, plain1);
    }

    @Test
    void aCursorOfAnotherSearchOrAnAlteredOneIsRefused() {
        String cursor = registry().search().versions(SearchQuery.all().limit(1)).next().orElseThrow();
        assertThatThrownBy(() -> registry().search().versions(SearchQuery.where("tags.team = 'risk'").after(cursor)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cursor");
        assertThatThrownBy(() -> registry().search().versions(SearchQuery.all().after(cursor + "x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(cursor + "x");
        assertThatThrownBy(() -> registry().search().versions(SearchQuery.all().after("' OR 1=1 --")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("' OR 1=1 --");
    }

    @Test
    void mlflowFilterStringsMeanWhatTheyMeanInMlflow() {
        assertThat(find("name LIKE 'risk/%' AND tag.team = 'risk'")).containsExactly(churn1, fraud3, fraud2, fraud1);
        assertThat(find("name = 'risk/fraud' AND version_number > 1")).containsExactly(fraud3, fraud2);
        assertThat(find("run_id IN ('run-1', 'run-9')")).containsExactly(fraud1);
        assertThat(find("source_path = 'https://mlflow.example.com/runs/run-1'")).containsExactly(fraud1);
        assertThat(find("current_stage = 'Production'")).isEmpty();
        assertThat(find("attribute.name = 'plain'")).containsExactly(plain1);
    }

    @Test
    void aliasesDatasetsAndParentsMatchIfAnyValueDoes() {
        assertThat(find("alias = 'champion'")).containsExactly(churn1);
        assertThat(find("alias != 'champion'")).hasSize(5).doesNotContain(churn1);
        assertThat(find("dataset = '" + TRANSACTIONS + "'")).containsExactly(fraud1);
        assertThat(find("dataset = '" + DIGEST + "'")).containsExactly(fraud1);
        assertThat(find("dataset IS NULL")).containsExactly(ranker1, plain1, churn1, fraud3);
        assertThat(find("parent = 'risk/fraud'")).containsExactly(ranker1);
        assertThat(find("parent = 'risk/fraud@1'")).containsExactly(ranker1);
        assertThat(find("parent = 'risk/fraud@2'")).isEmpty();
    }

    @Test
    void anEvaluationFieldReadsTheLatestEvaluationOfThatName() {
        assertThat(find("evaluations.holdout.auc > 0.92")).containsExactly(churn1);
        assertThat(find("evaluations.holdout.auc < 0.92")).isEmpty();
        assertThat(find("evaluations.holdout.recall IS NULL")).hasSize(6);
    }

    @Test
    void likeMatchesWildcardsAndEscapedWildcardsLiterally() {
        assertThat(find("description LIKE '%50\\% off\\_'")).containsExactly(plain1);
        assertThat(find("description LIKE '%50\\%off%'")).isEmpty();
        assertThat(find("description LIKE '%50\\%_off%'")).containsExactly(plain1);
        assertThat(find("description ILIKE 'HAS%'")).containsExactly(plain1);
        assertThat(find("description LIKE 'HAS%'")).isEmpty();
        assertThat(find("name LIKE 'risk!%'")).isEmpty();
    }

    @Test
    void namespacesAndUnusualKeysCanBeSearched() {
        assertThat(find("namespace = 'risk'")).containsExactly(churn1, fraud3, fraud2, fraud1);
        assertThat(find("namespace = ''")).containsExactly(plain1);
        assertThat(find("tags.`odd key.x` = 'yes'")).containsExactly(ranker1);
        assertThat(find("params.max_depth = '8'")).containsExactly(fraud2);
    }

    @Test
    void injectionAttemptsAreRefusedOrMatchedLiterallyAndChangeNothing() {
        long head = registry().journal().head();
        for (String hostile : List.of("name = '' OR 1=1 --'", "name = 'x'; DROP TABLE versions; --",
                "name = 'x' /* comment */", "name = \u2018x\u2019", "tags.team = 'risk\\'", "name = 'unbalanced")) {
            try {
                assertThat(find(hostile)).isEmpty();
            } catch (SearchSyntaxException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        }
        for (String literal : List.of("' OR 1=1 --", "x'); DELETE FROM versions; --", "\\", "%", "_", "risk'--")) {
            assertThat(find(SearchQuery.where(Field.tag("team").eq(literal)))).isEmpty();
            assertThat(find(SearchQuery.where(Field.name().in(literal, "plain")))).containsExactly(plain1);
        }
        assertThat(find(SearchQuery.where(Field.description().like("has 50\\% off\\_")))).containsExactly(plain1);
        assertThat(registry().journal().head()).isEqualTo(head);
        assertThat(registry().search().count(Filter.ALL)).isEqualTo(6);
    }

    @Test
    void aCursorWhoseValuesWereEditedIsRefused() {
        String cursor = registry().search().versions(SearchQuery.all().limit(1)).next().orElseThrow();
        String json = new String(java.util.Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                json.replaceFirst("[0-9]+]$", "999]").getBytes(StandardCharsets.UTF_8));
        assertThat(forged).isNotEqualTo(cursor);
        assertThatThrownBy(() -> registry().search().versions(SearchQuery.all().limit(1).after(forged)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("altered");
    }

    @Test
    void instantsCompareToTheMillisecondTheyAreStoredWith() {
        java.time.Instant created = registry().version(plain1).orElseThrow().createdAt();
        assertThat(find(SearchQuery.where(Field.createdAt().ge(created.plusNanos(500_000))))).hasSize(6);
        assertThat(find(SearchQuery.where(Field.createdAt().lt(created.plusNanos(999_999))))).isEmpty();
        assertThat(find("created_at = " + created.toEpochMilli())).hasSize(6);
        assertThatThrownBy(() -> Field.createdAt().lt(java.time.Instant.parse("+300000000-01-01T00:00:00Z")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("milliseconds");
    }

    @Test
    void countCountsEveryMatchWhateverThePageSize() {
        assertThat(registry().search().count(Filter.parse("tags.team = 'risk'"))).isEqualTo(4);
        assertThat(registry().search().versions(SearchQuery.where("tags.team = 'risk'").limit(1).withTotal()).total())
                .hasValue(4);
    }

    @Test
    void badQueriesAreRefusedNamingTheOffendingText() {
        assertThatThrownBy(() -> find("tags.team = "))
                .isInstanceOf(SearchSyntaxException.class).hasMessageContaining("column");
        assertThatThrownBy(() -> find("metrics.auc > 'high'"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("high");
        assertThatThrownBy(() -> SearchQuery.all().limit(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SearchQuery.all().orderBy("alias")).isInstanceOf(InvalidInputException.class);
    }
}
