package dev.modelregistry.serving;

import java.util.Optional;

/**
 * A running watch of a version reference, started by {@link dev.modelregistry.Registry#watch(String,
 * ModelListener)}: a daemon thread of its own follows the registry's journal and calls the listener
 * when what the reference resolves to changes. Closing the registry closes its watches. Thread-safe.
 */
public interface Watch extends AutoCloseable {

    /** The watched reference, as given. */
    String reference();

    /** The last update the listener was called with, or empty before the first call. */
    Optional<ModelUpdate> current();

    /**
     * Stops the watch: the listener is not called again. A call in progress is waited for, unless
     * {@code close} is called by the listener itself. In the copying form, the directory of the last
     * update stays: the application may still be using it, and deletes it when done. Idempotent.
     */
    @Override
    void close();
}
