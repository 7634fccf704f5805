package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.GateRefusedException;
import dev.modelregistry.Gates;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.PromotionRequest;
import dev.modelregistry.PromotionRequest.Status;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two approvals by others than the creator and the requester (four-eyes) before PRODUCTION. */
class ApprovalsTest {

    private final Registry registry = Registries.builder()
            .metadataStore(new InMemoryMetadataStore())
            .artifactStore(new InMemoryArtifactStore())
            .principal("carol")
            .gate(Stage.PRODUCTION, Gates.approvals(2))
            .build();

    @AfterEach
    void close() {
        registry.close();
    }

    private ModelVersion register() {
        return registry.register("fraud").content("model.bin", new byte[] {1}).commit();
    }

    @Test
    void theStageIsEnteredOnTheApprovalThatMeetsTheQuorum() {
        ModelVersion v = register();
        assertThatThrownBy(() -> registry.transition(v, Stage.PRODUCTION, "direct"))
                .isInstanceOfSatisfying(GateRefusedException.class, e -> assertThat(e.unmet())
                        .containsExactly("2 approvals by others than the creator and the requester: it has 0"));
        registry.as("dev").requestPromotion(v.ref(), Stage.PRODUCTION, "release");

        PromotionRequest once = registry.as("ann").approve("fraud", 1, "");
        assertThat(once.status()).isEqualTo(Status.PENDING);
        assertThat(registry.version(v.ref()).orElseThrow().stage()).isEqualTo(Stage.DEVELOPMENT);

        PromotionRequest twice = registry.as("ben").approve("fraud", 1, "");
        assertThat(twice.status()).isEqualTo(Status.COMPLETED);
        assertThat(twice.approvers()).containsExactlyInAnyOrder("ann", "ben");
        assertThat(registry.version(v.ref()).orElseThrow().stage()).isEqualTo(Stage.PRODUCTION);
    }

    @Test
    void theCreatorTheRequesterAndASecondVoteAreRefusedNamingThePrincipal() {
        ModelVersion v = register();
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
        ModelVersion v = register();
        registry.as("dev").requestPromotion(v.ref(), Stage.PRODUCTION, "release");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<PromotionRequest>> votes = new ArrayList<>();
            for (String voter : List.of("ann", "ben")) {
                votes.add(pool.submit(() -> registry.as(voter).approve("fraud", 1, "")));
            }
            List<Status> statuses = new ArrayList<>();
            for (Future<PromotionRequest> vote : votes) {
                statuses.add(vote.get(60, TimeUnit.SECONDS).status());
            }
            assertThat(statuses).containsExactlyInAnyOrder(Status.PENDING, Status.COMPLETED);
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.promotionRequest("fraud", 1).orElseThrow().votes()).hasSize(2);
        assertThat(registry.history(v.ref())).filteredOn(t -> Stage.PRODUCTION.equals(t.to())).hasSize(1);
    }
}
