package dev.modelregistry.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.modelregistry.events.EventSink;
import dev.modelregistry.events.RegistryEvent;
import dev.modelregistry.events.SendResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/**
 * The reference for the RabbitMQ sink: what a hand-written publisher with confirms does per event,
 * on one connection and channel opened up front: serialize the event, {@code basicPublish}
 * (persistent, message id), {@code waitForConfirms}. No reconnects, no routing-key escaping, no
 * headers. Not thread-safe.
 */
final class PlainConfirmsSink implements EventSink {

    private final Connection connection;
    private final Channel channel;
    private final String exchange;

    PlainConfirmsSink(ConnectionFactory factory, String exchange) {
        this.exchange = exchange;
        try {
            this.connection = factory.newConnection("model-registry bench plain");
            this.channel = connection.createChannel();
            channel.confirmSelect();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public SendResult send(RegistryEvent event) {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().deliveryMode(2).messageId(event.id())
                .contentType("application/cloudevents+json").build();
        try {
            channel.basicPublish(exchange, event.operation() + "." + event.model(), props,
                    event.toJson().getBytes(StandardCharsets.UTF_8));
            return channel.waitForConfirms(5_000) ? SendResult.delivered(0) : SendResult.retry(0, "nack", null);
        } catch (IOException | TimeoutException e) {
            return SendResult.retry(0, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.retry(0, "interrupted", null);
        }
    }

    @Override
    public void close() {
        connection.abort();
    }
}
