package dev.modelregistry.access;

/**
 * What a grant allows, each role including every one before it: a {@link #PROMOTER} may do what a
 * {@link #CONTRIBUTOR} and a {@link #READER} may. {@link Action#role()} says which role each action
 * needs; docs/ACCESS.md has the whole table.
 */
public enum Role {
    /** See models and versions, read their files, metadata, lineage and history. */
    READER,
    /** Register versions, edit descriptions and tags, record evaluations, request promotions. */
    CONTRIBUTOR,
    /** Move stages, set and remove aliases, approve and reject requests, roll back. */
    PROMOTER,
    /** Grant and revoke roles on what it owns. Whoever creates a model owns it. */
    OWNER,
    /** Everything, on every model: webhooks, the whole journal, acting as others. Granted on the registry only. */
    ADMIN;

    /** Whether this role allows what {@code other} allows. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /**
     * The role of that name, in any case.
     *
     * @throws dev.modelregistry.InvalidInputException if there is no such role
     */
    public static Role parse(String name) {
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new dev.modelregistry.InvalidInputException("role", name, "must be one of "
                + java.util.Arrays.toString(values()));
    }
}
