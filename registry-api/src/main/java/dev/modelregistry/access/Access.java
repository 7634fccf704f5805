package dev.modelregistry.access;

import java.util.List;

/**
 * Grants, as seen by the registry's principal: {@code registry.access()}. Grants are stored with the
 * registry and journaled ({@code access.granted}, {@code access.revoked}); they take effect once the
 * registry is built with an {@link AccessPolicy} (docs/ACCESS.md). Thread-safe.
 */
public interface Access {

    /** Who this registry acts as. */
    Principal principal();

    /** Whether access is checked at all: false for a registry built without an {@link AccessPolicy}. */
    boolean enforced();

    /**
     * Gives a role. Needs {@link Action#MANAGE_ACCESS} on the grant's scope ({@link Role#ADMIN} for a
     * registry-wide grant).
     *
     * @return true if the grant is new, false if it was already held (nothing changed)
     * @throws dev.modelregistry.ModelNotFoundException   if it is on a model that does not exist
     * @throws dev.modelregistry.InvalidInputException    if the scope names an invalid model or namespace
     * @throws dev.modelregistry.AccessDeniedException    if the principal may not manage that scope
     */
    boolean grant(Grant grant);

    /** {@code grant(new Grant(subject, role, scope))}. */
    default boolean grant(Subject subject, Role role, Scope scope) {
        return grant(new Grant(subject, role, scope));
    }

    /**
     * Takes a role back; as {@link #grant} needs.
     *
     * @return true if it was held, false if there was no such grant (nothing changed)
     */
    boolean revoke(Grant grant);

    /** {@code revoke(new Grant(subject, role, scope))}. */
    default boolean revoke(Subject subject, Role role, Scope scope) {
        return revoke(new Grant(subject, role, scope));
    }

    /**
     * The grants on exactly this scope, sorted. Needs {@link Action#MANAGE_ACCESS} on it.
     */
    List<Grant> grantsOn(Scope scope);

    /**
     * Every grant that applies to the principal (its own and its groups'), sorted; anyone may read their own.
     */
    List<Grant> mine();

    /**
     * Whether the principal may perform {@code action} on {@code scope} now; asks the policy without
     * recording anything. For a user interface that hides what cannot be done; the operation itself
     * checks again.
     */
    boolean allows(Action action, Scope scope);
}
