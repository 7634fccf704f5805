package dev.modelregistry.access;

import java.util.List;
import java.util.Objects;

/**
 * One question for an {@link AccessPolicy}: may this principal perform this action here?
 *
 * @param principal who asks
 * @param action    what it wants to do
 * @param scope     where: the model, or the namespace of a model being created, or the registry
 * @param grants    the stored grants of the principal and its groups that cover the scope, read for
 *                  this question (in a write, in the same decision as the change it guards)
 */
public record AccessRequest(Principal principal, Action action, Scope scope, List<Grant> grants) {

    public AccessRequest {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(scope, "scope");
        grants = List.copyOf(grants);
    }
}
