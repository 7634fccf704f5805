package dev.modelregistry.core;

import dev.modelregistry.access.Action;
import dev.modelregistry.access.Scope;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.events.ConsumerNotFoundException;
import dev.modelregistry.events.ConsumerStatus;
import dev.modelregistry.events.Deliveries;
import dev.modelregistry.events.DeliveryAttempt;
import dev.modelregistry.events.DeliveryOptions;
import dev.modelregistry.events.Dispatcher;
import dev.modelregistry.events.EventSink;
import dev.modelregistry.events.Webhook;
import dev.modelregistry.events.WebhookExistsException;
import dev.modelregistry.events.WebhookNotFoundException;
import dev.modelregistry.journal.Operations;
import dev.modelregistry.spi.EntryDraft;
import dev.modelregistry.spi.MetadataStore;
import dev.modelregistry.spi.Mutation;
import dev.modelregistry.spi.Precondition;
import dev.modelregistry.spi.Target;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The deliveries of one registry view: webhook subscriptions written through the registry's write
 * path as its principal, and the delivery state read from and written to the store's ledger.
 * Thread-safe.
 */
final class DefaultDeliveries implements Deliveries {

    private static final int MAX_LOG = 10_000;

    private final DefaultRegistry registry;
    private final Writer writer;
    private final DeliveryHub hub;
    private final MetadataStore store;

    DefaultDeliveries(DefaultRegistry registry, Writer writer, DeliveryHub hub) {
        this.registry = registry;
        this.writer = writer;
        this.hub = hub;
        this.store = hub.store();
    }

    @Override
    public Webhook createWebhook(Webhook webhook) {
        manageNow();
        WebhookRules.check(Objects.requireNonNull(webhook, "webhook"));
        String consumer = Deliveries.webhookConsumer(webhook.name());
        if (find(webhook.name()).isEmpty()) {
            // A subscription of this name removed by a process that died before forgetting its cursor and log.
            store.forget(consumer);
        }
        // Created before the commit, so that a crash right after it cannot leave a subscription without a cursor.
        store.create(consumer, store.journalHead().sequence());
        return writer.write(registry.guard(), registry::now, stamp -> {
            stamp.authorize(Action.MANAGE_WEBHOOKS, Scope.registry(), Target.model(""));
            if (find(webhook.name()).isPresent()) {
                throw new WebhookExistsException(webhook.name());
            }
            return stamp.change(List.of(new Precondition.WebhookIs(webhook.name(), null)),
                    List.of(new Mutation.PutWebhook(webhook)),
                    List.of(entry(Operations.WEBHOOK_CREATED, Details.webhook(webhook, false))),
                    applied -> {
                        store.resume(consumer, applied.entries().get(applied.entries().size() - 1).sequence());
                        return webhook;
                    });
        });
    }

    @Override
    public Webhook updateWebhook(Webhook webhook) {
        manage();
        WebhookRules.check(Objects.requireNonNull(webhook, "webhook"));
        return writer.write(registry.guard(), registry::now, stamp -> {
            stamp.authorize(Action.MANAGE_WEBHOOKS, Scope.registry(), Target.model(""));
            Webhook current = find(webhook.name()).orElseThrow(() -> new WebhookNotFoundException(webhook.name()));
            if (current.equals(webhook)) {
                return Writer.Decision.unchanged(webhook);
            }
            return stamp.change(List.of(new Precondition.WebhookIs(webhook.name(), current)),
                    List.of(new Mutation.PutWebhook(webhook)),
                    List.of(entry(Operations.WEBHOOK_UPDATED,
                            Details.webhook(webhook, !current.secret().equals(webhook.secret())))),
                    applied -> webhook);
        });
    }

