package dev.modelregistry.rabbitmq;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The RabbitMQ broker the tests publish to, from {@code RABBITMQ_URI} (default
 * {@code amqp://guest:guest@127.0.0.1:5672}), and a direct admin connection to it that declares
 * per-test exchanges and queues and reads what arrived. Without a broker a test is skipped with
 * a message saying how to run it, unless {@code CI=true}, where it fails. Not thread-safe.
 */
final class Broker implements AutoCloseable {

    static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672";

    private final ConnectionFactory factory;
    private final Connection admin;
    private final Channel channel;
    private final List<String> exchanges = new ArrayList<>();

    private Broker(ConnectionFactory factory, Connection admin) throws IOException {
        this.factory = factory;
        this.admin = admin;
        this.channel = admin.createChannel();
    }

    /** Connects to the broker, or skips (fails on CI) the calling test. */
    static Broker require() {
        String uri = System.getenv().getOrDefault("RABBITMQ_URI", DEFAULT_URI);
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (URISyntaxException | GeneralSecurityException e) {
            throw new IllegalArgumentException("RABBITMQ_URI is not a valid AMQP URI", e);
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(2_000);
        try {
            return new Broker(factory, factory.newConnection("registry-rabbitmq tests"));
        } catch (IOException | TimeoutException e) {
            String reason = "RabbitMQ is not reachable at " + factory.getHost() + ":" + factory.getPort() + " ("
                    + e + "). Start it (rabbitmq-server -detached), or set RABBITMQ_URI to reach one.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                return Assertions.fail(reason + " CI=true, so this fails instead of skipping.");
            }
            Assumptions.abort(reason);
            throw new AssertionError("unreachable");
        }
    }

    /** The broker's host. */
    String host() {
        return factory.getHost();
    }

    /** The broker's port. */
    int port() {
        return factory.getPort();
    }

    /** A URI for the sink to reach the broker through {@code host:port} (a proxy), same credentials. */
    String uriVia(String host, int port) {
        return "amqp://" + factory.getUsername() + ":" + factory.getPassword() + "@" + host + ":" + port;
    }

    /** A URI for the sink to reach the broker directly. */
    String uri() {
        return uriVia(host(), port());
    }

    /** A new durable topic exchange name, deleted by {@link #close()}. */
    String newExchange() {
        String name = "registry-rabbitmq-test-" + UUID.randomUUID();
        exchanges.add(name);
        return name;
    }

    /** Declares {@code exchange} the way the sink does, so queues can be bound before it publishes. */
    void declare(String exchange) {
        try {
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server-named exclusive queue bound to {@code exchange} with {@code bindingKey}. */
    String bind(String exchange, String bindingKey) {
        try {
            declare(exchange);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, bindingKey);
            return queue;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code exchange} exists. */
    boolean exists(String exchange) {
        try (Channel probe = admin.createChannel()) {
            probe.exchangeDeclarePassive(exchange);
            return true;
        } catch (IOException e) {
            return false;
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every message on {@code queue} now, in order, taken off it. */
    List<GetResponse> drain(String queue) {
        List<GetResponse> out = new ArrayList<>();
        try {
            for (GetResponse r; (r = channel.basicGet(queue, true)) != null; ) {
                out.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Deletes the exchanges it named and closes the admin connection (the queues go with it). */
    @Override
    public void close() {
        try {
            for (String exchange : exchanges) {
                channel.exchangeDelete(exchange);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            admin.abort();
        }
    }
}
