package dev.modelregistry.examples;

import dev.modelregistry.AccessDeniedException;
import dev.modelregistry.Gates;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.Principal;
import dev.modelregistry.access.Role;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.core.InMemoryArtifactStore;
import dev.modelregistry.core.InMemoryMetadataStore;
import dev.modelregistry.core.Registries;
import dev.modelregistry.journal.JournalQuery;
import dev.modelregistry.journal.Operations;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Access control as a model service would set it up: the service builds the registry with the
 * built-in policy and itself as configured administrator, gives the risk team's data scientists
 * CONTRIBUTOR on the {@code risk} namespace and its release managers PROMOTER, gates PRODUCTION with
 * an approval by someone else, and then hands each caller a view bound to the caller
 * ({@code registry.as(principal)}). A data scientist registers a model (and owns it) and asks for
 * its promotion; an outsider's approval is refused and journaled; the release manager's promotes
 * it; {@code verify()} finds every entry authorized. Runs on a throw-away in-memory registry; the
 * same code works on every backend (docs/ACCESS.md).
 */
public final class AccessTour {

    private AccessTour() {
    }

    /**
     * What the tour found.
     *
     * @param refused    the message of the outsider's refused approval
     * @param promotedBy who moved the version into PRODUCTION
     * @param denials    the journal's denied attempts, as "principal action"
     * @param authorized whether verify() found every entry authorized by the grants of its time
     */
    record Output(String refused, String promotedBy, List<String> denials, boolean authorized) {
    }

    /**
     * Runs the tour and prints what it sees.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Output out = run();
        System.out.println("refused: " + out.refused());
        System.out.println("promoted by " + out.promotedBy() + "; denied attempts " + out.denials()
                + "; journal authorized: " + out.authorized());
    }

    static Output run() {
        Principal service = Principal.service("model-service");
        try (Registry registry = Registries.builder().metadataStore(new InMemoryMetadataStore())
                .artifactStore(new InMemoryArtifactStore())
                .principal(service)
                .accessPolicy(AccessPolicy.grants())
                .admin(service.subject())
                .gate(Stage.PRODUCTION, Gates.approvals(1))
                .build()) {
            registry.access().grant(Subject.group("risk-data-science"), Role.CONTRIBUTOR, Scope.namespace("risk"));
            registry.access().grant(Subject.group("risk-release"), Role.PROMOTER, Scope.namespace("risk"));

            // Per request: the caller as the identity provider says, with its groups.
            Registry alice = registry.as(Principal.user("alice", "risk-data-science"));
            Registry rob = registry.as(Principal.user("rob", "risk-release"));

            Registry eve = registry.as(Principal.user("eve"));

            // Alice creates the model, so she owns it; the PRODUCTION gate keeps her from releasing it alone.
            ModelVersion v1 = alice.register("risk/fraud-detector")
                    .content("model.onnx", "weights".getBytes(StandardCharsets.UTF_8)).commit();
            int request = alice.requestPromotion(v1.ref(), Stage.PRODUCTION, "beats the baseline").id();
            String refused;
            try {
                eve.approve("risk/fraud-detector", request, "looks fine to me");
                refused = "nothing";
            } catch (AccessDeniedException e) {
                refused = e.getMessage();
            }
            rob.approve("risk/fraud-detector", request, "reviewed the evaluation");

            String promotedBy = rob.history(v1.ref()).get(1).actor();
            List<String> denials = registry.journal().query(JournalQuery.all().withOperations(Operations.ACCESS_DENIED))
                    .entries().stream().map(e -> e.principal() + " " + e.details().replaceAll(".*\"action\":\"(\\w+)\".*", "$1"))
                    .toList();
            return new Output(refused, promotedBy, denials, registry.journal().verify().authorized());
        }
    }
}
