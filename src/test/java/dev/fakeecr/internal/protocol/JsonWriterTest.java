package dev.fakeecr.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The answer writer against {@link Json#MAPPER}, which stays the definition: for generated trees (every node
 * kind the fake builds, strings with quotes, controls, non-ASCII and lone or paired surrogates, decimals in
 * exponent form, and the kinds it leaves to Jackson) both write the same bytes.
 */
class JsonWriterTest {
    private static final JsonNodeFactory NODES = new JsonNodeFactory(true);
    private final Random random = new Random(21);

    @Test
    void writesEveryGeneratedTreeByteForByteAsJackson() throws Exception {
        int written = 0;
        for (int i = 0; i < 20_000; i++) {
            JsonNode tree = random.nextInt(10) == 0 ? value(3) : object(3);

            byte[] expected = Json.MAPPER.writeValueAsBytes(tree);
            byte[] actual = JsonWriter.bytes(tree);

            assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(actual).isEqualTo(expected);
            boolean leftToJackson = holdsKindLeftToJackson(tree);
            assertThat(JsonWriter.ownBytes(tree)).as("written without Jackson").isEqualTo(leftToJackson ? null : expected);
            written += leftToJackson ? 0 : 1;
        }
        assertThat(written).as("most trees are the writer's own").isGreaterThan(5_000);
    }

    private static boolean holdsKindLeftToJackson(JsonNode node) {
        if (node.isDouble() || node.isBinary()) {
            return true;
        }
        for (JsonNode child : node) {
            if (holdsKindLeftToJackson(child)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void escapesAsJacksonDoes() throws Exception {
        ObjectNode tree = NODES.objectNode().put("q\"b\\", "\u0000\b\t\n\f\r\u001f\u007f é € \uD83D\uDE00 \uDC00");

        assertThat(new String(JsonWriter.bytes(tree), StandardCharsets.UTF_8)).isEqualTo(
                "{\"q\\\"b\\\\\":\"\\u0000\\b\\t\\n\\f\\r\\u001F\u007f é € \\uD83D\\uDE00 \\uDC00\"}");
    }

    @Test
    void aLongManifestEscapedThroughoutGrowsTheOutputAsItGoes() throws Exception {
        String quotes = "\"".repeat(10_000) + "€".repeat(10_000);
        ObjectNode tree = NODES.objectNode().put("imageManifest", quotes);

        assertThat(JsonWriter.bytes(tree)).isEqualTo(Json.MAPPER.writeValueAsBytes(tree));
    }

    @Test
    void aLiteralIsWrittenAsTheRequestSpelledItAndJacksonWritesItsText() throws Exception {
        byte[] body = "{\"m\":\"a\\/b \\u0041\"}".getBytes(StandardCharsets.US_ASCII);
        EscapedString literal = new EscapedString("a/b A", body, 6, 17);
        ObjectNode tree = NODES.objectNode();
        tree.putPOJO("imageManifest", literal);

        assertThat(new String(JsonWriter.bytes(tree), StandardCharsets.US_ASCII))
                .isEqualTo("{\"imageManifest\":\"a\\/b \\u0041\"}");
        tree.put("left to Jackson", 1.5);
        assertThat(Json.MAPPER.readTree(JsonWriter.bytes(tree)).get("imageManifest").asText()).isEqualTo("a/b A");
    }

    private ObjectNode object(int depth) {
        ObjectNode node = NODES.objectNode();
        int members = random.nextInt(5);
        for (int i = 0; i < members; i++) {
            node.set(string(), depth == 0 ? leaf() : value(depth - 1));
        }
        return node;
    }

    private JsonNode value(int depth) {
        return switch (depth == 0 ? 2 : random.nextInt(4)) {
            case 0 -> object(depth);
            case 1 -> {
                ArrayNode array = NODES.arrayNode();
                int items = random.nextInt(4);
                for (int i = 0; i < items; i++) {
                    array.add(value(depth - 1));
                }
                yield array;
            }
            default -> leaf();
        };
    }

    private JsonNode leaf() {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.numberNode(random.nextInt());
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode((short) random.nextInt());
            case 3 -> NODES.numberNode(BigDecimal.valueOf(random.nextLong(), random.nextInt(20) - 10));
            case 4 -> NODES.numberNode(new BigDecimal("1E+3"));
            case 5 -> NODES.numberNode(new BigInteger(100, random));
            case 6 -> NODES.booleanNode(random.nextBoolean());
            case 7 -> NODES.nullNode();
            case 8 -> NODES.numberNode(random.nextDouble() * 1e6); // left to Jackson
            case 9 -> NODES.binaryNode(new byte[] {1, 2, 3}); // left to Jackson
            default -> NODES.textNode(string());
        };
    }

    private String string() {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(switch (random.nextInt(9)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> '"';
                case 2 -> '\\';
                case 3 -> (char) (0x80 + random.nextInt(0x780));
                case 4 -> (char) (0x800 + random.nextInt(0xD000));
                case 5 -> (char) (0xD800 + random.nextInt(0x800)); // a surrogate, paired or not
                case 6 -> (char) (0xE000 + random.nextInt(0x2000));
                default -> (char) (0x20 + random.nextInt(0x60));
            });
        }
        return text.toString();
    }
}
