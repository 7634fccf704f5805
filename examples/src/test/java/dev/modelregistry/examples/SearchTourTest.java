package dev.modelregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.VersionRef;
import org.junit.jupiter.api.Test;

class SearchTourTest {

    @Test
    void theIncidentQueryFindsTheTwoRiskModelsInProductionAndPagingVisitsEveryRiskVersionOnce() {
        SearchTour.Output out = SearchTour.run();

        assertThat(out.production()).containsExactly(VersionRef.of("risk/churn", 3), VersionRef.of("risk/fraud", 3));
        assertThat(out.builder()).isEqualTo(out.production());
        assertThat(out.mlflow()).hasSize(6).allMatch(r -> r.model().startsWith("risk/"));
        assertThat(out.total()).isEqualTo(6);
        assertThat(out.pageCount()).isEqualTo(2);
        assertThat(out.pages()).containsExactly(VersionRef.of("risk/churn", 3), VersionRef.of("risk/churn", 2),
                VersionRef.of("risk/churn", 1), VersionRef.of("risk/fraud", 3), VersionRef.of("risk/fraud", 2),
                VersionRef.of("risk/fraud", 1));
    }
}
