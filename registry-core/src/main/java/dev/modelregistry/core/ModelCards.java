package dev.modelregistry.core;

import dev.modelregistry.Evaluation;
import dev.modelregistry.Model;
import dev.modelregistry.ModelChange;
import dev.modelregistry.ModelVersion;
import dev.modelregistry.StageTransition;
import dev.modelregistry.lineage.Lineage;
import java.util.List;

/** Writes a version's Markdown model card (layout in docs/LINEAGE.md). */
final class ModelCards {

    private ModelCards() {
    }

    /**
     * What a card is written from.
     *
     * @param version      the version
     * @param model        its model
     * @param lineage      its recorded lineage
     * @param aliases      the aliases pointing at it now
     * @param evaluations  its evaluations, oldest first
     * @param stageHistory its stage history, registration first
     * @param aliasHistory the model's alias moves ({@code alias:<name>} changes), oldest first
     */
    record Facts(ModelVersion version, Model model, Lineage lineage, List<String> aliases, List<Evaluation> evaluations,
                 List<StageTransition> stageHistory, List<ModelChange> aliasHistory) {
    }

    static String write(Facts facts) {
        throw new UnsupportedOperationException("TODO");
    }
}
