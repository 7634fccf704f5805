package dev.modelregistry.spi;

import dev.modelregistry.events.Webhook;
import java.util.List;

/** Reads webhook subscriptions; each call reads one consistent state. Implementations must be thread-safe. */
public interface WebhookReader {

    /** Every webhook subscription, sorted by name. */
    List<Webhook> webhooks();
}
