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
    private final Clock clock;
    private final String source;
    private final Set<Dispatcher> running = ConcurrentHashMap.newKeySet();

    DeliveryHub(MetadataStore store, Listeners listeners, Clock clock, String source) {
        this.store = store;
        this.listeners = listeners;
        this.clock = clock;
        this.source = source;
    }

    MetadataStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    String source() {
        return source;
    }

    ConsumerWorker.Context context(DeliveryOptions options, String holder, Stopper stopper) {
        return new ConsumerWorker.Context(store, listeners, source, clock, options, holder, stopper);
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