    @Override
    public boolean removeWebhook(String name) {
        manage();
        WebhookRules.name(name);
        return writer.write(registry.guard(), registry::now, stamp -> {
            stamp.authorize(Action.MANAGE_WEBHOOKS, Scope.registry(), Target.model(""));
            Optional<Webhook> current = find(name);
            if (current.isEmpty()) {
                return Writer.Decision.unchanged(false);
            }
            return stamp.change(List.of(new Precondition.WebhookIs(name, current.get())),
                    List.of(new Mutation.RemoveWebhook(name)),
                    List.of(entry(Operations.WEBHOOK_REMOVED, Details.webhookRemoved(name))),
                    applied -> {
                        store.forget(Deliveries.webhookConsumer(name));
                        return true;
                    });
        });
    }

    @Override
    public Optional<Webhook> webhook(String name) {
        manage();
        return find(WebhookRules.name(name));
    }

    @Override
    public List<Webhook> webhooks() {
        manage();
        return store.webhooks();
    }

    @Override
    public Optional<ConsumerStatus> status(String consumer) {
        manage();
        return store.consumer(Objects.requireNonNull(consumer, "consumer"));
    }

    @Override
    public ConsumerStatus resume(String consumer) {
        manageNow();
        return store.resume(Objects.requireNonNull(consumer, "consumer"), -1)
                .orElseThrow(() -> new ConsumerNotFoundException(consumer));
    }

    @Override
    public ConsumerStatus replay(String consumer, long sequence) {
        manageNow();
        Objects.requireNonNull(consumer, "consumer");
        long head = store.journalHead().sequence();
        if (sequence < 0 || sequence > head) {
            throw new InvalidInputException("replay sequence", Long.toString(sequence),
                    "must be between 0 and the journal's head " + head);
        }
        return store.resume(consumer, sequence).orElseThrow(() -> new ConsumerNotFoundException(consumer));
    }

    @Override
    public List<DeliveryAttempt> log(String consumer, long afterSequence, int limit) {
        manage();
        Objects.requireNonNull(consumer, "consumer");
        if (limit < 1 || limit > MAX_LOG) {
            throw new InvalidInputException("delivery log page size", Integer.toString(limit),
                    "must be between 1 and " + MAX_LOG);
        }
        return store.attempts(consumer, afterSequence, limit);
    }

    @Override
    public Optional<DeliveryAttempt> outcome(String consumer, long sequence) {
        manage();
        return store.lastAttempt(Objects.requireNonNull(consumer, "consumer"), sequence);
    }

    @Override
    public Dispatcher startWebhooks(DeliveryOptions options) {
        manageNow();
        return hub.startWebhooks(checked(options));
    }

    @Override
    public Dispatcher start(EventSink sink, DeliveryOptions options) {
        manageNow();
        Objects.requireNonNull(sink, "sink");
        WebhookRules.name("sink name", sink.name());
        return hub.start(sink, checked(options));
    }

    /**
     * A dispatcher renews its lease before an attempt once a third of it is gone, so an attempt of
     * at most two thirds of the lease always ends while the lease still holds.
     */
    private static DeliveryOptions checked(DeliveryOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.timeout().multipliedBy(3).compareTo(options.lease().multipliedBy(2)) > 0) {
            throw new InvalidInputException("delivery timeout", options.timeout().toString(),
                    "must be at most two thirds of the lease " + options.lease());
        }
        return options;
    }

    /** Every operation here needs {@link Action#MANAGE_WEBHOOKS}: checked before anything is read or written. */
    private void manage() {
        registry.checkOpen();
        registry.guard().check(Action.MANAGE_WEBHOOKS, Scope.registry(), Target.model(""));
    }

    /**
     * {@link #manage} on fresh grants, for what changes delivery state (a subscription's cursor, a
     * running dispatcher): a revoked grant stops it at once, not after the grant cache's time.
     */
    private void manageNow() {
        registry.checkOpen();
        registry.guard().checkFresh(Action.MANAGE_WEBHOOKS, Scope.registry(), Target.model(""));
    }

    private Optional<Webhook> find(String name) {
        return store.webhooks().stream().filter(w -> w.name().equals(name)).findFirst();
    }

    private static EntryDraft entry(String operation, String details) {
        return EntryDraft.of(operation, Target.model(""), details);
    }
}
