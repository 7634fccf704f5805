package dev.modelregistry.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.modelregistry.Evaluation;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.VersionRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

class ModelRegistryExtensionTest {

    static final List<Evaluation> RECORDED = new ArrayList<>();
    static final List<String> SEEN = new ArrayList<>();

    @Test
    void anEvaluatesTestRecordsItsOutcomeOnTheCandidateWithItsMetrics() {
        RECORDED.clear();

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(Validation.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));

        assertThat(RECORDED).hasSize(2);
        assertThat(RECORDED.get(0)).satisfies(e -> {
            assertThat(e.name()).isEqualTo("holdout");
            assertThat(e.passed()).isTrue();
            assertThat(e.metrics()).isEqualTo(Map.of("accuracy", 0.97));
            assertThat(e.details()).endsWith("Validation#passes");
        });
        assertThat(RECORDED.get(1)).satisfies(e -> {
            assertThat(e.name()).isEqualTo("bias");
            assertThat(e.passed()).isFalse();
            assertThat(e.metrics()).isEqualTo(Map.of("gap", 0.3));
            assertThat(e.details()).contains("Validation#fails").contains("gap too large");
        });
    }

    @Test
    void aThrowAwayRegistryIsInjectedIntoTestsAndLifecycleMethods() {
        SEEN.clear();

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(ThrowAway.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));

        assertThat(SEEN).containsExactly("before: 0 models", "test: 1 model");
    }

    /** Run by the engine above, not on its own: it is nested and not named *Test. */
    @ExtendWith(ModelRegistryExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Validation {

        @BeforeAll
        static void registerACandidate(Registry registry) {
            ModelVersion v = registry.register("fraud").content("model.bin", new byte[] {1, 2, 3}).commit();
            registry.setAlias(v.ref(), "challenger");
        }

        @Test
        @Order(1)
        @Evaluates(value = "fraud@challenger", name = "holdout")
        void passes(Candidate candidate) {
            assertThat(candidate.read("model.bin")).containsExactly(1, 2, 3);
            candidate.metric("accuracy", 0.97);
        }

        @Test
        @Order(2)
        @Evaluates(value = "fraud@challenger", name = "bias")
        void fails(Candidate candidate) {
            candidate.metric("gap", 0.3);
            throw new AssertionError("gap too large");
        }

        @AfterAll
        static void collect(Registry registry) {
            RECORDED.addAll(registry.evaluations(new VersionRef("fraud", 1)));
        }
    }

    /** Run by the engine above. */
    @ExtendWith(ModelRegistryExtension.class)
    static class ThrowAway {

        @BeforeAll
        static void before(Registry registry) {
            SEEN.add("before: " + registry.models().size() + " models");
        }

        @Test
        void test(Registry registry) {
            registry.register("m").content("f", new byte[] {1}).commit();
            SEEN.add("test: " + registry.models().size() + " model");
        }
    }
}
