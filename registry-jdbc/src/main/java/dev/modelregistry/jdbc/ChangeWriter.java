package dev.modelregistry.jdbc;

import dev.modelregistry.RegistryException;
import dev.modelregistry.StorageException;
import dev.modelregistry.journal.JournalEntry;
import dev.modelregistry.spi.AppliedChange;
import dev.modelregistry.spi.ChangeSet;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Applies a change set inside one transaction: locks its models in name order (so two change sets
 * never wait for each other in a cycle), checks its preconditions, applies its mutations in order
 * and appends its journal entries last. One place dispatches every mutation.
 */
final class ChangeWriter {

    private final Dialect dialect;
    private final JournalSql.HeadGuess head = new JournalSql.HeadGuess();

    ChangeWriter(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Applies one change set; a refusal or failure is thrown and rolls the transaction back. */
    AppliedChange apply(Handle h, ChangeSet changes) {
        String inserting = changes.mutations().stream().filter(m -> m instanceof Mutation.InsertVersion)
                .map(Mutation::model).findFirst().orElse(null);
        // Taking the number while locking saves a statement; a refusal rolls it back.
        LockedModels locked = inserting == null ? LockedModels.lock(h, changes.models())
                : LockedModels.lockTaking(h, dialect, changes.models(), inserting);
        check(h, changes, locked);
        int inserted = mutate(h, changes, locked);
        return new AppliedChange(JournalSql.append(h, List.of(changes), new int[] {inserted}, head).get(0), inserted);
    }

    /**
     * Applies a group of change sets in one transaction, each one all or nothing: locks every
     * model of the group in name order, then for each change set in turn checks its preconditions
     * (a change set refused there has written nothing, and the others go on) and applies its
     * mutations, and appends the entries of the applied ones last, in the group's order, with one
     * move of the journal head. A failure that dooms the whole transaction (a lost connection, a
     * lost race) is thrown, so that the group is retried; any other failure of a mutation throws
     * {@link MemberFailed}, so that the group is applied again without it.
     *
     * @param refused change sets refused by earlier attempts, by index, skipped here
     * @return the outcome of each change set, in the group's order
     */
    List<Outcome> applyAll(Handle h, List<ChangeSet> group, Map<Integer, RuntimeException> refused) {
        if (group.size() == 1 && refused.isEmpty()) {
            return List.of(Outcome.applied(apply(h, group.get(0))));
        }
        SortedSet<String> models = new TreeSet<>();
        group.forEach(c -> models.addAll(c.models()));
        LockedModels locked = LockedModels.lock(h, models);
        List<Outcome> outcomes = new ArrayList<>(group.size());
        List<ChangeSet> applied = new ArrayList<>();
        int[] inserted = new int[group.size()];
        for (int i = 0; i < group.size(); i++) {
            ChangeSet changes = group.get(i);
            RuntimeException failure = refused.get(i);
            if (failure == null) {
                try {
                    check(h, changes, locked);
                } catch (RegistryException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                outcomes.add(Outcome.refused(failure));
                continue;
            }
            try {
                inserted[applied.size()] = mutate(h, changes, locked);
            } catch (JdbiException e) {
                if (SqlErrors.isConnectionLoss(e) || SqlErrors.isTransient(e)) {
                    throw e;
                }
                throw new MemberFailed(i, new StorageException("Could not " + changes.describe(), e));
            } catch (RegistryException | IllegalArgumentException | IllegalStateException e) {
                throw new MemberFailed(i, e);
            }
            applied.add(changes);
            outcomes.add(null);
        }
        List<List<JournalEntry>> entries = JournalSql.append(h, applied, inserted, head);
        for (int i = 0, a = 0; i < group.size(); i++) {
            if (outcomes.get(i) == null) {
                outcomes.set(i, Outcome.applied(new AppliedChange(entries.get(a), inserted[a])));
                a++;
            }
        }
        return outcomes;
    }

    /**
     * Whether an interrupted attempt of a group committed, given what that attempt found: a group
     * that applied nothing has nothing to settle; otherwise the journal tells, by the request id of
     * a change set that attempt applied.
     */
    static Optional<List<Outcome>> appliedAll(Handle h, List<ChangeSet> group, List<Outcome> attempt) {
        for (int i = 0; i < group.size(); i++) {
            if (attempt.get(i).failure() == null) {
                return applied(h, group.get(i)).map(a -> attempt);
            }
        }
        return Optional.of(attempt);
    }

    /** Whether an interrupted attempt of the change set committed: locks like {@link #apply}, then asks the journal. */
    static Optional<AppliedChange> applied(Handle h, ChangeSet changes) {
        LockedModels.lock(h, changes.models());
        return JournalSql.applied(h, changes);
    }

    /** Checks the change set's preconditions; reads only. */
    private static void check(Handle h, ChangeSet changes, LockedModels locked) {
        for (Precondition p : changes.preconditions()) {
            PreconditionSql.check(h, p, locked);
        }
    }

    /** Applies the change set's mutations; returns the inserted version or 0. */
    private static int mutate(Handle h, ChangeSet changes, LockedModels locked) {
        int inserted = 0;
        for (Mutation m : changes.mutations()) {
            if (m instanceof Mutation.CreateModel c) {
                ModelSql.create(h, c);
                locked.created(c.model());
            } else if (m instanceof Mutation.InsertVersion c) {
                inserted = VersionWrites.insert(h, c.version(), locked);
            } else if (m instanceof Mutation.MoveStage c) {
                VersionWrites.move(h, c, changes.principal(), changes.at());
            } else if (m instanceof Mutation.SetDescription c) {
                VersionWrites.describe(h, c, changes.principal(), changes.at());
            } else if (m instanceof Mutation.SetTag c) {
                VersionWrites.tag(h, c, changes.principal(), changes.at());
            } else if (m instanceof Mutation.SetAlias c) {
                VersionWrites.alias(h, c, changes.principal(), changes.at());
            } else if (m instanceof Mutation.AddEvaluation c) {
                VersionWrites.evaluate(h, c, changes.principal(), changes.at());
            } else if (m instanceof Mutation.RecordLifecycle c) {
                ModelSql.recordLifecycle(h, c);
            } else if (m instanceof Mutation.PutWebhook c) {
                WebhookSql.put(h, c);
            } else if (m instanceof Mutation.RemoveWebhook c) {
                WebhookSql.remove(h, c);
            } else if (m instanceof Mutation.PutGrant c) {
                GrantSql.put(h, c, changes.principal(), changes.at());
            } else if (m instanceof Mutation.RemoveGrant c) {
                GrantSql.remove(h, c);
            } else if (m instanceof Mutation.OpenRequest c) {
                VersionWrites.openRequest(h, c, changes.principal(), changes.at());
            } else if (m instanceof Mutation.AddVote c) {
                VersionWrites.vote(h, c, changes.principal(), changes.at());
            } else if (m instanceof Mutation.CloseRequest c) {
                VersionWrites.closeRequest(h, c);
            } else {
                throw new IllegalArgumentException("Unknown mutation " + m);
            }
        }
        return inserted;
    }

    /**
     * A mutation of one change set of a group failed after earlier ones of it were written; the
     * transaction must be rolled back and the group applied again without that change set.
     */
    static final class MemberFailed extends RuntimeException {
        final int index;
        final RuntimeException failure;

        MemberFailed(int index, RuntimeException failure) {
            super("change set " + index + " of the group failed", failure, false, false);
            this.index = index;
            this.failure = failure;
        }
    }

    /**
     * What applying one change set of a group gave: what it applied, or why it was refused.
     *
     * @param applied what it applied, or null if it was refused
     * @param failure why it was refused, or null if it was applied
     */
    record Outcome(AppliedChange applied, RuntimeException failure) {

        static Outcome applied(AppliedChange applied) {
            return new Outcome(applied, null);
        }

        static Outcome refused(RuntimeException failure) {
            return new Outcome(null, failure);
        }

        /** What was applied; throws why not if it was refused. */
        AppliedChange get() {
            if (failure != null) {
                throw failure;
            }
            return applied;
        }
    }
}
