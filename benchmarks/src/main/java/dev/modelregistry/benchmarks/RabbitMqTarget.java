package dev.modelregistry.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.modelregistry.Registry;
import dev.modelregistry.events.Deliveries;
import dev.modelregistry.events.DeliveryOptions;
import dev.modelregistry.events.Dispatcher;
import dev.modelregistry.events.RegistryEvent;
import dev.modelregistry.rabbitmq.RabbitMqSink;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The broker on {@code bench.uri} (default 127.0.0.1:5672): a scratch topic exchange with a durable
 * queue bound to everything and a consumer on it; the plain side is {@link PlainConfirmsSink}.
 */
final class RabbitMqTarget implements DeliveryBenchmark.Target {

    private final ConnectionFactory factory = new ConnectionFactory();
    private final String exchange = "model-registry-bench-" + UUID.randomUUID();
    private final Connection connection;
    private final Channel channel;
    private final Arrivals arrivals = new Arrivals();
    private final PlainConfirmsSink plain;

    RabbitMqTarget() throws Exception {
        factory.setUri(System.getProperty("bench.uri", "amqp://guest:guest@127.0.0.1:5672"));
        factory.setAutomaticRecoveryEnabled(false);
        connection = factory.newConnection("model-registry bench consumer");
        channel = connection.createChannel();
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        channel.queueDeclare(exchange, true, false, false, null);
        channel.queueBind(exchange, exchange, "#");
        channel.basicConsume(exchange, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                arrivals.arrived(new String(body, StandardCharsets.UTF_8));
            }
        });
        plain = new PlainConfirmsSink(factory, exchange);
    }

    @Override
    public String prepare(Registry registry) {
        arrivals.clear();
        start(registry).close(); // the sink's cursor starts here, before the events are committed
        return Deliveries.sinkConsumer("bench");
    }

    @Override
    public Dispatcher start(Registry registry) {
        return registry.deliveries().start(RabbitMqSink.builder().connectionFactory(factory).exchange(exchange)
                .name("bench").build(), DeliveryOptions.defaults().withUnlimitedAttempts());
    }

    @Override
    public void sendPlain(RegistryEvent event) {
        if (!plain.send(event).isDelivered()) {
            throw new IllegalStateException("the broker did not confirm " + event.id());
        }
    }

    @Override
    public long awaitArrival(String id) throws InterruptedException {
        return arrivals.await(id);
    }

    @Override
    public void close() throws Exception {
        plain.close();
        channel.queueDelete(exchange);
        channel.exchangeDelete(exchange);
        connection.close();
    }
}
