package dev.modelregistry.events;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A webhook subscription: where to post which events, and the secret that signs them (Standard
 * Webhooks). Create one with {@link #to(String, URI)} and change it with the {@code with} methods;
 * {@link Deliveries#createWebhook} checks it and stores it.
 *
 * @param name                  identifies the subscription: 1 to 64 characters of {@code [A-Za-z0-9._-]}
 * @param url                   an {@code http} or {@code https} URL without user information
 * @param secret                {@code whsec_} followed by the base64 of 24 to 64 random bytes
 * @param eventTypes            the event types to deliver, such as
 *                              {@code dev.modelregistry.version.stage_changed}; empty for every type
 * @param models                model name patterns, {@code *} matching any run of characters
 *                              ({@code fraud-*}); empty for every model. A change of the registry
 *                              itself (empty model name) matches only an empty pattern list
 * @param enabled               whether events are delivered; a disabled subscription keeps its
 *                              cursor and goes on from it when enabled again
 * @param allowPrivateAddresses whether the URL may name a loopback, link-local or private address
 *                              (refused otherwise; see docs/WEBHOOKS.md)
 */
public record Webhook(String name, URI url, String secret, Set<String> eventTypes, List<String> models,
                      boolean enabled, boolean allowPrivateAddresses) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Every secret starts with this. */
    public static final String SECRET_PREFIX = "whsec_";

    public Webhook {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        eventTypes = Set.copyOf(eventTypes);
        models = List.copyOf(models);
    }

    /** An enabled subscription to every event, with a fresh random secret. */
    public static Webhook to(String name, URI url) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new Webhook(name, url, SECRET_PREFIX + Base64.getEncoder().encodeToString(key), Set.of(), List.of(),
                true, false);
    }

    /** This subscription with another URL. */
    public Webhook withUrl(URI url) {
        return new Webhook(name, url, secret, eventTypes, models, enabled, allowPrivateAddresses);
    }

    /** This subscription with another secret. */
    public Webhook withSecret(String secret) {
        return new Webhook(name, url, secret, eventTypes, models, enabled, allowPrivateAddresses);
    }

    /** This subscription delivering only these event types (none: every type). */
    public Webhook withEventTypes(String... eventTypes) {
        return new Webhook(name, url, secret, Set.of(eventTypes), models, enabled, allowPrivateAddresses);
    }

    /** This subscription delivering only events of models matching one of these patterns (none: every model). */
    public Webhook withModels(String... models) {
        return new Webhook(name, url, secret, eventTypes, List.of(models), enabled, allowPrivateAddresses);
    }

    /** This subscription enabled or disabled. */
    public Webhook withEnabled(boolean enabled) {
        return new Webhook(name, url, secret, eventTypes, models, enabled, allowPrivateAddresses);
    }

    /** This subscription allowed, or not, to post to loopback and private addresses. */
    public Webhook withPrivateAddressesAllowed(boolean allowed) {
        return new Webhook(name, url, secret, eventTypes, models, enabled, allowed);
    }

    /** Whether this subscription delivers {@code event}: its type and model match, and it is enabled. */
    public boolean matches(RegistryEvent event) {
        if (!enabled || !eventTypes.isEmpty() && !eventTypes.contains(event.type())) {
            return false;
        }
        return models.isEmpty() || models.stream().anyMatch(p -> glob(p, event.model()));
    }

    /** {@code *} matches any run of characters; linear in the lengths (no backtracking blow-up). */
    private static boolean glob(String pattern, String name) {
        if (name.isEmpty()) {
            return false;
        }
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** The subscription without its secret, and its URL without its path, which may hold a token. */
    @Override
    public String toString() {
        return "Webhook[" + name + " -> " + url.getScheme() + "://" + url.getRawAuthority() + "/…, types=" + eventTypes + ", models=" + models + ", enabled="
                + enabled + ", allowPrivateAddresses=" + allowPrivateAddresses + "]";
    }
}
