package dev.modelregistry.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver as a deployment pipeline would write one, with the JDK only: it checks each
 * request's Standard Webhooks signature (any Standard Webhooks library does the same), drops
 * events it has seen (delivery is at least once), and prints the rest. Run it with a port and the
 * subscription's secret: {@code java ... WebhookReceiverExample 8080 whsec_...}.
 */
public final class WebhookReceiverExample implements AutoCloseable {

    private static final long TOLERANCE_SECONDS = 300;

    private final HttpServer server;
    private final byte[] key;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Consumer<String> onEvent;

    /**
     * Starts a receiver on 127.0.0.1.
     *
     * @param port    the port, 0 for any free one
     * @param secret  the subscription's secret, {@code whsec_} and base64
     * @param onEvent called with the body of each new, verified event
     * @throws IOException if the port cannot be bound
     */
    public WebhookReceiverExample(int port, String secret, Consumer<String> onEvent) throws IOException {
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        this.onEvent = onEvent;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The port the receiver listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            if (!verified(id, timestamp, signatures, body)) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (seen.add(id)) {
                onEvent.accept(body);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** {@code webhook-signature} holds space-separated {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>}. */
    private boolean verified(String id, String timestamp, String signatures, String body) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            if (Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String signature : signatures.split(" ")) {
                if (signature.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (NumberFormatException | GeneralSecurityException e) {
            return false;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Receives and prints events until killed.
     *
     * @param args the port and the secret
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: WebhookReceiverExample <port> <whsec_secret>");
            System.exit(2);
        }
        WebhookReceiverExample receiver = new WebhookReceiverExample(Integer.parseInt(args[0]), args[1],
                System.out::println);
        System.out.println("listening on http://127.0.0.1:" + receiver.port() + "/");
    }
}
