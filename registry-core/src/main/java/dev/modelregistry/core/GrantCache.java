package dev.modelregistry.core;

import dev.modelregistry.access.Grant;
import dev.modelregistry.access.Subject;
import dev.modelregistry.spi.AccessReader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grants of each principal's subjects as last read, for the access checks of reads: kept for a
 * configured time (docs/ACCESS.md, "Reads and the grant cache") and dropped at once when this
 * registry changes a grant. Writes never use it. Shared by a registry and its views; thread-safe.
 */
final class GrantCache {

    /** Most principals remembered; beyond that the cache starts over. */
    private static final int MOST = 10_000;

    private record Read(List<Grant> grants, long at) {
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
        long now = System.nanoTime();
        Read read = reads.get(subjects);
        if (read != null && now - read.at() < ttlNanos) {
            return read.grants();
        }
        return fresh(subjects);
    }

    /** The subjects' grants, read now, and remembered. */
    List<Grant> fresh(Set<Subject> subjects) {
        long at = System.nanoTime();
        List<Grant> grants = reader.grantsOf(subjects);
        if (ttlNanos > 0) {
            if (reads.size() >= MOST) {
                reads.clear();
            }
            reads.put(subjects, new Read(grants, at));
        }
        return grants;
    }

    /** Forgets every read: a grant changed. */
    void clear() {
        reads.clear();
    }
}
