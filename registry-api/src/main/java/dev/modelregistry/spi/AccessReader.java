package dev.modelregistry.spi;

import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import java.util.Collection;
import java.util.List;

/**
 * Reads the stored grants (written by {@link Mutation.PutGrant} and {@link Mutation.RemoveGrant}).
 * Each method reads one committed state and returns grants sorted by {@link Grant#compareTo}.
 * Implementations must be thread-safe.
 */
public interface AccessReader {

    /** The grants held by any of {@code subjects}, on any scope. */
    List<Grant> grantsOf(Collection<dev.modelregistry.access.Subject> subjects);

    /**
     * The grants held by any of {@code subjects} on a scope that {@linkplain Scope#covers(Scope) covers}
     * {@code scope}: the registry, the namespace of a model, the model itself. A write's access check
     * reads these, so a store should read them through the key rather than all of a principal's grants.
     */
    default List<Grant> grantsOf(Collection<Subject> subjects, Scope scope) {
        return grantsOf(subjects).stream().filter(g -> g.scope().covers(scope)).toList();
    }

    /** The grants on exactly {@code scope}. */
    List<Grant> grantsOn(Scope scope);

    /** Every stored grant. */
    List<Grant> grants();

    /** {@code grantsOf(List.of(subject))}. */
    default List<Grant> grantsOf(Subject subject) {
        return grantsOf(List.of(subject));
    }
}
