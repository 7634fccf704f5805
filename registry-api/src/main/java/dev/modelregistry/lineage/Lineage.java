package dev.modelregistry.lineage;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.VersionRef;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a version came from, recorded at registration and never changed afterwards: the datasets
 * it used, the code, the training run, the versions it was derived from and the environment.
 *
 * <p>Versions registered before lineage was recorded have {@link #NONE}.
 *
 * @param datasets    the datasets it used, in the order they were added
 * @param code        the source code it was built from, if recorded
 * @param run         the experiment-tracker run that produced it, if recorded
 * @param parents     the versions it was derived from, in the order they were added
 * @param environment the software it was registered with, if recorded
 */
public record Lineage(List<Dataset> datasets, Optional<CodeVersion> code, Optional<TrainingRun> run,
                      List<ParentModel> parents, Optional<Environment> environment) {

    /** Most datasets one version may record. */
    public static final int DATASETS = 100;
    /** Most parent versions one version may record. */
    public static final int PARENTS = 32;

    /** No lineage recorded. */
    public static final Lineage NONE = new Lineage(List.of(), Optional.empty(), Optional.empty(), List.of(),
            Optional.empty());

    public Lineage {
        datasets = List.copyOf(datasets);
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(run, "run");
        parents = List.copyOf(parents);
        Objects.requireNonNull(environment, "environment");
        if (datasets.size() > DATASETS) {
            throw new InvalidInputException("dataset count", Integer.toString(datasets.size()),
                    "more than " + DATASETS + " datasets in one version's lineage");
        }
        if (parents.size() > PARENTS) {
            throw new InvalidInputException("parent count", Integer.toString(parents.size()),
                    "more than " + PARENTS + " parents in one version's lineage");
        }
        Set<String> uses = new HashSet<>();
        for (Dataset dataset : datasets) {
            if (!uses.add(dataset.role() + " " + dataset.uri())) {
                throw new InvalidInputException("dataset uri", dataset.uri(),
                        "is recorded twice as " + dataset.role().text() + " data");
            }
        }
        Set<VersionRef> seen = new HashSet<>();
        for (ParentModel parent : parents) {
            if (!seen.add(parent.version())) {
                throw new InvalidInputException("parent version", parent.version().toString(), "is named twice");
            }
        }
    }

    /** Whether nothing at all is recorded. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
