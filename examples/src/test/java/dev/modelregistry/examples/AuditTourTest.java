package dev.modelregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditTourTest {

    @Test
    void theStageMovesOfOneModelArePagedAndBothExportsVerify() {
        AuditTour.Output out = AuditTour.run();

        assertThat(out.moves()).containsExactly(
                "6 fraud-detector@1 STAGING by data-scientist",
                "7 fraud-detector@1 PRODUCTION by release-manager",
                "8 fraud-detector@1 ARCHIVED by release-manager",
                "9 fraud-detector@2 PRODUCTION by release-manager");
        assertThat(out.pages()).as("two full pages, then an empty one that says there is no more").isEqualTo(3);
        assertThat(out.exported()).isEqualTo(9);
        assertThat(out.whole()).startsWith("OK 9 entries, sequences 1..9, last hash ");
        assertThat(out.oneModel()).startsWith("OK 7 entries, sequences 1..9 (2 not in the export), last hash ");
    }
}
