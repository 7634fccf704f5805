package dev.modelregistry.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases this module supports, and what differs between them: which migration scripts
 * override the common ones, and how concurrent migrations are kept apart (see {@link Migrations}).
 * The SQL of the operations themselves is the same on all of them.
 */
enum Dialect {

    /** H2 2.x, embedded or in memory. */
    H2("h2"),

    /** PostgreSQL 12 or newer. */
    POSTGRESQL("postgresql"),

    /** MariaDB 10.6 or newer (MySQL speaks the same protocol but is not tested). */
    MARIADB("mariadb");

    private final String directory;

    Dialect(String directory) {
        this.directory = directory;
    }

    /** The directory under {@code migrations/} whose scripts replace the common ones of the same name. */
    String directory() {
        return directory;
    }

    /**
     * The dialect of a JDBC URL, or null if the URL is of no database this module knows.
     *
     * @param jdbcUrl a URL such as {@code jdbc:postgresql://host/db}
     */
    static Dialect ofUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        return null;
    }

    /**
     * The dialect of a connected database, from the product name its driver reports.
     *
     * @throws IllegalArgumentException if the database is none this module supports
     */
    static Dialect of(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        String name = product.toLowerCase(Locale.ROOT);
        if (name.equals("h2")) {
            return H2;
        }
        if (name.equals("postgresql")) {
            return POSTGRESQL;
        }
        if (name.equals("mariadb") || name.equals("mysql")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("Unsupported database " + product
                + "; the metadata store supports H2, PostgreSQL and MariaDB");
    }
}
