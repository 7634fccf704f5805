package dev.modelregistry.access;

/**
 * Decides whether a principal may perform an action. The registry asks before every operation,
 * with the stored grants that apply ({@link AccessRequest#grants()}). {@link #grants()} decides by
 * those grants alone; a service can instead delegate to its own authorization system with a
 * policy of its own, and may still consult the grants.
 *
 * <p>Implementations must be thread-safe and should answer quickly: they are called on the calling
 * thread of every operation, reads included.
 */
@FunctionalInterface
public interface AccessPolicy {

    /** Decides one request; never null. */
    AccessDecision decide(AccessRequest request);

    /**
     * The built-in policy: allowed if one of the request's grants has a role that includes the
     * action's ({@link Grant#allows}); the strongest such grant is the one named.
     */
    static AccessPolicy grants() {
        return GrantPolicy.INSTANCE;
    }
}
