package dev.modelregistry.benchmarks;

import dev.modelregistry.jdbc.JdbcMetadataStore;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A fresh, empty database the metadata benchmark loads and measures, removed again on
 * {@link #close()}: an H2 file database in a scratch directory ({@link H2Target}) or a new schema
 * on a PostgreSQL server ({@link PostgresTarget}). Not thread-safe.
 */
interface TargetDatabase extends AutoCloseable {

    /** The name shown in the report, such as {@code H2}. */
    String name();

    /** Opens the store exactly as an application would; the first opening creates the schema. */
    JdbcMetadataStore openStore();

    /** A plain connection for the bulk loader; the caller closes it. No store may have the database open on H2. */
    Connection connectForLoading() throws SQLException;

    /**
     * Brings the planner's statistics up to date after the bulk load, as the database's own
     * maintenance would soon after rows arrive in a real registry (PostgreSQL's autovacuum, H2's
     * automatic ANALYZE after many changed rows).
     */
    void analyze(Connection c) throws SQLException;

    /** The version and the settings that shape the figures (cache sizes, commit durability), for the report. */
    String settings(Connection c) throws SQLException;

    /** Bytes the database takes: the H2 file, or the PostgreSQL schema's tables and indexes. */
    long sizeBytes() throws SQLException;

    /** Deletes the database; idempotent. */
    @Override
    void close();
}
