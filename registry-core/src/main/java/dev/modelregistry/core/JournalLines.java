package dev.modelregistry.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The JSON-lines form of journal entries that an export writes and {@link AuditVerifier} reads
 * (docs/JOURNAL.md, "Exporting and verifying"): one object per line with the fields {@link #FIELDS},
 * {@code at} as {@link Instant#toString()} and {@code details} as a JSON string holding the entry's
 * details byte for byte, because the hash covers that exact text. Stateless and thread-safe.
 */
final class JournalLines {

    /** The fields of a line, in the order they are written. */
    static final List<String> FIELDS = List.of("sequence", "at", "principal", "operation", "model", "version",
            "details", "requestId", "previousHash", "hash");


    private JournalLines() {
    }

    /** The line of {@code e}, UTF-8, ending with {@code '\n'}. */
    static byte[] line(JournalEntry e) {
        ObjectNode line = Json.object()
                .put("sequence", e.sequence())
                .put("at", e.at().toString())
                .put("principal", e.principal())
                .put("operation", e.operation())
                .put("model", e.model())
                .put("version", e.version())
                .put("details", e.details())
                .put("requestId", e.requestId())
                .put("previousHash", e.previousHash())
                .put("hash", e.hash());
        try {
            return (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", ex);
        }
    }

    /**
     * The entry a line holds, as written, without checking its hash.
     *
     * @throws MalformedLineException if the line is not a JSON object with every field of the right type
     */
    static JournalEntry parse(String text) {
        JsonNode line;
        try {
            line = Json.read(text);
        } catch (JsonProcessingException e) {
            throw new MalformedLineException("not JSON: " + e.getOriginalMessage());
        }
        if (line == null || !line.isObject()) {
            throw new MalformedLineException("not a JSON object");
        }
        Instant at;
        try {
            at = Instant.parse(text(line, "at"));
        } catch (DateTimeParseException e) {
            throw new MalformedLineException("field \"at\" is not an ISO-8601 instant: " + line.get("at"));
        }
        long version = number(line, "version");
        if (version < 0 || version > Integer.MAX_VALUE) {
            throw new MalformedLineException("field \"version\" is out of range: " + version);
        }
        return new JournalEntry(number(line, "sequence"), at, text(line, "principal"), text(line, "operation"),
                text(line, "model"), (int) version, text(line, "details"), text(line, "requestId"),
                text(line, "previousHash"), text(line, "hash"));
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = present(line, field);
        if (!value.isTextual()) {
            throw new MalformedLineException("field \"" + field + "\" is not a string");
        }
        return value.textValue();
    }

    private static long number(JsonNode line, String field) {
        JsonNode value = present(line, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new MalformedLineException("field \"" + field + "\" is not a whole number");
        }
        return value.longValue();
    }

    private static JsonNode present(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedLineException("field \"" + field + "\" is missing");
        }
        return value;
    }

    /** A line that does not hold an entry; the message says why. */
    static final class MalformedLineException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MalformedLineException(String message) {
            super(message);
        }
    }
}
