package dev.modelregistry.spi;

import dev.modelregistry.Evaluation;
import dev.modelregistry.ModelChange;
import dev.modelregistry.VersionChange;
import java.util.List;

/** Reads the recorded history of models and versions. Implementations must be thread-safe. */
public interface HistoryReader {

    /** Every recorded stage move of a version, oldest first; empty if none or no such version. */
    List<TransitionRecord> transitions(String model, int version);

    /** Every recorded change of a version's description and tags, oldest first. */
    List<VersionChange> changes(String model, int version);

    /** Every recorded change of a model's description and tags, oldest first. */
    List<ModelChange> modelChanges(String model);

    /** The evaluations of a version, oldest first; empty if none or no such version. */
    List<Evaluation> evaluations(String model, int version);

    /** The model's promotion requests with their votes, by number; empty if none or no such model. */
    List<RequestRecord> requests(String model);
}
