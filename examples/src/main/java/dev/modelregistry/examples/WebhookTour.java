package dev.modelregistry.examples;

import dev.modelregistry.ModelVersion;
import dev.modelregistry.Registry;
import dev.modelregistry.Stage;
import dev.modelregistry.core.Registries;
import dev.modelregistry.events.DeliveryAttempt;
import dev.modelregistry.events.DeliveryOptions;
import dev.modelregistry.events.Dispatcher;
import dev.modelregistry.events.Webhook;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Webhooks in a few lines: subscribe a receiver to the promotions of the fraud models, run
 * delivery, promote, and read the delivery log. Runs on a throw-away in-memory registry with
 * {@link WebhookReceiverExample} on 127.0.0.1; with the embedded default or PostgreSQL the
 * subscription, its cursor and its log are stored, and delivery resumes where it stopped after a
 * restart.
 */
public final class WebhookTour {

    private WebhookTour() {
    }

    /**
     * Runs the tour; returns the bodies the receiver got.
     *
     * @throws IOException if the receiver cannot listen
     */
    static List<String> run() throws IOException, InterruptedException {
        List<String> received = new CopyOnWriteArrayList<>();
        Webhook hook = Webhook.to("deployer", URI.create("http://127.0.0.1:1/"));
        try (Registry registry = Registries.inMemory();
             WebhookReceiverExample receiver = new WebhookReceiverExample(0, hook.secret(), received::add)) {
            registry.deliveries().createWebhook(hook
                    .withUrl(URI.create("http://127.0.0.1:" + receiver.port() + "/registry"))
                    .withEventTypes("dev.modelregistry.version.stage_changed")
                    .withModels("fraud-*")
                    .withPrivateAddressesAllowed(true)); // the receiver is on loopback
            try (Dispatcher delivery = registry.deliveries().startWebhooks(DeliveryOptions.defaults())) {
                ModelVersion v1 = registry.register("fraud-detector")
                        .content("model.onnx", "weights v1".getBytes(StandardCharsets.UTF_8)).commit();
                registry.transition(v1, Stage.PRODUCTION, "first release");
                while (received.isEmpty()) {
                    Thread.sleep(20);
                }
            }
            for (DeliveryAttempt a : registry.deliveries().log("webhook:deployer", 0, 100)) {
                System.out.printf("event %d attempt %d: HTTP %d in %d ms, %s%n", a.sequence(), a.attempt(),
                        a.status(), a.latencyMillis(), a.outcome());
            }
        }
        return received;
    }

    /**
     * Runs the tour and prints what the receiver got.
     *
     * @param args ignored
     * @throws IOException if the receiver cannot listen
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        run().forEach(body -> System.out.println("received: " + body));
    }
}
