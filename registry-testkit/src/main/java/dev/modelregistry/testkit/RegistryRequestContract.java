package dev.modelregistry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.IllegalTransitionException;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelNotFoundException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.PromotionRequest;
import dev.modelregistry.PromotionRequest.Status;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.journal.Operations;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Promotion requests and votes, through the public API, on a registry without gates (a stage
 * with {@code Gates.approvals(n)} is covered with the gates). Run by {@link RegistryContract} as a
 * nested group on every wiring; the registry acts as {@code alice}.
 */
public abstract class RegistryRequestContract {

    /** The registry under test. */
    protected abstract Registry registry();

    private ModelVersion register() {
        return registry().register("fraud").content("model.bin", ("w" + Math.random()).getBytes(StandardCharsets.UTF_8))
                .commit();
    }

    @Test
    void anApprovedRequestMakesItsMoveAndRecordsHowItEnded() {
        ModelVersion v = register();
        long head = registry().journal().head();

        PromotionRequest request = registry().as("dev").requestPromotion(v.ref(), Stage.PRODUCTION, "beats v0");
        assertThat(request.id()).isEqualTo(1);
        assertThat(request.status()).isEqualTo(Status.PENDING);
        assertThat(request.requestedBy()).isEqualTo("dev");
        assertThat(registry().pendingRequests("fraud")).containsExactly(request);

        PromotionRequest done = registry().as("lead").approve("fraud", 1, "looks good");

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.approvers()).containsExactly("lead");
        assertThat(registry().version(v.ref()).orElseThrow().stage()).isEqualTo(Stage.PRODUCTION);
        assertThat(registry().history(v.ref()).get(1).comment()).isEqualTo("beats v0");
        assertThat(registry().pendingRequests("fraud")).isEmpty();
        assertThat(registry().promotionRequest("fraud", 1)).contains(done);
        List<JournalEntry> entries = registry().journal().after(head, 10);
        assertThat(entries).extracting(JournalEntry::operation).containsExactly(Operations.REQUEST_OPENED,
                Operations.REQUEST_VOTED, Operations.VERSION_STAGE_CHANGED, Operations.REQUEST_CLOSED);
        assertThat(entries.get(2).principal()).isEqualTo("lead");
    }

    @Test
    void aRejectedRequestEndsAndMovesNothing() {
        ModelVersion v = register();
        registry().requestPromotion(v.ref(), Stage.STAGING, "try it");

        PromotionRequest rejected = registry().as("lead").reject("fraud", 1, "not yet");

        assertThat(rejected.status()).isEqualTo(Status.REJECTED);
        assertThat(rejected.votes()).singleElement().satisfies(vote -> {
            assertThat(vote.principal()).isEqualTo("lead");
            assertThat(vote.approve()).isFalse();
            assertThat(vote.comment()).isEqualTo("not yet");
        });
        assertThat(registry().version(v.ref()).orElseThrow().stage()).isEqualTo(Stage.DEVELOPMENT);
    }

    @Test
    void votesOnClosedOrUnknownRequestsAndSecondVotesAreRefusedAndChangeNothing() {
        ModelVersion v = register();
        registry().requestPromotion(v.ref(), Stage.STAGING, "");
        registry().as("lead").reject("fraud", 1, "no");
        registry().requestPromotion(v.ref(), Stage.ARCHIVED, "");
        long head = registry().journal().head();

        assertThatThrownBy(() -> registry().as("other").approve("fraud", 1, ""))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.value()).isEqualTo("request 1 of fraud"));
        assertThatThrownBy(() -> registry().approve("fraud", 7, ""))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.value()).isEqualTo("request 7 of fraud"));
        assertThatThrownBy(() -> registry().approve("nobody", 1, "")).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry().requestPromotion(v.ref(), Stage.DEVELOPMENT, "already there"))
                .isInstanceOf(IllegalTransitionException.class);

        assertThat(registry().journal().head()).isEqualTo(head);
        assertThat(registry().pendingRequests("fraud")).extracting(PromotionRequest::id).containsExactly(2);
    }

    @Test
    void twoPrincipalsApprovingAtOnceMakeTheMoveOnceAndTheLaterVoteFindsTheRequestClosed() throws Exception {
        ModelVersion v = register();
        registry().requestPromotion(v.ref(), Stage.PRODUCTION, "release");

        List<Callable<String>> tasks = List.of(() -> vote("ann"), () -> vote("ben"));
        List<String> outcomes = Concurrently.run(tasks);

        assertThat(outcomes).containsExactlyInAnyOrder("COMPLETED", "closed");
        assertThat(registry().history(v.ref())).filteredOn(t -> Stage.PRODUCTION.equals(t.to())).hasSize(1);
        assertThat(registry().promotionRequest("fraud", 1).orElseThrow().votes()).hasSize(1);
    }

    private String vote(String principal) {
        try {
            return registry().as(principal).approve("fraud", 1, "").status().name();
        } catch (InvalidInputException e) {
            return "closed";
        }
    }
}
