package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.Gate;
import dev.modelregistry.GateRefusedException;
import dev.modelregistry.Gates;
import dev.modelregistry.IllegalTransitionException;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Lifecycle;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.PromotionRequest;
import dev.modelregistry.PromotionRequest.Status;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Gates, protected aliases, approvals with four-eyes, and a custom lifecycle, on registries that
 * each wiring builds with them: the same suite on every backend.
 */
public abstract class GovernanceContract {

    /** The custom lifecycle the suite uses. */
    public static final Lifecycle CANARY = Lifecycle.builder()
            .stages("DRAFT", "CANARY", "LIVE", "RETIRED")
            .initial("DRAFT")
            .allow("DRAFT", "CANARY", "RETIRED")
            .allow("CANARY", "LIVE", "DRAFT", "RETIRED")
            .allow("LIVE", "RETIRED")
            .allow("RETIRED", "LIVE")
            .exclusive("LIVE", "RETIRED")
            .build();

    private final List<Registry> opened = new ArrayList<>();

    /**
     * A new, empty registry acting as {@code carol}, built with the lifecycle, the stages' gates
     * and the protected aliases' gates.
     */
    protected abstract Registry open(Lifecycle lifecycle, Map<Stage, List<Gate>> stageGates,
                                     Map<String, List<Gate>> aliasGates);

    private Registry registry(Lifecycle lifecycle, Map<Stage, List<Gate>> stageGates, Map<String, List<Gate>> aliasGates) {
        Registry registry = open(lifecycle, stageGates, aliasGates);
        opened.add(registry);
        return registry;
    }

    private Registry gated() {
        return registry(Lifecycle.standard(), Map.of(Stage.PRODUCTION, List.of(Gates.metricAtLeast("auc", 0.9),
                Gates.evaluationPassed("holdout"), Gates.previouslyIn(Stage.STAGING), Gates.beatsOccupants("auc"))),
                Map.of());
    }

    @AfterEach
    void closeRegistries() {
        opened.forEach(Registry::close);
    }

    private static ModelVersion register(Registry registry, double auc) {
        return registry.register("fraud").content("model.bin", Double.toString(auc).getBytes()).metric("auc", auc)
                .commit();
    }

    @Test
    void aMoveIntoAGatedStageIsRefusedNamingEveryUnmetGateAndChangesNothing() {
        Registry registry = gated();
        ModelVersion v = register(registry, 0.87);
        long head = registry.journal().head();

        assertThatThrownBy(() -> registry.transition(v, Stage.PRODUCTION, "ship it"))
                .isInstanceOfSatisfying(GateRefusedException.class, e -> {
                    assertThat(e.ref()).isEqualTo(v.ref());
                    assertThat(e.unmet()).containsExactly("auc >= 0.9: auc is 0.87",
                            "evaluation holdout passed: it has no evaluation holdout",
                            "was in STAGING before: it never was in STAGING");
                });

        assertThat(registry.version(v.ref()).orElseThrow().stage()).isEqualTo(Stage.DEVELOPMENT);
        assertThat(registry.history(v.ref())).hasSize(1);
        assertThat(registry.journal().head()).isEqualTo(head);
    }

    @Test
    void aVersionThatMeetsEveryGateEntersAndAFailedEvaluationKeepsItOut() {
        Registry registry = gated();
        ModelVersion v = register(registry, 0.93);
        registry.transition(v, Stage.STAGING, "candidate");
        registry.evaluate(v.ref(), "holdout", Map.of("auc", 0.92), false, "first run");
        assertThatThrownBy(() -> registry.transition(v, Stage.PRODUCTION, "ship it"))
                .isInstanceOfSatisfying(GateRefusedException.class, e -> assertThat(e.unmet())
                        .containsExactly("evaluation holdout passed: its evaluation 1 of holdout failed"));

        registry.evaluate(v.ref(), "holdout", Map.of("auc", 0.93), true, "second run");

        assertThat(registry.transition(v, Stage.PRODUCTION, "ship it").stage()).isEqualTo(Stage.PRODUCTION);
    }

    @Test
    void aChallengerMustBeatTheVersionInTheStage() {
        Registry registry = gated();
        ModelVersion champion = register(registry, 0.95);
        registry.transition(champion, Stage.STAGING, "candidate");
        registry.evaluate(champion.ref(), "holdout", Map.of(), true, "");
        registry.transition(champion, Stage.PRODUCTION, "first release");
        ModelVersion challenger = register(registry, 0.94);
        registry.transition(challenger, Stage.STAGING, "candidate");
        registry.evaluate(challenger.ref(), "holdout", Map.of(), true, "");

        assertThatThrownBy(() -> registry.transition(challenger, Stage.PRODUCTION, "ship it"))
                .isInstanceOfSatisfying(GateRefusedException.class, e -> assertThat(e.unmet())
                        .containsExactly("auc higher than the versions in the stage: auc is 0.94, v1 has 0.95"));
        assertThat(registry.find("fraud", Stage.PRODUCTION)).map(ModelVersion::version).contains(1);
    }

