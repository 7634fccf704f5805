package dev.modelregistry.core;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.events.Webhook;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a webhook subscription may be (docs/WEBHOOKS.md): a name, an http(s) URL without
 * credentials that does not name a loopback, link-local or private address unless the
 * subscription allows it, a {@code whsec_} secret, known event types and model patterns.
 */
final class WebhookRules {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern MODEL_PATTERN = Pattern.compile("[A-Za-z0-9._/*-]{1,200}");
    static final int URL_LENGTH = 2048;
    private static final int PATTERNS = 50;

    private WebhookRules() {
    }

    /** Checks a subscription as {@code createWebhook} and {@code updateWebhook} take it. */
    static Webhook check(Webhook webhook) {
        name(webhook.name());
        url(webhook.url(), webhook.allowPrivateAddresses());
        secret(webhook.secret());
        for (String type : webhook.eventTypes()) {
            if (!Events.TYPES.contains(type)) {
                throw new InvalidInputException("event type", type, "is not one of " + Events.TYPES);
            }
        }
        if (webhook.models().size() > PATTERNS) {
            throw new InvalidInputException("model patterns", Integer.toString(webhook.models().size()),
                    "more than " + PATTERNS);
        }
        for (String pattern : webhook.models()) {
            if (!MODEL_PATTERN.matcher(pattern).matches()) {
                throw new InvalidInputException("model pattern", pattern,
                        "must be 1 to 200 characters of letters, digits, . _ / - and *");
            }
        }
        return webhook;
    }

    static String name(String name) {
        return name("webhook name", name);
    }

    /** Checks the name of a webhook or a sink: what its consumer name is made of. */
    static String name(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(field, name,
                    "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    /** The secret's key bytes. */
    static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.substring(Webhook.SECRET_PREFIX.length()));
    }

    private static void secret(String secret) {
        if (!secret.startsWith(Webhook.SECRET_PREFIX)) {
            throw new InvalidInputException("webhook secret", "(hidden)", "must start with " + Webhook.SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = key(secret);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("webhook secret", "(hidden)", "is not base64 after the prefix");
        }
        if (key.length < 24 || key.length > 64) {
            throw new InvalidInputException("webhook secret", "(hidden)",
                    "must hold 24 to 64 bytes, not " + key.length);
        }
    }

    static void url(URI url, boolean allowPrivate) {
        String text = url.toString();
        if (text.length() > URL_LENGTH) {
            throw new InvalidInputException("webhook URL", text.substring(0, 80) + "…", "longer than " + URL_LENGTH);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException("webhook URL", text, "must be an http or https URL");
        }
        if (url.getRawUserInfo() != null) {
            throw new InvalidInputException("webhook URL", scheme + "://(credentials)@" + url.getHost(),
                    "must not hold credentials; sign with the secret instead");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new InvalidInputException("webhook URL", text, "has no host");
        }
        if (url.getRawFragment() != null) {
            throw new InvalidInputException("webhook URL", text, "must not have a fragment");
        }
        if (!allowPrivate) {
            checkPublic(url);
        }
    }

    /**
     * Refuses a URL whose host is, or resolves to, an address that is not public. Checked when the
     * subscription is stored and again before every delivery, since a name may resolve elsewhere
     * later. A name that does not resolve (yet) passes: delivering to it fails and is retried.
     */
    static void checkPublic(URI url) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            return;
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new InvalidInputException("webhook URL", url.toString(), "resolves to "
                        + address.getHostAddress() + ", a loopback, link-local or private address; create the "
                        + "subscription with private addresses allowed if that is meant");
            }
        }
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            int third = b[2] & 0xff;
            return first != 0 && first < 224
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && !(first == 192 && second == 0 && (third == 0 || third == 2)) // IETF, TEST-NET-1
                    && !(first == 198 && second == 51 && third == 100) // TEST-NET-2
                    && !(first == 203 && second == 0 && third == 113); // TEST-NET-3
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc || (first == 0xfe && (b[1] & 0xc0) == 0xc0)) { // unique local, site-local
                return false;
            }
            // IPv6 forms that carry an IPv4 address: judged by that address
            if (first == 0x20 && (b[1] & 0xff) == 0x02) { // 6to4 2002:a.b.c.d::/48
                return isPublic(v4(b, 2));
            }
            if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) { // ::ffff:a.b.c.d
                return isPublic(v4(b, 12));
            }
            if (zeros(b, 0, 12)) { // ::a.b.c.d (deprecated IPv4-compatible)
                return isPublic(v4(b, 12));
            }
            if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && zeros(b, 4, 12)) { // NAT64 64:ff9b::a.b.c.d
                return isPublic(v4(b, 12));
            }
        }
        return true;
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress v4(byte[] b, int at) {
        try {
            return InetAddress.getByAddress(new byte[] {b[at], b[at + 1], b[at + 2], b[at + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    /** Scheme, host and port of a URL: what may be shown where its path (which may hold a token) may not. */
    static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }
}
