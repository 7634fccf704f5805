package dev.modelregistry.access;

import dev.modelregistry.InvalidInputException;
import java.util.Objects;

/**
 * A role given to a subject on a scope, such as {@code group:risk-team PROMOTER namespace:risk}.
 * Immutable.
 *
 * @param subject who holds it
 * @param role    what it allows
 * @param scope   where
 */
public record Grant(Subject subject, Role role, Scope scope) implements Comparable<Grant> {

    /** @throws InvalidInputException if {@link Role#ADMIN} is granted on less than the registry */
    public Grant {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scope, "scope");
        if (role == Role.ADMIN && scope.kind() != Scope.Kind.REGISTRY) {
            throw new InvalidInputException("scope of an ADMIN grant", scope.toString(),
                    "ADMIN is granted on the registry only");
        }
    }

    /** Whether this grant lets its subject perform {@code action} on {@code target}. */
    public boolean allows(Action action, Scope target) {
        return role.includes(action.role()) && scope.covers(target);
    }

    @Override
    public int compareTo(Grant other) {
        int c = scope.compareTo(other.scope);
        if (c == 0) {
            c = subject.compareTo(other.subject);
        }
        return c != 0 ? c : role.compareTo(other.role);
    }

    @Override
    public String toString() {
        return subject + " " + role + " " + scope;
    }
}
