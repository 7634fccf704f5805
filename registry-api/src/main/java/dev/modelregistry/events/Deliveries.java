package dev.modelregistry.events;

import java.util.List;
import java.util.Optional;

/**
 * Delivers the journal to deployment pipelines: webhook subscriptions stored with the metadata,
 * and sinks such as a message broker. Every consumer has a cursor stored with the metadata, so
 * delivery is at least once and in journal order across crashes and restarts; one dispatcher at
 * a time holds a consumer's lease, so several processes may run delivery for one database.
 * docs/WEBHOOKS.md describes it all. Implementations are thread-safe.
 */
public interface Deliveries {

    /**
     * Stores a new webhook subscription, journaled as {@code webhook.created}. Its cursor starts at
     * that entry: it receives the events committed after it was created.
     *
     * @throws dev.modelregistry.InvalidInputException if the name, URL, secret, an event type or a
     *         model pattern is not valid, or the URL names a loopback or private address and the
     *         subscription does not allow it; nothing is stored
     * @throws WebhookExistsException if a subscription of that name exists
     */
    Webhook createWebhook(Webhook webhook);

    /**
     * Replaces a subscription with {@code webhook} (same name), journaled as {@code webhook.updated}.
     * Its cursor stays where it is.
     *
     * @throws dev.modelregistry.InvalidInputException as {@link #createWebhook}
     * @throws WebhookNotFoundException if there is no subscription of that name
     */
    Webhook updateWebhook(Webhook webhook);

    /**
     * Removes a subscription, journaled as {@code webhook.removed}; its cursor and delivery log go
     * with it.
     *
     * @return false if there was none of that name
     */
    boolean removeWebhook(String name);

    /** The subscription of that name, if any. */
    Optional<Webhook> webhook(String name);

    /** Every subscription, sorted by name. */
    List<Webhook> webhooks();

    /** The consumer name of a webhook subscription: {@code webhook:<name>}. */
    static String webhookConsumer(String name) {
        return "webhook:" + name;
    }

    /** The consumer name of a sink: {@code sink:<sink name>}. */
    static String sinkConsumer(String sinkName) {
        return "sink:" + sinkName;
    }

    /** Where a consumer stands, if it has started delivering (a webhook has from its creation). */
    Optional<ConsumerStatus> status(String consumer);

    /**
     * Resumes a paused consumer: delivery goes on with the event it stopped at.
     *
     * @throws ConsumerNotFoundException if there is no such consumer
     */
    ConsumerStatus resume(String consumer);

    /**
     * Moves a consumer's cursor so that delivery goes on with the event after {@code sequence}
     * (back to replay, forward to skip), and resumes it if it was paused.
     *
     * @throws dev.modelregistry.InvalidInputException if {@code sequence} is negative or beyond the
     *         journal's head
     * @throws ConsumerNotFoundException if there is no such consumer
     */
    ConsumerStatus replay(String consumer, long sequence);

    /**
     * The delivery log of a consumer: its attempts for events after {@code afterSequence}, at most
     * {@code limit}, by sequence, then in the order they were made (attempt numbers start again at 1 when
     * an event is delivered again after a replay).
     *
     * @throws dev.modelregistry.InvalidInputException if {@code limit} is not between 1 and 10,000
     */
    List<DeliveryAttempt> log(String consumer, long afterSequence, int limit);

    /** The outcome of the last attempt to deliver event {@code sequence} to the consumer, if any. */
    Optional<DeliveryAttempt> outcome(String consumer, long sequence);

    /**
     * Starts delivering every webhook subscription in the background, each under its own lease;
     * subscriptions created later are picked up within a poll interval.
     *
     * @throws dev.modelregistry.InvalidInputException if the options' timeout is more than two
     *         thirds of their lease
     */
    Dispatcher startWebhooks(DeliveryOptions options);

    /**
     * Starts delivering every event to {@code sink} in the background, under the consumer
     * {@code sink:<name>}. A sink seen for the first time starts after the journal's head at that
     * moment; afterwards it goes on from its stored cursor. The dispatcher closes the sink when it
     * is closed.
     *
     * @throws dev.modelregistry.InvalidInputException if the sink's name is not 1 to 64 letters,
     *         digits, '.', '_' or '-', or the options' timeout is more than two thirds of their lease
     */
    Dispatcher start(EventSink sink, DeliveryOptions options);
}
