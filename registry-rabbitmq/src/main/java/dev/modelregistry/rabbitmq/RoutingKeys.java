package dev.modelregistry.rabbitmq;

import dev.modelregistry.events.RegistryEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The routing key of an event: {@code <operation>.<model>}, such as
 * {@code version.stage_changed.fraud-detector}.
 *
 * <ul>
 *   <li>{@code <operation>} is the event type without {@value RegistryEvent#TYPE_PREFIX}: two words,
 *       the entity and what happened ({@code version.registered}, {@code alias.set}). A type without
 *       that prefix is used whole.</li>
 *   <li>{@code <model>} is one word: the model name with every character other than ASCII letters,
 *       digits, {@code -}, {@code _} and {@code /} written as {@code %XX} per UTF-8 byte (upper-case
 *       hex), so {@code fraud.v2} becomes {@code fraud%2Ev2}, while {@code risk/fraud} stays as it is;
 *       a change of the registry itself (no model) has the word {@code _}, which no model name can be
 *       (names start with a letter or digit).</li>
 *   <li>A key longer than AMQP's 255 bytes (only a model name of well over a hundred characters,
 *       most of them dots, gets there) keeps as much of the escaped name as fits, cut between
 *       escapes, followed by {@code ~} and the first 8 hex digits of the SHA-256 of the model name;
 *       {@code ~} appears in no other key, because it is escaped everywhere else.</li>
 * </ul>
 *
 * <p>So every key has exactly three words for the registry's types, and binding keys such as
 * {@code version.stage_changed.#}, {@code *.*.fraud-detector} or {@code version.#} are well-formed.
 * Stateless.
 */
final class RoutingKeys {

    /** AMQP's limit on a short string, which a routing key is. */
    static final int MAX_BYTES = 255;

    /** The model word of an event that belongs to no model. */
    static final String NO_MODEL = "_";

    private static final int HASH_SUFFIX = 1 + 8;

    private RoutingKeys() {
    }

    /** The routing key of {@code event}; see the class comment. */
    static String of(RegistryEvent event) {
        String type = event.type();
        String operation = type.startsWith(RegistryEvent.TYPE_PREFIX) ? event.operation() : type;
        String model = event.model().isEmpty() ? NO_MODEL : escape(event.model());
        String key = operation + "." + model;
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= MAX_BYTES) {
            return key;
        }
        int room = MAX_BYTES - (bytes - model.length()) - HASH_SUFFIX;
        if (room < 0) {
            throw new IllegalArgumentException("event type " + type + " is too long for a routing key");
        }
        int cut = room;
        // the escaped name is ASCII, so one char is one byte; do not split a %XX escape
        if (cut >= 1 && model.charAt(cut - 1) == '%') {
            cut -= 1;
        } else if (cut >= 2 && model.charAt(cut - 2) == '%') {
            cut -= 2;
        }
        return operation + "." + model.substring(0, cut) + "~" + sha256Prefix(event.model());
    }

    /** The model name as one routing-key word; see the class comment. */
    static String escape(String model) {
        StringBuilder out = null;
        for (int i = 0; i < model.length(); i++) {
            char c = model.charAt(i);
            if (plain(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(model.length() + 16).append(model, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < model.length() ? i + 2 : i + 1;
            for (byte b : model.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
            i = end - 1;
        }
        return out == null ? model : out.toString();
    }

    private static boolean plain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '/';
    }

    private static String sha256Prefix(String model) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(model.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
