package dev.modelregistry.core;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.events.EventSink;
import dev.modelregistry.events.RegistryEvent;
import dev.modelregistry.events.SendResult;
import dev.modelregistry.events.Webhook;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts events to one webhook subscription, signed as the Standard Webhooks specification says:
 * headers {@code webhook-id} (the event id, the same on every retry), {@code webhook-timestamp}
 * (epoch seconds of this attempt) and {@code webhook-signature} ({@code v1,} and the base64 of
 * HMAC-SHA256 over {@code id.timestamp.body} keyed with the secret's bytes). Redirects are not
 * followed. Reads the subscription afresh for every event, so an updated URL or secret applies at
 * once. Called by one thread at a time.
 */
final class WebhookSink implements EventSink {

    private final String name;
    private final Supplier<Webhook> webhook;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final ScheduledExecutorService alarms;
    private final String dispatcher;

    WebhookSink(String name, Supplier<Webhook> webhook, HttpClient http, Duration timeout, Clock clock,
                ScheduledExecutorService alarms, String dispatcher) {
        this.alarms = alarms;
        this.dispatcher = dispatcher;
        this.name = name;
        this.webhook = webhook;
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(RegistryEvent event) {
        Webhook hook = webhook.get();
        if (!hook.allowPrivateAddresses()) {
            try {
                WebhookRules.checkPublic(hook.url());
            } catch (InvalidInputException e) {
                return SendResult.retry(0, WebhookRules.origin(hook.url())
                        + " now resolves to a loopback, link-local or private address; not sent", null);
            }
        }
        String body = event.toJson();
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(hook.url())
                .timeout(timeout)
                .header("content-type", "application/cloudevents+json; charset=utf-8")
                .header("user-agent", "model-registry-webhooks/1 (dispatcher " + dispatcher + ")")
                .header("webhook-id", event.id())
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1," + sign(WebhookRules.key(hook.secret()), event.id(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        // The request timeout of the HTTP client ends with the status line; a body that trickles in
        // would keep the attempt going past the lease, while another dispatcher sends the event. So
        // an alarm interrupts the send (which cancels the request) at the timeout. The interrupt can
        // only reach this thread while it is in the send: the flag is cleared under the same lock.
        Thread sender = Thread.currentThread();
        boolean[] sending = {true};
        ScheduledFuture<?> alarm = alarms.schedule(() -> {
            synchronized (sending) {
                if (sending[0]) {
                    sender.interrupt();
                }
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return result(http.send(request, BoundedBody.handler()), clock.instant());
        } catch (HttpTimeoutException | InterruptedException e) {
            return SendResult.retry(0, "timed out after " + timeout.toMillis() + " ms", null);
        } catch (IOException e) {
            return SendResult.retry(0, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } finally {
            synchronized (sending) {
                sending[0] = false;
            }
            alarm.cancel(false);
            Thread.interrupted();
        }
    }

    /** What a receiver's answer means: 2xx delivered; 408, 429 and 5xx retried; anything else refused. */
    static SendResult result(HttpResponse<String> response, Instant now) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return SendResult.delivered(status);
        }
        String error = "HTTP " + status + excerpt(response.body());
        if (status == 408 || status == 429 || status >= 500) {
            Duration retryAfter = response.headers().firstValue("retry-after").map(v -> retryAfter(v, now))
                    .orElse(null);
            return SendResult.retry(status, error, retryAfter);
        }
        if (status >= 300 && status < 400) {
            return SendResult.refused(status, error + " (redirects are not followed; subscribe the final URL)");
        }
        return SendResult.refused(status, error);
    }

    /** A {@code Retry-After} value in seconds or as an HTTP date; null if it is neither. */
    static Duration retryAfter(String value, Instant now) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine);
    }

    /** The base64 HMAC-SHA256 of {@code id.timestamp.body}. */
    static String sign(byte[] key, String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    @Override
    public void close() {
        // the HTTP client is the dispatcher's
    }
}
