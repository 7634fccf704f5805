package dev.modelregistry.jdbc;

import dev.modelregistry.jdbc.ChangeWriter.Outcome;
import dev.modelregistry.spi.AppliedChange;
import dev.modelregistry.spi.ChangeSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Group commit: change sets that threads of one store apply at the same time share a transaction,
 * and so its commit, its wait for the disk and its hold on the journal head. Every write
 * transaction holds the head's lock from its journal append to the end of its commit (that is
 * what makes commit order sequence order), so without grouping, writers to different models
 * would wait for each other's disk flushes one at a time.
 *
 * <p>A thread that applies a change set queues it; unless {@link #MAX_RUNNING} groups are being
 * applied, it takes everything queued (up to {@link #MAX_GROUP}) and applies it as one group
 * ({@link ChangeWriter#applyAll}) on one connection, else it waits until its change set's group
 * has ended or it may run one. A lone writer is a group of one and pays nothing for this. Each
 * change set of a group is still all or nothing; one that is refused gets its own exception, the
 * others commit. Thread-safe.
 */
final class GroupCommit {

    /** Most change sets in one transaction: bounds its size and the time its locks are held. */
    static final int MAX_GROUP = 32;

    /**
     * Groups that may run at once: while one waits for its commit to reach the disk (holding the
     * journal head), the others run their statements, and then wait for the head. Of 1 to 4, 3 and
     * 4 gave the most throughput to 8 writers on 2 cores (docs/PERFORMANCE.md).
     */
    static final int MAX_RUNNING = 4;

    private final Transactions transactions;
    private final ChangeWriter writer;
    private final int maxRunning;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final AtomicLong groups = new AtomicLong();
    /** How many groups are being applied; guarded by {@code this}. */
    private int running;

    GroupCommit(Transactions transactions, ChangeWriter writer) {
        this(transactions, writer, MAX_RUNNING);
    }

    GroupCommit(Transactions transactions, ChangeWriter writer, int maxRunning) {
        this.transactions = transactions;
        this.writer = writer;
        this.maxRunning = maxRunning;
    }

    /** Groups applied or being applied so far. */
    long groups() {
        return groups.get();
    }

    /** Change sets waiting for a group. */
    synchronized int queued() {
        return queue.size();
    }

    /** Groups being applied. */
    synchronized int running() {
        return running;
    }

    /** Applies the change set, alone or with others queued at the same time. */
    AppliedChange apply(ChangeSet changes) {
        Pending mine = new Pending(changes);
        synchronized (this) {
            queue.add(mine);
        }
        boolean interrupted = false;
        try {
            while (true) {
                List<Pending> group = new ArrayList<>();
                synchronized (this) {
                    // It waits while its change set is in a running group, or until it may run one.
                    while (mine.outcome == null && (mine.taken || running >= maxRunning)) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // The change set may be in the running group: its outcome must be awaited.
                            interrupted = true;
                        }
                    }
                    if (mine.outcome != null) {
                        return mine.outcome.get();
                    }
                    running++;
                    while (!queue.isEmpty() && group.size() < MAX_GROUP) {
                        Pending next = queue.poll();
                        next.taken = true;
                        group.add(next);
                    }
                }
                List<Outcome> outcomes = run(group);
                synchronized (this) {
                    for (int i = 0; i < group.size(); i++) {
                        group.get(i).outcome = outcomes.get(i);
                    }
                    running--;
                    notifyAll();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Applies one group; never throws: a failure of the whole group is every member's outcome. */
    private List<Outcome> run(List<Pending> group) {
        groups.incrementAndGet();
        List<ChangeSet> sets = group.stream().map(p -> p.changes).toList();
        Map<Integer, RuntimeException> refused = new HashMap<>();
        AtomicReference<List<Outcome>> attempt = new AtomicReference<>();
        String operation = sets.get(0).describe() + (sets.size() == 1 ? "" : " and " + (sets.size() - 1) + " more");
        while (true) {
            try {
                return transactions.write(operation, h -> {
                    List<Outcome> outcomes = writer.applyAll(h, sets, refused);
                    attempt.set(outcomes);
                    return outcomes;
                }, h -> ChangeWriter.appliedAll(h, sets, attempt.get()));
            } catch (ChangeWriter.MemberFailed e) {
                refused.put(e.index, e.failure);
            } catch (RuntimeException e) {
                return sets.stream().map(s -> Outcome.refused(e)).toList();
            }
        }
    }

    /** A change set waiting for its group; its outcome is guarded by the {@link GroupCommit}. */
    private static final class Pending {
        final ChangeSet changes;
        boolean taken;
        Outcome outcome;

        Pending(ChangeSet changes) {
            this.changes = changes;
        }
    }
}