    @Test
    void aProtectedAliasMovesOnlyOntoAVersionThatMeetsItsGates() {
        Registry registry = registry(Lifecycle.standard(), Map.of(),
                Map.of("champion", List.of(Gates.evaluationPassed("shadow"), Gates.beatsOccupants("auc"))));
        ModelVersion v1 = register(registry, 0.9);
        ModelVersion v2 = register(registry, 0.8);
        registry.evaluate(v1.ref(), "shadow", Map.of(), true, "");
        registry.setAlias(v1.ref(), "champion");
        registry.setAlias(v2.ref(), "challenger");
        long head = registry.journal().head();

        assertThatThrownBy(() -> registry.setAlias(v2.ref(), "champion"))
                .isInstanceOfSatisfying(GateRefusedException.class, e -> {
                    assertThat(e.alias()).isEqualTo("champion");
                    assertThat(e.unmet()).containsExactly("evaluation shadow passed: it has no evaluation shadow",
                            "auc higher than the versions in the stage: auc is 0.8, v1 has 0.9");
                });

        assertThat(registry.aliases("fraud")).containsEntry("champion", 1);
        assertThat(registry.journal().head()).isEqualTo(head);
    }

    @Test
    void aStageWithApprovalsIsEnteredOnTheApprovalThatMeetsTheQuorum() {
        Registry registry = registry(Lifecycle.standard(), Map.of(Stage.PRODUCTION, List.of(Gates.approvals(2))),
                Map.of());
        ModelVersion v = register(registry, 0.5);
        assertThatThrownBy(() -> registry.transition(v, Stage.PRODUCTION, "direct"))
                .isInstanceOfSatisfying(GateRefusedException.class, e -> assertThat(e.unmet())
                        .containsExactly("2 approvals by others than the creator and the requester: it has 0"));
        registry.as("dev").requestPromotion(v.ref(), Stage.PRODUCTION, "release");

        assertThat(registry.as("ann").approve("fraud", 1, "").status()).isEqualTo(Status.PENDING);
        assertThat(registry.version(v.ref()).orElseThrow().stage()).isEqualTo(Stage.DEVELOPMENT);
        PromotionRequest done = registry.as("ben").approve("fraud", 1, "");

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.approvers()).containsExactlyInAnyOrder("ann", "ben");
        assertThat(registry.version(v.ref()).orElseThrow().stage()).isEqualTo(Stage.PRODUCTION);
    }

    @Test
    void theCreatorTheRequesterAndASecondVoteAreRefusedNamingThePrincipal() {
        Registry registry = registry(Lifecycle.standard(), Map.of(Stage.PRODUCTION, List.of(Gates.approvals(2))),
                Map.of());
        ModelVersion v = register(registry, 0.5);
        registry.as("dev").requestPromotion(v.ref(), Stage.PRODUCTION, "release");
        registry.as("ann").approve("fraud", 1, "");
        long head = registry.journal().head();

        for (String voter : List.of("carol", "dev", "ann")) {
            assertThatThrownBy(() -> registry.as(voter).approve("fraud", 1, ""))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo(voter));
        }
        assertThat(registry.journal().head()).isEqualTo(head);
        assertThat(registry.promotionRequest("fraud", 1).orElseThrow().votes()).hasSize(1);
    }

    @Test
    void twoApprovalsAtOnceAreBothRecordedAndTheMoveHappensOnce() throws Exception {
        Registry registry = registry(Lifecycle.standard(), Map.of(Stage.PRODUCTION, List.of(Gates.approvals(2))),
                Map.of());
        ModelVersion v = register(registry, 0.5);
        registry.as("dev").requestPromotion(v.ref(), Stage.PRODUCTION, "release");
        List<Callable<Status>> votes = new ArrayList<>();
        for (String voter : List.of("ann", "ben")) {
            votes.add(() -> registry.as(voter).approve("fraud", 1, "").status());
        }

        assertThat(Concurrently.run(votes)).containsExactlyInAnyOrder(Status.PENDING, Status.COMPLETED);

        assertThat(registry.promotionRequest("fraud", 1).orElseThrow().votes()).hasSize(2);
        assertThat(registry.history(v.ref())).filteredOn(t -> Stage.PRODUCTION.equals(t.to())).hasSize(1);
    }

    @Test
    void versionsMoveThroughACustomLifecycleAndItsExclusiveStageDisplaces() {
        Registry registry = registry(CANARY, Map.of(), Map.of());
        Stage canary = CANARY.stage("CANARY");
        Stage live = CANARY.stage("LIVE");
        ModelVersion v1 = registry.register("fraud").content("m", new byte[] {1}).commit();
        ModelVersion v2 = registry.register("fraud").content("m", new byte[] {2}).commit();
        assertThat(v1.stage().name()).isEqualTo("DRAFT");

        registry.transition(v1, canary, "canary");
        registry.transition(v1, live, "live");
        registry.transition(v2, canary, "canary");
        registry.transition(v2, () -> "LIVE", "live, named by a lambda");

        assertThat(registry.version(v1.ref()).orElseThrow().stage().name()).isEqualTo("RETIRED");
        assertThat(registry.resolve("fraud@LIVE")).map(ModelVersion::version).contains(2);
        assertThatThrownBy(() -> registry.transition(v1, canary, "not allowed"))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> registry.transition(v1, Stage.PRODUCTION, "not a stage here"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.value()).isEqualTo("PRODUCTION"));
        assertThat(registry.rollback("fraud", live, "v2 misbehaves").version()).isEqualTo(1);
        assertThat(registry.versions("fraud")).filteredOn(v -> v.stage().equals(live)).hasSize(1);
    }
}
