package dev.modelregistry.events;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The public form of one journal entry: a CloudEvents 1.0 event, written in JSON structured mode
 * by {@link #toJson()}. docs/EVENTS.md lists every type and its data.
 *
 * @param sequence the journal sequence; the event's {@code id} is its decimal text
 * @param source   the registry's id, a URI reference ({@code source})
 * @param type     {@value #TYPE_PREFIX} followed by the journal operation, such as
 *                 {@code dev.modelregistry.version.stage_changed}
 * @param time     when the change was made
 * @param model    the model it happened to; empty for a change of the registry itself (a webhook,
 *                 the lifecycle)
 * @param version  the version it happened to, or 0
 * @param data     what changed, a JSON object: {@code model}, {@code version}, {@code principal},
 *                 {@code requestId}, then the journal entry's details
 */
public record RegistryEvent(long sequence, String source, String type, Instant time, String model, int version,
                            String data) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    /** Every event type starts with this. */
    public static final String TYPE_PREFIX = "dev.modelregistry.";

    public RegistryEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
    }

    /** The CloudEvents {@code id}: the journal sequence as text, unique within the source. */
    public String id() {
        return Long.toString(sequence);
    }

    /** The journal operation this event reports, such as {@code version.registered}. */
    public String operation() {
        return type.substring(TYPE_PREFIX.length());
    }

    /**
     * The CloudEvents {@code subject}: {@code model@version}, the model name for a change of the
     * model itself, or empty for a change of the registry (then the attribute is left out).
     */
    public String subject() {
        return version == 0 ? model : model + "@" + version;
    }

    /**
     * The event in CloudEvents JSON structured mode ({@code application/cloudevents+json}):
     * {@code specversion}, {@code id}, {@code source}, {@code type}, {@code time} (RFC 3339, UTC,
     * milliseconds), {@code subject} when there is one, {@code datacontenttype} and {@code data}.
     */
    public String toJson() {
        StringBuilder json = new StringBuilder(data.length() + 256);
        json.append("{\"specversion\":\"1.0\",\"id\":\"").append(sequence).append('"');
        field(json, "source", source);
        field(json, "type", type);
        field(json, "time", TIME.format(time));
        if (!subject().isEmpty()) {
            field(json, "subject", subject());
        }
        field(json, "datacontenttype", "application/json");
        return json.append(",\"data\":").append(data).append('}').toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
