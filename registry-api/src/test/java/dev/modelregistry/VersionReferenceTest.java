package dev.modelregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.VersionReference.Kind;
import org.junit.jupiter.api.Test;

class VersionReferenceTest {

    @Test
    void eachKindOfSelectorIsToldApartByItsFirstCharacter() {
        assertThat(VersionReference.parse("team/fraud@7")).isEqualTo(new VersionReference("team/fraud", Kind.NUMBER, "7"));
        assertThat(VersionReference.parse("fraud@latest").kind()).isEqualTo(Kind.LATEST);
        assertThat(VersionReference.parse("fraud@PRODUCTION").kind()).isEqualTo(Kind.STAGE);
        assertThat(VersionReference.parse("fraud@champion").kind()).isEqualTo(Kind.ALIAS);
        assertThat(VersionReference.parse("fraud@7").number()).isEqualTo(7);
        assertThat(VersionReference.parse("fraud@champion")).hasToString("fraud@champion");
    }

    @Test
    void malformedReferencesAreRefusedNamingThem() {
        for (String bad : new String[] {"fraud", "fraud@", "@7", "fraud@0", "fraud@012", "fraud@1000000000", "fraud@-1",
                "fraud@.x"}) {
            assertThatThrownBy(() -> VersionReference.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo(bad));
        }
        assertThatThrownBy(() -> VersionReference.parse(null)).isInstanceOf(InvalidInputException.class);
    }
}
