package dev.modelregistry.events;

/**
 * Where a {@linkplain Deliveries#start(EventSink, DeliveryOptions) dispatcher} sends events: a
 * message broker, a queue, a log. The dispatcher calls {@link #send} with one event at a time, in
 * journal order, from one thread, and moves its stored cursor past an event only after
 * {@code send} returned {@link SendResult#delivered}; so a sink that confirms what it sends (a
 * broker's publisher confirms) delivers every event at least once.
 *
 * <p>A new publisher (Kafka, NATS) is one class implementing this interface. Implementations are
 * called by one thread at a time; {@link #close()} may come from another thread.
 */
public interface EventSink extends AutoCloseable {

    /**
     * A name for this sink that stays the same across restarts: the dispatcher stores its cursor
     * and delivery log under it, and holds the delivery lease for it.
     */
    String name();

    /**
     * Sends one event and says what happened. Failures are results, not exceptions: a sink that
     * throws is treated as {@link SendResult#retry} with the exception as the error.
     */
    SendResult send(RegistryEvent event);

    /** Releases the sink's connections. Idempotent. */
    @Override
    void close();
}
