package dev.modelregistry.examples;

import dev.modelregistry.Gates;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.PromotionRequest;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.core.InMemoryArtifactStore;
import dev.modelregistry.core.InMemoryMetadataStore;
import dev.modelregistry.core.Registries;
import java.nio.charset.StandardCharsets;

/**
 * Four-eyes promotion: PRODUCTION needs two approvals by others than the version's creator and
 * the requester. The creator's own approval is refused; the second approval of others makes the
 * move. Runs on a throw-away in-memory registry.
 */
public final class ApprovalTour {

    private ApprovalTour() {
    }

    /**
     * Runs the tour and prints what it sees.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (Registry registry = Registries.builder()
                .metadataStore(new InMemoryMetadataStore())
                .artifactStore(new InMemoryArtifactStore())
                .principal("trainer")
                .gate(Stage.PRODUCTION, Gates.approvals(2))
                .build()) {
            ModelVersion v = registry.register("fraud-detector")
                    .content("model.onnx", "weights".getBytes(StandardCharsets.UTF_8))
                    .commit();
            PromotionRequest request = registry.as("ml-engineer")
                    .requestPromotion(v.ref(), Stage.PRODUCTION, "beats v0 on holdout");
            try {
                registry.approve("fraud-detector", request.id(), "my own model");
            } catch (InvalidInputException e) {
                System.out.println("refused: " + e.getMessage());
            }
            registry.as("release-manager").approve("fraud-detector", request.id(), "checked the report");
            PromotionRequest done = registry.as("risk-officer").approve("fraud-detector", request.id(), "ok");
            System.out.println("request " + done.id() + " " + done.status() + ", approved by " + done.approvers()
                    + "; v" + v.version() + " is in " + registry.version(v.ref()).orElseThrow().stage().name());
        }
    }
}
