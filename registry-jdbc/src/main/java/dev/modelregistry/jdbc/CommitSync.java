package dev.modelregistry.jdbc;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Makes every write committed to an H2 file database survive a power loss, not only a killed
 * process. With {@code WRITE_DELAY=0} H2 hands each commit to the operating system at once, but
 * does not force it to the disk; {@code CHECKPOINT SYNC} after the commit does (an fsync of the
 * database file). It costs an fsync per write transaction: 1 to 3 ms on the development machine
 * when its disk is not busy, against a median registration of about 1 ms without it, and more
 * on a busy disk (docs/DESIGN-NOTES.md, "Durability"). PostgreSQL and MariaDB sync their own logs
 * at commit by default.
 *
 * <p>Concurrent writers share syncs, as databases group their commits: a sync that started after
 * a commit was handed to the operating system covers that commit too, so a writer that finds
 * such a sync done skips its own. Thread-safe.
 */
final class CommitSync {

    /** Write commits handed to the operating system so far. */
    private final AtomicLong committed = new AtomicLong();
    private final ReentrantLock syncing = new ReentrantLock();
    /** The commits known to be on the disk; guarded by {@link #syncing}. */
    private long synced;

    private CommitSync() {
    }

    /**
     * The hooks with a sync after every write commit added, if the database is an H2 file
     * database and the store's user may sync it (H2 requires admin rights); otherwise the hooks
     * unchanged. In-memory H2 databases have nothing to sync.
     */
    static Transactions.Hooks around(Jdbi jdbi, Dialect dialect, Transactions.Hooks hooks) {
        if (dialect != Dialect.H2 || !canSync(jdbi)) {
            return hooks;
        }
        CommitSync commits = new CommitSync();
        return new Transactions.Hooks() {
            @Override
            public void afterWriteCommit(Handle h) {
                hooks.afterWriteCommit(h);
                commits.afterCommit(h);
            }

            @Override
            public void connectionLost() {
                hooks.connectionLost();
            }
        };
    }

    private static boolean canSync(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            boolean file = h.createQuery("SELECT DATABASE_PATH()").mapTo(String.class).findOne().isPresent();
            if (!file) {
                return false;
            }
            try {
                sync(h);
                return true;
            } catch (JdbiException notAdmin) {
                // A user without admin rights on a URL the application chose: keep H2's own
                // guarantee (commits survive a killed process) rather than refuse to open.
                return false;
            }
        });
    }

    /** Returns once this thread's latest commit is on the disk, syncing unless another sync covered it. */
    private void afterCommit(Handle h) {
        long mine = committed.incrementAndGet();
        syncing.lock();
        try {
            if (synced >= mine) {
                return;
            }
            long covered = committed.get();
            sync(h);
            synced = covered;
        } finally {
            syncing.unlock();
        }
    }

    private static void sync(Handle h) {
        h.execute("CHECKPOINT SYNC");
    }
}
