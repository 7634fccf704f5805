package dev.modelregistry.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.modelregistry.InvalidInputException;
import dev.modelregistry.search.Field;
import dev.modelregistry.search.Filter;
import dev.modelregistry.search.Order;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The opaque cursors of search pages: the ordering key values of the last version of a page and a
 * check digest over the search they belong to and those values, as URL-safe base64 of a small JSON
 * array. A cursor handed to another search, or altered without recomputing the digest, is refused
 * rather than silently paging something else. The digest is a check, not a secret: a cursor only ever
 * pages the caller's own query.
 */
final class SearchCursors {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int FORMAT = 1;

    private SearchCursors() {
    }

    static String encode(Filter filter, List<Order> order, List<Object> keys) {
        ArrayNode values = Json.array();
        for (Object key : keys) {
            if (key == null) {
                values.addNull();
            } else if (key instanceof String s) {
                values.add(s);
            } else if (key instanceof Double d) {
                values.add(d);
            } else if (key instanceof Long l) {
                values.add(l);
            } else {
                values.add(((Instant) key).toEpochMilli());
            }
        }
        ArrayNode array = Json.array().add(FORMAT).add(check(filter, order, values)).addAll(values);
        return ENCODER.encodeToString(array.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key values a cursor holds.
     *
     * @throws InvalidInputException if the cursor was not made by {@link #encode} for this filter and order
     */
    static List<Object> decode(String cursor, Filter filter, List<Order> order) {
        JsonNode array;
        try {
            array = Json.read(Base64.getUrlDecoder().decode(cursor));
        } catch (IOException | IllegalArgumentException e) {
            throw refused(cursor, "is not a search cursor");
        }
        if (array == null || !array.isArray() || array.size() != order.size() + 2 || array.get(0).asInt() != FORMAT) {
            throw refused(cursor, "is not a search cursor");
        }
        ArrayNode values = Json.array();
        for (int i = 2; i < array.size(); i++) {
            values.add(array.get(i));
        }
        if (!array.get(1).asText().equals(check(filter, order, values))) {
            throw refused(cursor, "belongs to another search (same filter and order needed) or was altered");
        }
        List<Object> keys = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            keys.add(value(array.get(i + 2), order.get(i).field(), cursor));
        }
        return keys;
    }

    private static Object value(JsonNode node, Field field, String cursor) {
        if (node.isNull()) {
            return null;
        }
        boolean fits = switch (field.kind().type()) {
            case TEXT -> node.isTextual();
            case NUMBER -> node.isNumber() && Double.isFinite(node.asDouble());
            case INTEGER, TIME -> node.isIntegralNumber() && node.canConvertToLong();
        };
        if (!fits) {
            throw refused(cursor, "holds a value that does not fit " + field);
        }
        return switch (field.kind().type()) {
            case TEXT -> node.asText();
            case NUMBER -> node.asDouble();
            case INTEGER -> node.asLong();
            case TIME -> Instant.ofEpochMilli(node.asLong());
        };
    }

    private static String check(Filter filter, List<Order> order, ArrayNode values) {
        byte[] text = (filter + "\n" + order + "\n" + values).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(Digests.sha256().digest(text), 0, 8);
    }

    private static InvalidInputException refused(String cursor, String reason) {
        return new InvalidInputException("search cursor", cursor, reason);
    }
}
