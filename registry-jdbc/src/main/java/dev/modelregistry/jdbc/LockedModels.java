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

    /** The next version number of each locked model, or empty if it does not exist. */
    private final Map<String, Optional<Integer>> next = new HashMap<>();
    /** Numbers taken while locking (the counter already moved past them), by model. */
    private final Map<String, Integer> taken = new HashMap<>();

    private LockedModels() {
    }

    /** Locks the rows of {@code models}, in their order. */
    static LockedModels lock(Handle h, Collection<String> models) {
        LockedModels locked = new LockedModels();
        for (String model : models) {
            locked.next.put(model, ModelSql.lock(h, model));
        }
        return locked;
    }

    /**
     * Locks the rows of {@code models}, in their order, taking the next version number of
     * {@code inserting} in the same statement where the database can; to be used only where the
     * transaction is rolled back if the number ends up unused.
     */
    static LockedModels lockTaking(Handle h, Dialect dialect, Collection<String> models, String inserting) {
        LockedModels locked = new LockedModels();
        for (String model : models) {
            Optional<Integer> number = model.equals(inserting) ? ModelSql.lockAndTake(h, dialect, model) : Optional.empty();
            if (number.isPresent()) {
                locked.taken.put(model, number.get());
                locked.next.put(model, Optional.of(number.get() + 1));
            } else {
                locked.next.put(model, ModelSql.lock(h, model));
            }
        }
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
