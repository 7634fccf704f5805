package dev.modelregistry.jdbc;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The model rows a write transaction has locked, as locking found them: whether each exists and
 * its next version number, so that allocating a number writes the counter once instead of
 * reading it again. Used by one transaction on one thread.
 */
final class LockedModels {

    /** The model name of registry-level changes. */
    private static final String REGISTRY = "";

    /** The next version number of each locked model, or empty if it does not exist. */
    private final Map<String, Optional<Integer>> next = new HashMap<>();
    /** Numbers taken while locking (the counter already moved past them), by model. */
    private final Map<String, Integer> taken = new HashMap<>();

    private LockedModels() {
    }

    /**
     * Locks the rows of {@code models}, in their order, and then, if one of them is the registry
     * itself (the empty name of registry-level changes such as the lifecycle and the webhook
     * subscriptions), the journal head. A registry-level precondition may be about a row that does
     * not exist yet ("there is no subscription called deploy"), which no row lock protects at READ
     * COMMITTED; holding the head from the check to the commit, as every change set does from its
     * append, makes two such change sets run one after the other, and the second one's check sees
     * what the first one committed. The head comes after the model rows, as at the append, so
     * locks are always taken in the same order.
     */
    static LockedModels lock(Handle h, Collection<String> models) {
        LockedModels locked = new LockedModels();
        for (String model : models) {
            locked.next.put(model, model.equals(REGISTRY) ? Optional.empty() : ModelSql.lock(h, model));
        }
        lockRegistry(h, models);
        return locked;
    }

    private static void lockRegistry(Handle h, Collection<String> models) {
        if (models.contains(REGISTRY)) {
            JournalSql.lockHead(h);
        }
    }

    /**
     * Locks the rows of {@code models}, in their order, taking the next version number of
     * {@code inserting} in the same statement where the database can, and then the journal head
     * as {@link #lock} does; to be used only where the transaction is rolled back if the number
     * ends up unused.
     */
    static LockedModels lockTaking(Handle h, Dialect dialect, Collection<String> models, String inserting) {
        LockedModels locked = new LockedModels();
        for (String model : models) {
            Optional<Integer> number = model.equals(inserting) ? ModelSql.lockAndTake(h, dialect, model) : Optional.empty();
            if (number.isPresent()) {
                locked.taken.put(model, number.get());
                locked.next.put(model, Optional.of(number.get() + 1));
            } else {
                locked.next.put(model, model.equals(REGISTRY) ? Optional.empty() : ModelSql.lock(h, model));
            }
        }
        lockRegistry(h, models);
        return locked;
    }

    /** Whether the model exists; it must have been locked. */
    boolean exists(String model) {
        Optional<Integer> n = next.get(model);
        if (n == null) {
            throw new IllegalStateException(model + " was not locked");
        }
        return n.isPresent();
    }

    /** Records a model this transaction created; its first version is number 1. */
    void created(String model) {
        next.put(model, Optional.of(1));
    }

    /**
     * Allocates the model's next version number.
     *
     * @throws IllegalStateException if the model does not exist: the change set should have created it
     */
    int allocate(Handle h, String model) {
        Integer number = taken.remove(model);
        if (number != null) {
            return number;
        }
        Optional<Integer> n = next.getOrDefault(model, Optional.empty());
        if (n.isEmpty()) {
            throw new IllegalStateException("Cannot insert a version of " + model + ": no such model");
        }
        ModelSql.setNextVersion(h, model, n.get() + 1);
        next.put(model, Optional.of(n.get() + 1));
        return n.get();
    }
}
