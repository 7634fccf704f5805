package dev.modelregistry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.VersionRef;
import org.junit.jupiter.api.Test;

class LineageTourTest {

    @Test
    void theCorruptDatasetReachesBothProductionVersionsAndThePicturesShowTheWholeFamily() {
        LineageTour.Output out = LineageTour.run();

        assertThat(out.impact()).extracting(i -> i.version().ref())
                .containsExactly(VersionRef.of("fraud-cards", 1), VersionRef.of("fraud-ensemble", 1));
        assertThat(out.impact().get(1).path()).containsExactly(VersionRef.of("fraud-base", 1),
                VersionRef.of("fraud-cards", 1), VersionRef.of("fraud-ensemble", 1));
        assertThat(out.mermaid()).startsWith("flowchart").contains("fraud-base v1", "fraud-wires v1",
                "ensemble-member-of", "fine-tuned-from", LineageTour.CORRUPT);
        assertThat(out.dot()).startsWith("digraph").contains("fraud-ensemble v1");
        assertThat(out.card()).contains("# fraud-ensemble v1", "## Lineage", "fraud-cards");
    }
}
