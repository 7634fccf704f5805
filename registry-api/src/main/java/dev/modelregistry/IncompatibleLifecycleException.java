package dev.modelregistry;

import java.util.List;

/**
 * A registry was built with a lifecycle that cannot read what its metadata store holds: stages
 * that the store's recorded lifecycle has, or that versions are in, are missing from it. Nothing
 * changed; build the registry with a lifecycle that has them (a compatible extension adds stages
 * and moves, and is then recorded).
 */
public class IncompatibleLifecycleException extends RegistryException {

    private final List<String> missingStages;

    /**
     * @param missingStages the stages the store needs and the lifecycle lacks, sorted
     * @param lifecycle     the lifecycle the registry was built with
     */
    public IncompatibleLifecycleException(List<String> missingStages, Lifecycle lifecycle) {
        super("The lifecycle " + lifecycle + " lacks the stages " + missingStages
                + " that the metadata store's lifecycle or versions have");
        this.missingStages = List.copyOf(missingStages);
    }

    /** The stages the store needs and the lifecycle lacks, sorted. */
    public List<String> missingStages() {
        return missingStages;
    }
}
