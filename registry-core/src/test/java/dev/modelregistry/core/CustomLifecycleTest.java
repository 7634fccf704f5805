package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Lifecycle;
import org.junit.jupiter.api.Test;

/** A custom lifecycle is validated when it is built (its use: GovernanceContract). */
class CustomLifecycleTest {

    @Test
    void aLifecycleWithBadNamesOrUnknownStagesIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> Lifecycle.builder().stages("draft")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.value()).isEqualTo("draft"));
        assertThatThrownBy(() -> Lifecycle.builder().stages("A", "A")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Lifecycle.builder().stages("A", "B").initial("C").build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo("C"));
        assertThatThrownBy(() -> Lifecycle.builder().stages("A", "B").initial("A").allow("A", "X").build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo("X"));
        assertThatThrownBy(() -> Lifecycle.builder().stages("A", "B").initial("A").allow("A", "A").build())
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Lifecycle.builder().stages("A", "B").initial("A").exclusive("B", "Z").build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo("Z"));
        assertThatThrownBy(() -> Lifecycle.builder().build()).isInstanceOf(InvalidInputException.class);
    }
}
