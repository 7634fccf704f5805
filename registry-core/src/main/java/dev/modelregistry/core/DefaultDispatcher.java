package dev.modelregistry.core;

import dev.modelregistry.events.Deliveries;
import dev.modelregistry.events.DeliveryOptions;
import dev.modelregistry.events.Dispatcher;
import dev.modelregistry.events.EventSink;
import dev.modelregistry.events.Webhook;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs consumer workers on daemon threads: one for a sink, or one per webhook subscription with a
 * supervisor that starts workers for new subscriptions and lets workers of removed ones end.
 * Thread-safe.
 */
final class DefaultDispatcher implements Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultDispatcher.class);

    private final String id;
    private final Stopper stopper = new Stopper();
    private final List<Thread> threads = new ArrayList<>();
    private final Consumer<DefaultDispatcher> onClose;
    private AutoCloseable resource;

    private DefaultDispatcher(Consumer<DefaultDispatcher> onClose) {
        this.id = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.onClose = onClose;
    }

    /** Starts delivering every event to a sink. */
    static DefaultDispatcher sink(DeliveryHub hub, EventSink sink, DeliveryOptions options,
                                  Consumer<DefaultDispatcher> onClose) {
        DefaultDispatcher d = new DefaultDispatcher(onClose);
        String consumer = Deliveries.sinkConsumer(sink.name());
        hub.store().create(consumer, hub.store().journalHead().sequence());
        d.resource = sink;
        d.start(consumer, new ConsumerWorker(hub.context(options, d.id, d.stopper), consumer, sink, () -> true,
                () -> true, e -> ConsumerWorker.Verdict.DELIVER));
        return d;
    }

    /** Starts delivering every webhook subscription, each under its own lease. */
    static DefaultDispatcher webhooks(DeliveryHub hub, DeliveryOptions options, Consumer<DefaultDispatcher> onClose) {
        DefaultDispatcher d = new DefaultDispatcher(onClose);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.timeout()).build();
        ConsumerWorker.Context context = hub.context(options, d.id, d.stopper);
        java.util.concurrent.ScheduledExecutorService alarms = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "model-registry-delivery-alarms");
                    t.setDaemon(true);
                    return t;
                });
        d.resource = alarms::shutdownNow;
        Map<String, Webhook> current = new ConcurrentHashMap<>();
        Map<String, Thread> workers = new java.util.HashMap<>();
        d.start("webhooks", () -> {
            while (d.stopper.running()) {
                try {
                    Map<String, Webhook> stored = new java.util.HashMap<>();
                    hub.store().webhooks().forEach(w -> stored.put(w.name(), w));
                    current.keySet().retainAll(stored.keySet());
                    current.putAll(stored);
                    for (String name : stored.keySet()) {
                        Thread worker = workers.get(name);
                        if (worker == null || !worker.isAlive()) {
                            workers.put(name, d.start(Deliveries.webhookConsumer(name),
                                    webhookWorker(hub, context, http, alarms, options, name, current)));
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Could not read the webhook subscriptions; trying again", e);
                }
                d.stopper.sleep(options.pollInterval().toMillis());
            }
        });
        return d;
    }

    /** A worker for one subscription; it ends when the subscription is no longer in {@code current}. */
    private static ConsumerWorker webhookWorker(DeliveryHub hub, ConsumerWorker.Context context, HttpClient http,
                                                java.util.concurrent.ScheduledExecutorService alarms,
                                                DeliveryOptions options, String name, Map<String, Webhook> current) {
        String consumer = Deliveries.webhookConsumer(name);
        WebhookSink sink = new WebhookSink(name, () -> current.get(name), http, options.timeout(), hub.clock(),
                alarms, context.holder());
        return new ConsumerWorker(context, consumer, sink, () -> current.containsKey(name),
                () -> current.containsKey(name) && current.get(name).enabled(),
                e -> {
                    Webhook w = current.get(name);
                    if (w == null || !w.enabled()) {
                        return ConsumerWorker.Verdict.STOP;
                    }
                    return w.matches(e) ? ConsumerWorker.Verdict.DELIVER : ConsumerWorker.Verdict.PASS;
                });
    }

    private synchronized Thread start(String name, Runnable work) {
        if (!stopper.running()) {
            return null;
        }
        threads.removeIf(t -> !t.isAlive());
        Thread thread = new Thread(work, "model-registry-delivery-" + name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        return thread;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void close() {
        List<Thread> running;
        synchronized (this) {
            if (!stopper.running()) {
                return;
            }
            stopper.stop();
            running = List.copyOf(threads);
        }
        for (Thread t : running) {
            try {
                t.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (resource != null) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Could not close {}", resource, e);
            }
        }
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "Dispatcher[" + id + "]";
    }
}
