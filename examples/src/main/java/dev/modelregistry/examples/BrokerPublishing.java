package dev.modelregistry.examples;

import dev.modelregistry.Registry;
import dev.modelregistry.embedded.EmbeddedRegistry;
import dev.modelregistry.events.DeliveryOptions;
import dev.modelregistry.events.Dispatcher;
import dev.modelregistry.rabbitmq.RabbitMqSink;
import java.nio.file.Path;

/**
 * Publishes every change of an embedded registry to RabbitMQ until stopped: the exchange
 * {@code model-registry}, routing keys such as {@code version.stage_changed.fraud-detector}, at
 * least once and in order from a cursor stored in the registry, so an outage of the broker or of
 * this process loses nothing. Run it with a registry directory and an AMQP URI, for example
 * {@code model-registry amqp://guest:guest@127.0.0.1:5672}; see docs/RABBITMQ.md.
 */
public final class BrokerPublishing {

    private BrokerPublishing() {
    }

    /**
     * Publishes until the process is stopped.
     *
     * @param args the registry directory and the AMQP URI
     * @throws InterruptedException if interrupted while publishing
     */
    public static void main(String[] args) throws InterruptedException {
        Path directory = Path.of(args.length > 0 ? args[0] : "model-registry");
        String uri = args.length > 1 ? args[1] : "amqp://guest:guest@127.0.0.1:5672";
        try (Registry registry = EmbeddedRegistry.open(directory);
             Dispatcher publishing = registry.deliveries().start(
                     RabbitMqSink.builder().uri(uri).exchange("model-registry").name("rabbitmq").build(),
                     DeliveryOptions.defaults().withUnlimitedAttempts())) {
            System.out.println("publishing the changes of " + directory + " to " + uri + " as " + publishing.id());
            Thread.currentThread().join();
        }
    }
}
