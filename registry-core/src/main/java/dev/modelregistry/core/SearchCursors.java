package dev.modelregistry.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The opaque cursors of search pages: the ordering key values of the last version of a page, with a
 * fingerprint of the search they belong to, as URL-safe base64 of a small JSON array. A cursor handed
 * to another search, or altered, is refused rather than silently paging something else.
 */
final class SearchCursors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int FORMAT = 1;

    private SearchCursors() {
    }

    static String encode(Filter filter, List<Order> order, List<Object> keys) {
        ArrayNode array = JSON.createArrayNode().add(FORMAT).add(fingerprint(filter, order));
        for (Object key : keys) {
            if (key == null) {
                array.addNull();
            } else if (key instanceof String s) {
                array.add(s);
            } else if (key instanceof Double d) {
                array.add(d);
            } else if (key instanceof Long l) {
                array.add(l);
            } else {
                array.add(((Instant) key).toEpochMilli());
            }
        }
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
            array = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (IOException | IllegalArgumentException e) {
            throw refused(cursor, "is not a search cursor");
        }
        if (array == null || !array.isArray() || array.size() != order.size() + 2 || array.get(0).asInt() != FORMAT
                || !array.get(1).asText().equals(fingerprint(filter, order))) {
            throw refused(cursor, "belongs to another search (same filter and order needed)");
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
            case NUMBER -> node.isNumber();
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

    private static String fingerprint(Filter filter, List<Order> order) {
        byte[] text = (filter + "\n" + order).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(Digests.sha256().digest(text), 0, 8);
    }

    private static InvalidInputException refused(String cursor, String reason) {
        return new InvalidInputException("search cursor", cursor, reason);
    }
}
