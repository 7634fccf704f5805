package dev.modelregistry.access;

import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link AccessPolicy} decided. A decision that rests on a stored grant names it
 * ({@link #allowedBy}): a change it allows then commits only if the grant is still held at the
 * commit, in the same transaction, so a grant revoked at the same moment never lets a change through.
 *
 * @param allowed whether the action may go ahead
 * @param grant   the stored grant that allows it, if the decision rests on one
 * @param reason  why, in words, for the journal and for the exception of a denial
 */
public record AccessDecision(boolean allowed, Optional<Grant> grant, String reason) {

    public AccessDecision {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(reason, "reason");
        if (!allowed && grant.isPresent()) {
            throw new IllegalArgumentException("a denial rests on no grant");
        }
    }

    /** Allowed because of a stored grant, which must still be held when the change commits. */
    public static AccessDecision allowedBy(Grant grant) {
        return new AccessDecision(true, Optional.of(grant), "granted " + grant);
    }

    /** Allowed for a reason of the policy's own, such as its own system's answer. */
    public static AccessDecision allowed(String reason) {
        return new AccessDecision(true, Optional.empty(), reason);
    }

    /** Denied, and why. */
    public static AccessDecision denied(String reason) {
        return new AccessDecision(false, Optional.empty(), reason);
    }
}
