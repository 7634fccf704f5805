package dev.modelregistry.access;

/**
 * Everything access control decides, each with the least {@link Role} that allows it. Every public
 * operation of the registry is one of these on one model, namespace or the registry; docs/ACCESS.md
 * lists which operation is which, and a test checks that page against this table.
 */
public enum Action {
    /** See a model and its versions: find, resolve, list, search, read files, history, evaluations, aliases, lineage, requests, watch. */
    READ(Role.READER),
    /** Create a model, also by registering its first version; checked on its namespace (the registry for a name without one). */
    CREATE_MODEL(Role.CONTRIBUTOR),
    /** Register a version of an existing model. */
    REGISTER(Role.CONTRIBUTOR),
    /** Describe, tag and untag the model and its versions. */
    EDIT(Role.CONTRIBUTOR),
    /** Record an evaluation of a version. */
    EVALUATE(Role.CONTRIBUTOR),
    /** Ask for a version to be promoted to a gated stage. */
    REQUEST_PROMOTION(Role.CONTRIBUTOR),
    /** Move a version to another stage. */
    TRANSITION(Role.PROMOTER),
    /** Set, move or remove an alias. */
    ALIAS(Role.PROMOTER),
    /** Approve or reject a promotion request. */
    VOTE(Role.PROMOTER),
    /** Roll a stage or an alias back to the version it held before. */
    ROLLBACK(Role.PROMOTER),
    /** Grant and revoke roles on the scope, list its grants, and read its denied attempts. */
    MANAGE_ACCESS(Role.OWNER),
    /** Create, change, remove and replay webhooks and read their deliveries. */
    MANAGE_WEBHOOKS(Role.ADMIN),
    /** Read the registry's own journal entries, verify and export the whole journal. */
    AUDIT(Role.ADMIN),
    /** Act as another principal, or credit a version to one ({@code createdBy}). */
    ACT_AS(Role.ADMIN);

    private final Role role;

    Action(Role role) {
        this.role = role;
    }

    /** The least role that allows this action. */
    public Role role() {
        return role;
    }
}
