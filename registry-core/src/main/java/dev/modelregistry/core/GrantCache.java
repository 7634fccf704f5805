package dev.modelregistry.core;

import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Scope;
import dev.modelregistry.access.Subject;
import dev.modelregistry.spi.AccessReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grants of each principal's subjects as last read, for the access checks of reads and of a
 * write's first attempt under the built-in policy (whose change is bound to the grant it rests on):
 * kept for a configured time (docs/ACCESS.md, "Reads and the grant cache") and dropped at once when
 * this registry changes a grant. Shared by a registry and its views; thread-safe.
 */
final class GrantCache {

    /** Most principals remembered; beyond that the cache starts over. */
    private static final int MOST = 10_000;

    /** One read: the grants, and the same grants by scope, so that a check looks up the few scopes that cover its own. */
    private record Read(List<Grant> grants, Map<Scope, List<Grant>> byScope, long at) {

        static Read of(List<Grant> grants, long at) {
            Map<Scope, List<Grant>> byScope = new HashMap<>();
            for (Grant g : grants) {
                byScope.computeIfAbsent(g.scope(), s -> new ArrayList<>(1)).add(g);
            }
            return new Read(grants, byScope, at);
        }

        /**
         * The grants on a scope that covers {@code scope}, in the order of {@link #grants} (sorted by
         * scope text: {@code model:}, then {@code namespace:}, then {@code registry}).
         */
        List<Grant> covering(Scope scope) {
            List<Grant> found = new ArrayList<>(4);
            if (scope.kind() != Scope.Kind.REGISTRY) {
                addAll(found, scope);
            }
            if (scope.kind() == Scope.Kind.MODEL) {
                Scope namespace = Scope.namespaceOf(scope.name());
                if (namespace.kind() == Scope.Kind.NAMESPACE) {
                    addAll(found, namespace);
                }
            }
            addAll(found, Scope.registry());
            return found;
        }

        private void addAll(List<Grant> found, Scope scope) {
            List<Grant> on = byScope.get(scope);
            if (on != null) {
                found.addAll(on);
            }
        }
    }

    private final AccessReader reader;
    private final long ttlNanos;
    private final ConcurrentHashMap<Set<Subject>, Read> reads = new ConcurrentHashMap<>();

    GrantCache(AccessReader reader, long ttlNanos) {
        this.reader = reader;
        this.ttlNanos = ttlNanos;
    }

    /** The subjects' grants, read at most the configured time ago. */
    List<Grant> of(Set<Subject> subjects) {
        return recent(subjects).grants();
    }

    /**
     * The subjects' grants on a scope that covers {@code scope} (the registry, a model's namespace, the
     * scope itself), read at most the configured time ago; looked up by scope, not by going through all
     * of the subjects' grants.
     */
    List<Grant> covering(Set<Subject> subjects, Scope scope) {
        return recent(subjects).covering(scope);
    }

    private Read recent(Set<Subject> subjects) {
        Read read = reads.get(subjects);
        if (read != null && System.nanoTime() - read.at() < ttlNanos) {
            return read;
        }
        return read(subjects);
    }

    /** The subjects' grants, read now, and remembered. */
    List<Grant> fresh(Set<Subject> subjects) {
        return read(subjects).grants();
    }

    /** The subjects' grants on a scope that covers {@code scope}, read now from the store by the scopes; not remembered. */
    List<Grant> freshCovering(Set<Subject> subjects, Scope scope) {
        return reader.grantsOf(subjects, scope);
    }

    private Read read(Set<Subject> subjects) {
        long at = System.nanoTime();
        Read read = Read.of(reader.grantsOf(subjects), at);
        if (ttlNanos > 0) {
            if (reads.size() >= MOST) {
                reads.clear();
            }
            reads.put(subjects, read);
        }
        return read;
    }

    /** Forgets every read: a grant changed. */
    void clear() {
        reads.clear();
    }
}
