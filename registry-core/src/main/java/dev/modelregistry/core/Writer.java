package dev.modelregistry.core;

import dev.modelregistry.VersionConflictException;
import dev.modelregistry.spi.AppliedChange;
import dev.modelregistry.spi.ChangeConflictException;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one write path of the core: a decision reads what it needs, runs the rules and returns a
 * change set; the store applies it or refuses it with a conflict, and then the decision is made
 * again on fresh state, a bounded number of times. After a commit the registry's listeners hear of
 * the entries. Thread-safe.
 */
final class Writer {

    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
    static final int ATTEMPTS = 10;

    private final MetadataStore store;
    private final Listeners listeners;

    Writer(MetadataStore store, Listeners listeners) {
        this.store = store;
        this.listeners = listeners;
    }

    /** What one decision produced: a change set and how to turn its outcome into the result, or a result without a change. */
    record Decision<T>(ChangeSet changes, Function<AppliedChange, T> result, T unchanged) {

        static <T> Decision<T> unchanged(T result) {
            return new Decision<>(null, null, result);
        }
    }

    /** The request id and principal that every attempt of one operation shares, and the attempt's time. */
    record Stamp(String requestId, String principal, Instant at) {

        <T> Decision<T> change(List<Precondition> preconditions, List<Mutation> mutations, List<EntryDraft> entries,
                               Function<AppliedChange, T> result) {
            return new Decision<>(new ChangeSet(requestId, principal, at, preconditions, mutations, entries), result,
                    null);
        }
    }

    /**
     * Decides and applies until the store accepts or {@link #ATTEMPTS} decisions lost a race.
     *
     * @param principal who makes the change
     * @param now       the time of each attempt
     * @param decide    reads and decides; throws the registry's exceptions when a rule refuses
     * @throws VersionConflictException if every attempt lost to a concurrent change
     */
    <T> T write(String principal, Supplier<Instant> now, Function<Stamp, Decision<T>> decide) {
        String requestId = UUID.randomUUID().toString();
        ChangeConflictException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Decision<T> decision = decide.apply(new Stamp(requestId, principal, now.get()));
            if (decision.changes() == null) {
                return decision.unchanged();
            }
            AppliedChange applied;
            try {
                applied = store.apply(decision.changes());
            } catch (ChangeConflictException e) {
                LOG.debug("{} lost a race ({}), deciding again", decision.changes().describe(), e.getMessage());
                last = e;
                pause(attempt);
                continue;
            }
            listeners.notify(applied.entries());
            return decision.result().apply(applied);
        }
        VersionConflictException failed = new VersionConflictException("Gave up after " + ATTEMPTS
                + " attempts, each overtaken by a concurrent change: " + last.getMessage());
        failed.initCause(last);
        throw failed;
    }

    private static void pause(int attempt) {
        if (attempt < 3) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
