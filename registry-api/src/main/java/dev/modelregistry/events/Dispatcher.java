package dev.modelregistry.events;

/**
 * Delivers events in the background until closed; see {@link Deliveries#startWebhooks} and
 * {@link Deliveries#start(EventSink, DeliveryOptions)}. Thread-safe.
 */
public interface Dispatcher extends AutoCloseable {

    /** The id this dispatcher holds leases under: unique per dispatcher, stable while it runs. */
    String id();

    /** Stops delivering and releases its leases, waiting for an attempt in flight to end. Idempotent. */
    @Override
    void close();
}
