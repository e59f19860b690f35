package dev.fakeecr.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.internal.Json;
import dev.fakeecr.registry.EcrError;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming request body reader against what the protocol did before it, which stays the definition: a
 * Jackson tree read with the same bounds, converted to plain values. For generated bodies (nesting, repeated
 * members, floats with trailing zeros, huge numbers, escapes, nulls, other roots, trailing or cut text) both
 * give the same members, or the same refusal.
 */
class RequestBodyTest {
    private static final ObjectMapper TREE = new ObjectMapper(Json.boundedFactory(RequestBody.MAX_DEPTH,
            RequestBody.MAX_TOKENS)).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Random random = new Random(11);

    @Test
    void readsEveryGeneratedBodyAsTheTreeDid() {
        int objects = 0;
        for (int i = 0; i < 20_000; i++) {
            String body = body();
            Object expected = tree(body);
            Object actual = streamed(body);

            assertThat(actual).as(body).isEqualTo(expected);
            objects += expected instanceof Map ? 1 : 0;
        }
        assertThat(objects).as("most bodies are objects that read").isGreaterThan(10_000);
    }

    @Test
    void aFloatKeepsNoTrailingZerosAndTheMembersAreReadOnly() {
        Map<String, Object> members = RequestBody.read("{\"a\":1.50,\"b\":[10.0],\"c\":{\"d\":1}}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(members.get("a")).isEqualTo(new BigDecimal("1.5"));
        assertThat(members.get("b")).isEqualTo(List.of(new BigDecimal("1E+1")));
        assertThat(members).isUnmodifiable();
        assertThat((Map<?, ?>) members.get("c")).isUnmodifiable();
    }

    @Test
    void keepsTheLiteralOfLongTopLevelStringsExactlyAsTheBodySpellsThem() throws IOException {
        int kept = 0;
        for (int i = 0; i < 5_000; i++) {
            Map<String, Boolean> expected = new LinkedHashMap<>();
            String body = bodyWithLongStrings(expected);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Map<String, EscapedString> literals = new java.util.HashMap<>();

            Map<String, Object> members = RequestBody.read(bytes, literals);

            assertThat(members).as(body).isEqualTo(RequestBody.read(bytes));
            for (Map.Entry<String, EscapedString> entry : literals.entrySet()) {
                EscapedString literal = entry.getValue();
                String spelled = new String(bytes, literal.from(), literal.to() - literal.from(), StandardCharsets.US_ASCII);
                assertThat(literal.body()).isSameAs(bytes);
                assertThat(members.get(entry.getKey())).as(body).isSameAs(literal.text());
                assertThat(Json.MAPPER.readValue("\"" + spelled + "\"", String.class)).as(body).isEqualTo(literal.text());
                kept++;
            }
            expected.values().removeIf(literal -> !literal);
            assertThat(literals.keySet()).as(body).isEqualTo(expected.keySet());
        }
        assertThat(kept).as("many bodies have a long ASCII string").isGreaterThan(1_000);
    }

    /**
     * An object of a few top-level members, long strings among them; {@code literal} says for each member whether
     * its last value is a long string spelled in ASCII.
     */
    private String bodyWithLongStrings(Map<String, Boolean> literal) {
        StringBuilder body = new StringBuilder(random.nextInt(4) == 0 ? "\uFEFF {" : "{");
        int members = 1 + random.nextInt(4);
        for (int m = 0; m < members; m++) {
            if (m > 0) {
                body.append(random.nextBoolean() ? "," : " ,\n ");
            }
            String name = pick("imageManifest", "imageTag", "other");
            body.append('"').append(name).append("\":");
            if (random.nextInt(3) == 0) {
                body.append(pick("1", "\"t\"", "[\"x\"]", "{\"a\":\"b\"}", "null", "\"\\u0041\""));
                literal.put(name, false);
                continue;
            }
            body.append('"');
            int tokens = RequestBody.LITERAL_LENGTH - 20 + random.nextInt(60);
            int decoded = 0;
            boolean ascii = true;
            boolean rawUtf8 = random.nextInt(3) == 0; // some strings spell a character in UTF-8, not as an escape
            for (int i = 0; i < tokens; i++) {
                String token = pick("a", "{", "\\\"", "\\\\", "\\/", "\\u0041", "\\n", "é", "\\u00e9", " ",
                        "\\ud83d\\ude00");
                token = token.equals("é") && !rawUtf8 ? "a" : token;
                body.append(token);
                decoded += token.endsWith("\\ude00") ? 2 : 1;
                ascii &= !token.equals("é");
            }
            body.append('"');
            literal.put(name, ascii && decoded >= RequestBody.LITERAL_LENGTH);
        }
        return body.append('}').toString();
    }

    private static Object streamed(String body) {
        try {
            return RequestBody.read(body.getBytes(StandardCharsets.UTF_8));
        } catch (EcrError e) {
            return e.code() + ": " + e.getMessage();
        }
    }

    /** The protocol's reading before the streaming reader, refusals included. */
    @SuppressWarnings("unchecked")
    private static Object tree(String body) {
        if (body.isEmpty()) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = TREE.readTree(body.getBytes(StandardCharsets.UTF_8));
        } catch (StreamConstraintsException e) {
            return "SERIALIZATION: fake-ecr: the request body's JSON is beyond the fake's bounds ("
                    + RequestBody.MAX_DEPTH + " levels of nesting, " + RequestBody.MAX_TOKENS + " tokens): "
                    + e.getOriginalMessage();
        } catch (IOException | NumberFormatException e) { // the tree let NumberFormatException out: a 500, now fixed
            return new EcrError(dev.fakeecr.registry.ErrorCode.SERIALIZATION, null).code() + ": "
                    + new EcrError(dev.fakeecr.registry.ErrorCode.SERIALIZATION, null).getMessage();
        }
        if (node == null || !node.isObject()) {
            return "SERIALIZATION: Start of structure or map expected.";
        }
        return TREE.convertValue(node, LinkedHashMap.class);
    }

    private String body() {
        String json = random.nextInt(10) == 0 ? value(0) : object(0);
        switch (random.nextInt(25)) {
            case 0 -> json += " x";
            case 1 -> json += "}";
            case 2 -> json = json.substring(0, random.nextInt(json.length() + 1));
            case 3 -> json = "\n" + json + " ";
            case 4 -> json = "[".repeat(40) + "]".repeat(40);
            case 5 -> json = "{\"a\":" + "[".repeat(35) + "]".repeat(35) + "}";
            default -> { }
        }
        return json;
    }

    private String object(int depth) {
        List<String> members = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            members.add("\"" + pick("repositoryName", "imageIds", "maxResults", "a", "a", "\\u00e9", "") + "\":" + value(depth + 1));
        }
        return "{" + String.join(",", members) + "}";
    }

    private String value(int depth) {
        int kind = random.nextInt(depth > 3 ? 7 : 9);
        return switch (kind) {
            case 0 -> "\"" + pick("app", "a\\\"b\\\\c", "\\ud800", "tab\\tnew\\nline", "", "\\u0041") + "\"";
            case 1 -> pick("0", "-1", "2147483648", "9223372036854775808", "1e3", "1.50", "10.0", "-0.0", "1E+2",
                    "0.000", "1e400", "1e9999999999");
            case 2 -> pick("true", "false");
            case 3 -> "null";
            case 4, 5, 6 -> pick("1", "\"t\"", "[]", "{}");
            case 7 -> object(depth);
            default -> {
                List<String> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(value(depth + 1));
                }
                yield "[" + String.join(",", items) + "]";
            }
        };
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
