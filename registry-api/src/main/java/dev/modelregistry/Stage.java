package dev.modelregistry;

/**
 * A lifecycle stage a model version is in, such as {@link #PRODUCTION}.
 *
 * <p>{@code Stage} is an interface so that a custom {@link Lifecycle} can define its own stages;
 * the built-in ones are {@link StandardStage}. Stages are stored and compared by {@link #name()},
 * which is unique within a lifecycle. Implementations must be immutable.
 */
public interface Stage {

    /** Where every new version starts in the standard lifecycle. */
    Stage DEVELOPMENT = StandardStage.DEVELOPMENT;
    /** Candidate under validation. */
    Stage STAGING = StandardStage.STAGING;
    /** Serving; at most one version per model is in this stage. */
    Stage PRODUCTION = StandardStage.PRODUCTION;
    /** Retired; where a displaced production version goes. */
    Stage ARCHIVED = StandardStage.ARCHIVED;

    /** The stage's unique name, for example {@code "PRODUCTION"}. */
    String name();

    /**
     * The stage called {@code name}: a standard stage if it is one, else a stage known only by its
     * name (equal to any other such stage of the same name).
     */
    static Stage named(String name) {
        return LifecycleBuilder.stageNamed(java.util.Objects.requireNonNull(name, "name"));
    }
}
