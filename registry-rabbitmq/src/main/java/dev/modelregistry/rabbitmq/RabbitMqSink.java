package dev.modelregistry.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import dev.modelregistry.events.EventSink;
import dev.modelregistry.events.RegistryEvent;
import dev.modelregistry.events.SendResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes registry events to a durable RabbitMQ topic exchange and reports an event delivered
 * only once the broker confirmed it (publisher confirms).
 *
 * <p>Each event becomes one persistent message (delivery mode 2): the body is the event in
 * CloudEvents JSON structured mode ({@link RegistryEvent#toJson()}), the content type
 * {@value #CONTENT_TYPE}, the message id the event id (the journal sequence), the AMQP {@code type}
 * the event type, the timestamp the event time, and the headers {@code cloudEvents:type} and, when
 * there is one, {@code cloudEvents:subject}. The routing key is {@code <operation>.<model>}, for
 * example {@code version.stage_changed.fraud-detector}, with the model name escaped to one word:
 * docs/RABBITMQ.md gives the exact rule.
 *
 * <p>{@link #send} publishes with the mandatory flag and waits for the broker's confirm. An ack is
 * {@link SendResult#delivered}; a nack, no confirm within the confirm timeout, a lost or refused
 * connection, or a broker that blocks publishers (a memory or disk alarm) is {@link SendResult#retry}
 * and the connection is dropped, to be opened again by the next send. A message that no queue is
 * bound for is confirmed and returned by the broker, and dropped; it counts as delivered unless
 * {@link Builder#retryUnroutable(boolean)} asks otherwise, since a topic exchange hands each message
 * to the queues bound for it at that moment and pipelines bind the queues they need before the
 * events they need are published.
 *
 * <p>The client's automatic connection recovery is switched off, on a copy of the connection
 * factory: the dispatcher already decides when to try again, and a connection recovered behind the
 * sink's back would reset the channel's confirm sequence while a send may still wait on it. The
 * connection is opened lazily, by the first send, so a sink can be built while the broker is down.
 *
 * <p>Thread-safe: sends are serialized (the dispatcher makes one at a time anyway), and
 * {@link #close()} may come from any thread at any time; a send in flight then returns retry.
 */
public final class RabbitMqSink implements EventSink {

    /** The content type of every message: CloudEvents JSON structured mode. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** The exchange published to unless {@link Builder#exchange(String)} says otherwise. */
    public static final String DEFAULT_EXCHANGE = "model-registry";

    /** The sink name unless {@link Builder#name(String)} says otherwise. */
    public static final String DEFAULT_NAME = "rabbitmq";

    /** How long dropping a connection waits for the broker's close-ok before closing the socket. */
    private static final int CLOSE_TIMEOUT_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqSink.class);

    private final String name;
    private final String exchange;
    private final ConnectionFactory factory;
    private final String broker;
    private final int confirmTimeoutMillis;
    private final boolean retryUnroutable;

    private final Object sendLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Written under {@link #sendLock}; read by {@link #close()} without it. */
    private volatile Connection connection;
    /** Guarded by {@link #sendLock}. */
    private Channel channel;
    /** The last message the broker returned as unroutable; written by the connection's reader thread. */
    private volatile Return returned;
    /** Why the broker blocks this connection's publishing, or null; written by the reader thread. */
    private volatile String blocked;

    private RabbitMqSink(Builder builder) {
        this.name = builder.name;
        this.exchange = builder.exchange;
        this.factory = builder.factory.clone();
        this.factory.setAutomaticRecoveryEnabled(false);
        this.factory.setTopologyRecoveryEnabled(false);
        int connectMillis = millis(builder.connectTimeout);
        this.factory.setConnectionTimeout(connectMillis);
        this.factory.setHandshakeTimeout(connectMillis);
        this.factory.setChannelRpcTimeout(connectMillis);
        this.broker = factory.getHost() + ":" + factory.getPort() + factory.getVirtualHost();
        this.confirmTimeoutMillis = millis(builder.confirmTimeout);
        this.retryUnroutable = builder.retryUnroutable;
    }

    /**
     * A new builder; {@link Builder#uri(String)} or {@link Builder#connectionFactory(ConnectionFactory)}
     * is required.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The name given to the builder, under which the dispatcher keeps this sink's cursor. */
    @Override
    public String name() {
        return name;
    }

    /** The exchange this sink publishes to. */
    public String exchange() {
        return exchange;
    }

    /**
     * Publishes {@code event} and waits for the broker's confirm, connecting first if there is no
     * open connection.
     *
     * @return delivered once the broker acked the message; retry, with the reason, if it nacked, did
     *         not confirm in time, could not be reached, blocks publishers, or (with
     *         {@link Builder#retryUnroutable(boolean)}) returned the message as unroutable
     * @throws IllegalStateException if the sink is closed
     */
    @Override
    public SendResult send(RegistryEvent event) {
        Objects.requireNonNull(event, "event");
        String routingKey = RoutingKeys.of(event);
        synchronized (sendLock) {
            if (closed.get()) {
                throw closedException();
            }
            Channel ch;
            try {
                ch = channel();
            } catch (IOException | TimeoutException | ShutdownSignalException e) {
                drop();
                return retry("cannot connect to RabbitMQ at " + broker + ": " + describe(e));
            }
            String blockedReason = blocked;
            if (blockedReason != null) {
                return retry("RabbitMQ at " + broker + " blocks publishing: " + blockedReason);
            }
            try {
                returned = null;
                ch.basicPublish(exchange, routingKey, true, properties(event), event.toJson().getBytes(StandardCharsets.UTF_8));
                if (!ch.waitForConfirms(confirmTimeoutMillis)) {
                    drop();
                    return retry("RabbitMQ at " + broker + " nacked event " + event.id());
                }
            } catch (TimeoutException e) {
                drop();
                return retry("RabbitMQ at " + broker + " did not confirm event " + event.id() + " within "
                        + confirmTimeoutMillis + " ms");
            } catch (IOException | ShutdownSignalException e) {
                drop();
                return retry("publishing event " + event.id() + " to RabbitMQ at " + broker + " failed: " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                drop();
                return retry("interrupted while waiting for RabbitMQ to confirm event " + event.id());
            }
            return unroutable(event, routingKey);
        }
    }

    /**
     * Closes the connection, if any. Idempotent; a send in flight returns retry, and later sends
     * throw {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Connection c = connection;
        if (c != null) {
            c.abort(CLOSE_TIMEOUT_MILLIS);
        }
    }

    /** What the sink publishes to, for logs: {@code rabbitmq[name -> exchange at host:port/vhost]}. */
    @Override
    public String toString() {
        return "rabbitmq[" + name + " -> " + exchange + " at " + broker + "]";
    }

    private SendResult unroutable(RegistryEvent event, String routingKey) {
        // The broker sends basic.return before the basic.ack of the same message, and the client
        // handles both on its reader thread in that order, so the return is seen by now.
        Return r = returned;
        if (r == null || !event.id().equals(r.getProperties().getMessageId())) {
            return SendResult.delivered(0);
        }
        String why = "no queue is bound to exchange " + exchange + " for routing key " + routingKey + " ("
                + r.getReplyCode() + " " + r.getReplyText() + "); the broker dropped event " + event.id();
        if (retryUnroutable) {
            return retry(why);
        }
        LOG.debug("{}", why);
        return SendResult.delivered(0);
    }

    /** The open channel, or a new connection and channel in confirm mode with the exchange declared. */
    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        drop();
        Connection c = factory.newConnection("model-registry sink " + name);
        connection = c;
        // close() sets closed and then reads connection; reading closed after writing connection
        // means one of the two sees the other, so a connection opened during close() is not leaked.
        if (closed.get()) {
            drop();
            throw closedException();
        }
        c.addBlockedListener(reason -> blocked = reason, () -> blocked = null);
        Channel ch = c.createChannel();
        if (ch == null) {
            throw new IOException("the broker allows no more channels on this connection");
        }
        ch.addReturnListener(r -> returned = r);
        ch.confirmSelect();
        ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        channel = ch;
        LOG.info("{} connected", this);
        return ch;
    }

    private void drop() {
        channel = null;
        blocked = null;
        Connection c = connection;
        connection = null;
        if (c != null) {
            c.abort(CLOSE_TIMEOUT_MILLIS);
        }
    }

    private static AMQP.BasicProperties properties(RegistryEvent event) {
        Map<String, Object> headers = new LinkedHashMap<>(4);
        headers.put("cloudEvents:type", event.type());
        if (!event.subject().isEmpty()) {
            headers.put("cloudEvents:subject", event.subject());
        }
        return new AMQP.BasicProperties.Builder()
                .contentType(CONTENT_TYPE)
                .deliveryMode(2)
                .messageId(event.id())
                .type(event.type())
                .timestamp(Date.from(event.time()))
                .headers(headers)
                .build();
    }

    private SendResult retry(String reason) {
        LOG.debug("{}: {}", this, reason);
        return SendResult.retry(0, reason, null);
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("RabbitMQ sink " + name + " is closed; build a new one to publish again");
    }

    /** The first message along the cause chain, with the exception's kind. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                String kind = t instanceof AlreadyClosedException ? "connection closed"
                        : t.getClass().getSimpleName();
                return kind + ": " + t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static int millis(Duration d) {
        return (int) d.toMillis();
    }

    /**
     * Builds a {@link RabbitMqSink}. Setters check their argument at once; {@link #build()} checks
     * that a broker was given, copies the connection factory and leaves the builder reusable. Not
     * thread-safe.
     */
    public static final class Builder {

        private ConnectionFactory factory;
        private String exchange = DEFAULT_EXCHANGE;
        private String name = DEFAULT_NAME;
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration confirmTimeout = Duration.ofSeconds(5);
        private boolean retryUnroutable;

        private Builder() {
        }

        /**
         * The broker, as an AMQP URI such as {@code amqp://guest:guest@127.0.0.1:5672} (the virtual
         * host is the path, {@code %2F} for {@code /}). {@code amqps://} uses TLS with the JVM's
         * default trust store and host name verification; for another trust store pass a configured
         * {@link #connectionFactory(ConnectionFactory)}. Replaces an earlier connection factory.
         *
         * @throws IllegalArgumentException if it is not a valid amqp or amqps URI (the message leaves
         *         out the URI, which may hold a password)
         */
        public Builder uri(String uri) {
            Objects.requireNonNull(uri, "uri");
            ConnectionFactory f = new ConnectionFactory();
            try {
                f.setUri(uri);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("uri is not a valid AMQP URI: " + e.getReason(), e);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("uri asks for TLS, which cannot be set up: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("uri is not a valid AMQP URI: " + e.getMessage(), e);
            }
            this.factory = f;
            return this;
        }

        /**
         * The connection factory to connect with: host, credentials, TLS, heartbeats, thread
         * factories. The sink uses a copy with automatic recovery switched off and the timeouts of
         * this builder; {@code factory} itself is not changed. Replaces an earlier URI.
         */
        public Builder connectionFactory(ConnectionFactory factory) {
            this.factory = Objects.requireNonNull(factory, "factory").clone();
            return this;
        }

        /**
         * The topic exchange to publish to, declared durable on every (re)connect if it does not
         * exist; default {@value RabbitMqSink#DEFAULT_EXCHANGE}. An existing exchange of that name
         * must be a durable topic exchange, or every send returns retry with the broker's reason.
         *
         * @throws IllegalArgumentException if it is blank or longer than 255 bytes in UTF-8
         */
        public Builder exchange(String exchange) {
            Objects.requireNonNull(exchange, "exchange");
            if (exchange.isBlank() || exchange.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException("exchange '" + exchange + "' must be 1 to 255 bytes, not blank");
            }
            this.exchange = exchange;
            return this;
        }

        /**
         * The sink's name, stable across restarts: the dispatcher keeps the cursor under
         * {@code sink:<name>}; default {@value RabbitMqSink#DEFAULT_NAME}.
         *
         * @throws IllegalArgumentException if it is not 1 to 64 letters, digits, '.', '_' or '-',
         *         starting with a letter or digit (what a consumer name is made of)
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new IllegalArgumentException("name '" + name + "' must be 1 to 64 letters, digits, '.', '_'"
                        + " or '-', starting with a letter or digit");
            }
            this.name = name;
            return this;
        }

        /**
         * How long each step of connecting may take: the TCP connect, the AMQP handshake, and each
         * setup call (confirm.select, exchange.declare); default 3 s. Overrides the connection
         * factory's own timeouts.
         *
         * @throws IllegalArgumentException if it is not between 1 ms and {@link Integer#MAX_VALUE} ms
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = checked("connectTimeout", timeout);
            return this;
        }

        /**
         * How long a send waits for the broker's confirm before it returns retry; default 5 s. The
         * message may still be confirmed later, so the retry may publish it twice (at least once).
         * With the dispatcher's {@code DeliveryOptions.timeout()} (default 10 s) in mind, keep
         * {@code 2 x connectTimeout + confirmTimeout} below it.
         *
         * @throws IllegalArgumentException if it is not between 1 ms and {@link Integer#MAX_VALUE} ms
         */
        public Builder confirmTimeout(Duration timeout) {
            this.confirmTimeout = checked("confirmTimeout", timeout);
            return this;
        }

        /**
         * Whether a message that the broker returns as unroutable (no queue bound for its routing
         * key) makes the send return retry instead of delivered; default false. With true, delivery
         * stops at the first event nobody is bound for until a queue is bound or the consumer is
         * moved on, which suits one pipeline that binds {@code #} and must not miss an event.
         */
        public Builder retryUnroutable(boolean retryUnroutable) {
            this.retryUnroutable = retryUnroutable;
            return this;
        }

        /**
         * A new sink; it connects on its first send.
         *
         * @throws IllegalStateException if neither {@link #uri(String)} nor
         *         {@link #connectionFactory(ConnectionFactory)} was given
         */
        public RabbitMqSink build() {
            if (factory == null) {
                throw new IllegalStateException("give the broker: uri(...) or connectionFactory(...)");
            }
            return new RabbitMqSink(this);
        }

        private static Duration checked(String what, Duration timeout) {
            Objects.requireNonNull(timeout, what);
            if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException(what + " " + timeout + " must be between 1 ms and "
                        + Integer.MAX_VALUE + " ms");
            }
            return timeout;
        }
    }
}
