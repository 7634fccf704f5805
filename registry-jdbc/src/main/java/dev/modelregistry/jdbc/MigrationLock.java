package dev.modelregistry.jdbc;

import dev.modelregistry.StorageException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Keeps registries that open the same database at once from migrating it at the same time. The
 * lock is scoped to one schema (PostgreSQL) or database (MariaDB), so registries in different
 * schemas of one server do not wait for each other.
 */
enum MigrationLock {

    /**
     * H2's exclusive mode, which pauses every other session's statements (and refuses new
     * connections, which retry) until it ends. H2 must not run two migrations at once: its ALTER
     * TABLE rebuilds the table under a new name, and concurrent ones wait for each other's catalog
     * locks until the lock timeout, deadlock, miss the table being rebuilt, or fail inside H2
     * (a NullPointerException in {@code AlterTableAlterColumn}). H2 ends exclusive mode when its
     * session ends, also when the process holding it is killed. Setting it takes admin rights;
     * without them the migration runs unguarded.
     */
    H2 {
        @Override
        void hold(Handle h, Runnable migration) {
            try {
                h.execute("SET EXCLUSIVE 1");
            } catch (JdbiException e) {
                if (!SqlErrors.isAdminRightsRequired(e)) {
                    throw e;
                }
                migration.run();
                return;
            }
            try {
                migration.run();
            } catch (RuntimeException e) {
                // The migration's failure is the one to report, also if its connection is gone.
                try {
                    h.execute("SET EXCLUSIVE 0");
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            h.execute("SET EXCLUSIVE 0");
        }
    },

    /**
     * One transaction holding a transaction-scoped advisory lock: PostgreSQL's DDL is
     * transactional, so the migration commits whole or not at all, and the lock is released
     * however the transaction ends, also if the connection dies.
     */
    POSTGRESQL {
        @Override
        void hold(Handle h, Runnable migration) {
            h.useTransaction(t -> {
                t.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext('" + NAME + "'),"
                                + " hashtext(COALESCE(current_schema(), '')))")
                        .mapTo(Integer.class)
                        .one();
                migration.run();
            });
        }
    },

    /**
     * A named lock, held by the session: MariaDB commits each DDL statement on its own, so a
     * transaction would not keep a second opener out. The server releases the lock if the
     * session dies. The name hashes the database name to stay within MySQL's 64 characters.
     */
    MARIADB {
        @Override
        void hold(Handle h, Runnable migration) {
            String name = "CONCAT('" + NAME + ":', MD5(DATABASE()))";
            Integer acquired = h.createQuery("SELECT GET_LOCK(" + name + ", " + WAIT_SECONDS + ")")
                    .mapTo(Integer.class)
                    .one();
            if (acquired == null || acquired != 1) {
                throw new StorageException("Waited " + WAIT_SECONDS + " s for another registry to finish"
                        + " migrating the metadata schema");
            }
            try {
                migration.run();
            } finally {
                h.createQuery("SELECT RELEASE_LOCK(" + name + ")").mapTo(Integer.class).one();
            }
        }
    };

    private static final String NAME = "modelregistry-migrate";
    private static final int WAIT_SECONDS = 120;

    /** Runs the migration while holding the lock. */
    abstract void hold(Handle h, Runnable migration);

    static MigrationLock of(Dialect dialect) {
        switch (dialect) {
            case POSTGRESQL:
                return POSTGRESQL;
            case MARIADB:
                return MARIADB;
            default:
                return H2;
        }
    }
}
