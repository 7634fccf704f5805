package dev.modelregistry.serving;

/**
 * Is told what a watched reference resolves to: once when the watch starts, then each time that
 * changes; see {@link dev.modelregistry.Registry#watch(String, ModelListener)}. It is called on the
 * watch's own thread, one call at a time, so an implementation needs no locking of its own beyond
 * publishing what it loaded to the threads that use it.
 */
@FunctionalInterface
public interface ModelListener {

    /**
     * Called with the reference's new resolution. What it throws is logged and ends neither the
     * watch nor later calls.
     *
     * @param update the version the reference now names, or none
     */
    void changed(ModelUpdate update);
}
