package dev.modelregistry;

/** The stages of the {@linkplain Lifecycle#standard() standard lifecycle}. */
public enum StandardStage implements Stage {
    /** Where every new version starts. */
    DEVELOPMENT,
    /** Candidate under validation. */
    STAGING,
    /** Serving; at most one version per model. */
    PRODUCTION,
    /** Retired. */
    ARCHIVED
}
