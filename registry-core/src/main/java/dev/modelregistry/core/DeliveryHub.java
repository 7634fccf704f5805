package dev.modelregistry.core;

import dev.modelregistry.events.DeliveryOptions;
import dev.modelregistry.events.Dispatcher;
import dev.modelregistry.events.EventSink;
import dev.modelregistry.spi.MetadataStore;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the deliveries of a registry and all its views share: the store, the commit signal, the
 * event source, and the dispatchers running, which closing the registry stops. Thread-safe.
 */
final class DeliveryHub {

    private final MetadataStore store;
    private final Listeners listeners;
    private final String source;
    private final Set<Dispatcher> running = ConcurrentHashMap.newKeySet();

    DeliveryHub(MetadataStore store, Listeners listeners, String source) {
        this.store = store;
        this.listeners = listeners;
        this.source = source;
    }

    MetadataStore store() {
        return store;
    }

    /** The clock of leases and signatures (see {@link #context}). */
    Clock clock() {
        return Clock.systemUTC();
    }

    String source() {
        return source;
    }

    /**
     * What the workers of one dispatcher share. Leases and signatures use the system clock, not the
     * registry's (which tests may fix): a lease must end for other processes, and a receiver checks
     * the signature's timestamp against its own clock.
     */
    ConsumerWorker.Context context(DeliveryOptions options, String holder, Stopper stopper) {
        return new ConsumerWorker.Context(store, listeners, source, Clock.systemUTC(), options, holder, stopper);
    }

    Dispatcher startWebhooks(DeliveryOptions options) {
        return track(DefaultDispatcher.webhooks(this, options, running::remove));
    }

    Dispatcher start(EventSink sink, DeliveryOptions options) {
        return track(DefaultDispatcher.sink(this, sink, options, running::remove));
    }

    private Dispatcher track(Dispatcher dispatcher) {
        running.add(dispatcher);
        return dispatcher;
    }

    /** Stops every dispatcher still running. */
    void close() {
        List.copyOf(running).forEach(Dispatcher::close);
    }
}
