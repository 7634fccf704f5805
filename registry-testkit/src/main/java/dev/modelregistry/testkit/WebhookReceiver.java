package dev.modelregistry.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A real webhook receiver on 127.0.0.1 (the JDK's HTTP server) that answers as a test scripts it:
 * a queue of answers (a status, a status with {@code Retry-After}, a hang longer than the sender's
 * timeout, a slow 200, a redirect), then 200 for everything, or one answer for everything. It records every request it received, whether its
 * signature verified with an independent {@link SignatureVerifier}, and the most requests it ever
 * had in flight at once. Thread-safe.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received request. */
    public record Received(Instant at, String id, String timestamp, String signature, boolean verified, String body,
                           int answered) {

        /** The body as JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The CloudEvents id as a number: the journal sequence. */
        public long sequence() {
            return Long.parseLong(json().get("id").asText());
        }
    }

    /**
     * A scripted answer.
     *
     * @param timesOut whether the delay is meant to outlast the sender's timeout, so that the
     *                 request is recorded as answered -1 instead of with its status
     * @param trickles  whether the status goes out at once and the delay is spent sending the body
     */
    public record Answer(int status, String retryAfter, Duration delay, String location, boolean timesOut,
                         boolean trickles) {

        /** An answer that times out exactly when it has a delay, and waits before its status. */
        public Answer(int status, String retryAfter, Duration delay, String location) {
            this(status, retryAfter, delay, location, !delay.isZero(), false);
        }

        /** Answers {@code status}. */
        public static Answer status(int status) {
            return new Answer(status, null, Duration.ZERO, null);
        }

        /** Answers 429 with {@code Retry-After: seconds}. */
        public static Answer tooManyRequests(int seconds) {
            return new Answer(429, Integer.toString(seconds), Duration.ZERO, null);
        }

        /**
     * Waits {@code delay} before answering 200: longer than the sender's timeout, it is a timeout,
     * and the request is recorded as answered -1.
     */
        public static Answer hang(Duration delay) {
            return new Answer(200, null, delay, null);
        }

        /**
         * Waits {@code delay} before answering 200, within the sender's timeout: a slow receiver
         * that still takes every event, recorded as answered 200.
         */
        public static Answer slow(Duration delay) {
            return new Answer(200, null, delay, null, false, false);
        }

        /**
         * Answers 200 at once, then sends the body a byte every 50 ms for {@code duration} (or until
         * the sender goes away): an answer that takes longer than the sender's timeout although its
         * status came in time. Recorded as answered -1.
         */
        public static Answer trickle(Duration duration) {
            return new Answer(200, null, duration, null, true, true);
        }

        /** Answers a redirect to {@code location}. */
        public static Answer redirect(URI location) {
            return new Answer(302, null, Duration.ZERO, location.toString());
        }
    }

    private final HttpServer server;
    private final SignatureVerifier verifier;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final java.util.Map<String, Integer> sendersInFlight = new java.util.HashMap<>();
    private int maxSenders;
    private Answer always;

    /** Starts a receiver on a free port of 127.0.0.1 that verifies signatures with {@code secret}. */
    public WebhookReceiver(String secret) {
        this.verifier = new SignatureVerifier(secret);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The URL to subscribe, {@code http://127.0.0.1:<port>/hooks/<path>}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + path);
    }

    /** Queues answers for the next requests, in order. */
    public synchronized WebhookReceiver then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** Answers every request with {@code answer} until {@link #recover()}. */
    public synchronized WebhookReceiver always(Answer answer) {
        always = answer;
        return this;
    }

    /** Answers 200 again (after the queued answers). */
    public synchronized WebhookReceiver recover() {
        always = null;
        return this;
    }

    /** Every request received so far, in arrival order. */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests answered 2xx, in arrival order. */
    public synchronized List<Received> accepted() {
        return received.stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    /** How many requests are in flight now (being read, delayed or answered). */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * The most senders (by {@code user-agent}, which names the delivering dispatcher) that ever
     * had requests in flight at once. One dispatcher may have two: a request it gave up on at its
     * timeout can still be in the receiver's hands when it retries.
     */
    public int maxConcurrentSenders() {
        synchronized (sendersInFlight) {
            return maxSenders;
        }
    }

    /** The most requests that were ever in flight at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Waits up to {@code timeout} for {@code condition}; returns whether it came true. */
    public static boolean await(Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        String sender = String.valueOf(exchange.getRequestHeaders().getFirst("user-agent"));
        synchronized (sendersInFlight) {
            sendersInFlight.merge(sender, 1, Integer::sum);
            maxSenders = Math.max(maxSenders, sendersInFlight.size());
        }
        boolean released = false;
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            Answer answer;
            synchronized (this) {
                answer = script.isEmpty() ? (always != null ? always : Answer.status(200)) : script.poll();
            }
            if (answer.trickles()) {
                exchange.sendResponseHeaders(answer.status(), 0);
                trickle(exchange, answer.delay());
            } else if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (this) {
                received.add(new Received(Instant.now(), id, timestamp, signature,
                        verifier.verify(id, timestamp, signature, body), body,
                        answer.timesOut() ? -1 : answer.status()));
            }
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            if (answer.location() != null) {
                exchange.getResponseHeaders().add("Location", answer.location());
            }
            if (!answer.trickles()) {
                // The sender may post its next event as soon as it has this answer, before this thread
                // gets further: the request stops counting as in flight before the answer goes out.
                released = release(sender, released);
                exchange.sendResponseHeaders(answer.status(), -1);
            }
        } finally {
            release(sender, released);
            exchange.close();
        }
    }

    /** Stops counting one request of {@code sender} as in flight, once; returns true. */
    private boolean release(String sender, boolean released) {
        if (!released) {
            synchronized (sendersInFlight) {
                sendersInFlight.computeIfPresent(sender, (k, n) -> n == 1 ? null : n - 1);
            }
            inFlight.decrementAndGet();
        }
        return true;
    }

    /** Writes a byte every 50 ms for {@code duration}; stops early when the sender went away. */
    private static void trickle(HttpExchange exchange, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        try {
            while (System.nanoTime() < end) {
                exchange.getResponseBody().write('.');
                exchange.getResponseBody().flush();
                Thread.sleep(50);
            }
        } catch (IOException gone) {
            // the sender gave up: what the answer is for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
