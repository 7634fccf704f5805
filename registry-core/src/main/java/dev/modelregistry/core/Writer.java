package dev.modelregistry.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.VersionConflictException;
import dev.modelregistry.access.Action;
import dev.modelregistry.access.Scope;
import dev.modelregistry.spi.AppliedChange;
import dev.modelregistry.spi.ChangeConflictException;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * One attempt of one operation: the request id and principal that every attempt shares, the
     * attempt's time, and the access checks its decision made ({@link #authorize}), which every
     * change set it makes carries: the grants they rest on as preconditions, and the record of why
     * in each journal entry's details. Used by one thread.
     */
    static final class Stamp {
        private final String requestId;
        private final AccessGuard guard;
        private final Instant at;
        private final boolean retry;
        private final List<AccessGuard.Authorization> authorizations = new ArrayList<>();
        private boolean trusted;

        Stamp(String requestId, AccessGuard guard, Instant at, boolean retry) {
            this.requestId = requestId;
            this.guard = guard;
            this.at = at;
            this.retry = retry;
        }

        String requestId() {
            return requestId;
        }

        String principal() {
            return guard.principal().id();
        }

        Instant at() {
            return at;
        }

        /**
         * Checks that the principal may perform {@code action} on {@code scope}: on recently read grants
         * on the first attempt, on fresh ones on a retry ({@link AccessGuard#authorize}).
         *
         * @throws dev.modelregistry.AccessDeniedException if it may not (the attempt is journaled)
         */
        Stamp authorize(Action action, Scope scope, Target target) {
            AccessGuard.Authorization a = guard.authorize(action, scope, target, !retry);
            if (a != null) {
                authorizations.add(a);
            }
            trusted |= a == null;
            return this;
        }

        /** {@code authorize(action, the model, the model)}. */
        Stamp authorize(Action action, String model) {
            return authorize(action, Scope.model(model), Target.model(model));
        }

        /** Marks a change the registry makes on its own behalf, such as recording its configuration. */
        Stamp trusted() {
            trusted = true;
            return this;
        }

        boolean authorized() {
            return trusted || !authorizations.isEmpty();
        }

        <T> Decision<T> change(List<Precondition> preconditions, List<Mutation> mutations, List<EntryDraft> entries,
                               Function<AppliedChange, T> result) {
            List<Precondition> all = new ArrayList<>(preconditions);
            List<EntryDraft> recorded = entries;
            if (!authorizations.isEmpty()) {
                authorizations.forEach(a -> a.precondition().ifPresent(all::add));
                List<ObjectNode> why = authorizations.stream().map(AccessGuard.Authorization::authorizedBy).toList();
                recorded = entries.stream().map(e -> new EntryDraft(e.operation(), e.target(), e.ofInsertedVersion(),
                        AccessDetails.authorized(e.details(), why))).toList();
            }
            return new Decision<>(new ChangeSet(requestId, principal(), at, all, mutations, recorded), result, null);
        }
    }

    /**
     * Decides and applies until the store accepts or {@link #ATTEMPTS} decisions lost a race.
     *
     * @param guard  who makes the change, and access control
     * @param now    the time of each attempt
     * @param decide reads and decides; throws the registry's exceptions when a rule refuses; checks
     *               access ({@link Stamp#authorize}) before it reads
     * @throws VersionConflictException if every attempt lost to a concurrent change
     * @throws IllegalStateException    if a decision under access control checked none
     */
    <T> T write(AccessGuard guard, Supplier<Instant> now, Function<Stamp, Decision<T>> decide) {
        String requestId = UUID.randomUUID().toString();
        ChangeConflictException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Stamp stamp = new Stamp(requestId, guard, now.get(), attempt > 1);
            Decision<T> decision = decide.apply(stamp);
            if (!stamp.authorized()) {
                throw new IllegalStateException("a decision checked no access: " + (decision.changes() == null
                        ? "(no change)" : decision.changes().describe()));
            }
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

    /** Applies a change set that needs no decision, such as the record of a denied attempt, once. */
    void append(ChangeSet changes) {
        listeners.notify(store.apply(changes).entries());
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
