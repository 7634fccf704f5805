package dev.modelregistry.core;

import dev.modelregistry.access.AccessPolicy;
import dev.modelregistry.access.Subject;
import java.time.Duration;
import java.util.Set;

/**
 * How a registry controls access, as its builder was told.
 *
 * @param policy   the policy, or null for none (an open registry)
 * @param admins   subjects that hold {@link dev.modelregistry.access.Role#ADMIN} by configuration
 * @param cacheTtl how long a read's access check may rely on grants read before
 */
record AccessConfig(AccessPolicy policy, Set<Subject> admins, Duration cacheTtl) {

    /** The default of {@code cacheTtl}. */
    static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(1);

    AccessConfig {
        admins = Set.copyOf(admins);
    }

    static AccessConfig open() {
        return new AccessConfig(null, Set.of(), DEFAULT_CACHE_TTL);
    }
}
