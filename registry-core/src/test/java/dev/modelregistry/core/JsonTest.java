package dev.modelregistry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming reader and writer give what an ObjectMapper with its defaults gives, so journal hashes do not change. */
class JsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode tree() {
        ObjectNode o = Json.object();
        o.put("text", "a \"quoted\" \\ line\nwith\ttabs, \u0001 control, é, 𝄞 and \u2028");
        o.put("int", 42).put("negative", -7).put("long", 1L << 40).put("zero", 0.0).put("negativeZero", -0.0);
        o.put("double", 0.1).put("large", 1e300).put("small", 4.9e-324).put("float", 1.5f);
        o.put("big", new BigInteger("123456789012345678901234567890")).put("decimal", new BigDecimal("1.2300"));
        o.put("true", true).put("false", false).putNull("null");
        o.putObject("nested").putArray("list").add(1).add("two").addObject().put("three", 3.0);
        o.putArray("empty");
        o.putObject("emptyObject");
        return o;
    }

    @Test
    void writesTheTextAnObjectMapperWrites() throws Exception {
        assertThat(Json.write(tree())).isEqualTo(MAPPER.writeValueAsString(tree()));
        assertThat(Json.write(Json.array())).isEqualTo("[]");
    }

    @Test
    void readsTheTreeAnObjectMapperReads() throws Exception {
        List<String> texts = List.of(MAPPER.writeValueAsString(tree()), "{\"a\":1,\"a\":2}", "[1, 1.0, 1e5, -0, 2147483648,"
                + " 9223372036854775808, 12345678901234567890123, -1.5E-10, \"\\u00e9\\ud834\\udd1e\"]", "  7 ", "\"s\"",
                "null", "true", "{\"k\":[[],{}]}", "");
        for (String text : texts) {
            JsonNode expected = MAPPER.readTree(text);
            assertThat(Json.read(text)).as(text).isEqualTo(expected);
            assertThat(Json.read(text.getBytes(StandardCharsets.UTF_8))).as(text).isEqualTo(expected);
            assertThat(Json.read(text).getNodeType()).isEqualTo(expected.getNodeType());
        }
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String text : List.of("{", "{\"a\":}", "[1,", "nul", "{'a':1}", "\"unterminated")) {
            assertThatThrownBy(() -> Json.read(text)).as(text).isInstanceOf(JsonProcessingException.class);
        }
    }
}
