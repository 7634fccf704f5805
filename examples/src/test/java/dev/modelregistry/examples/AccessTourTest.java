package dev.modelregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessTourTest {

    @Test
    void theDataScientistRegistersAnOutsiderIsRefusedAndTheReleaseManagerPromotes() {
        AccessTour.Output out = AccessTour.run();

        assertThat(out.refused()).contains("eve").contains("VOTE").contains("risk/fraud-detector");
        assertThat(out.promotedBy()).isEqualTo("rob");
        assertThat(out.denials()).containsExactly("eve VOTE");
        assertThat(out.authorized()).isTrue();
    }
}
