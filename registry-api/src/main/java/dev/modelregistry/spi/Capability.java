package dev.modelregistry.spi;

/**
 * What a metadata store can do beyond what every store must; contract suites skip, with an
 * assumption that names the capability, the tests of what a store does not declare.
 */
public enum Capability {

    /** Committed changes survive the end of the process. */
    DURABLE,

    /** Several processes may use the same stored data at once, each through its own store. */
    SHARED_BETWEEN_PROCESSES,

    /**
     * Its stored rows can be edited with plain SQL through {@code jdbc:} connections, as the
     * journal's tamper tests do.
     */
    SQL
}
