package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.fakeecr.internal.Json;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request body read in one streaming pass into plain values ({@code Map} in member order, {@code List},
 * {@code String}, {@code Integer}/{@code Long}/{@code BigInteger}, {@code BigDecimal}, {@code Boolean}, null),
 * read-only: what operations read ({@link JsonInput}), fault rules select by and the journal keeps. No JSON tree
 * in between, as every call reads one. A repeated member keeps its first place and its last value, and a float
 * is a {@code BigDecimal} without trailing zeros, as Jackson's tree has them.
 */
final class RequestBody {
    /**
     * How deep a request body's JSON may nest. ECR's inputs nest four levels at most; the bound keeps a
     * hostile body from costing a deep recursion.
     */
    static final int MAX_DEPTH = 32;

    /**
     * How many JSON tokens a request body may hold. ECR's largest lists (100 image ids, 100 layer digests,
     * 50 tags) take a few thousand; a long string is one token, so an UploadLayerPart is not near it. The
     * bound keeps a body of millions of tiny members from becoming millions of values.
     */
    static final long MAX_TOKENS = 100_000;

    private static final JsonFactory JSON = Json.boundedFactory(MAX_DEPTH, MAX_TOKENS);

    private RequestBody() {}

    /**
     * The body's members; an empty body is an empty structure (an operation without input may send none).
     *
     * @throws EcrError {@code SerializationException} for a body that is not one JSON object, or is beyond the
     *     bounds
     */
    static Map<String, Object> read(byte[] body) {
        return read(body, null);
    }

    /**
     * The least length of a top-level string whose literal {@link #read(byte[], Map)} keeps: below it, finding
     * the literal costs more than escaping the string again would.
     */
    static final int LITERAL_LENGTH = 256;

    /**
     * The body's members, as {@link #read(byte[])}; and into {@code literals}, the literal of each top-level
     * string member of at least {@link #LITERAL_LENGTH} characters that the body spells in ASCII.
     *
     * @param literals where to put the literals, by member; null to keep none
     */
    static Map<String, Object> read(byte[] body, Map<String, EscapedString> literals) {
        if (body.length == 0) {
            return Map.of();
        }
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                if (first != null) {
                    value(parser); // read whole: a malformed value is refused as malformed, as the tree would
                    trailing(parser);
                }
                throw new EcrError(ErrorCode.SERIALIZATION, "Start of structure or map expected.");
            }
            Map<String, Object> members = object(parser, body, literals);
            trailing(parser);
            return members;
        } catch (StreamConstraintsException e) {
            throw new EcrError(ErrorCode.SERIALIZATION, "fake-ecr: the request body's JSON is beyond the fake's"
                    + " bounds (" + MAX_DEPTH + " levels of nesting, " + MAX_TOKENS + " tokens): "
                    + e.getOriginalMessage());
        } catch (IOException | NumberFormatException e) { // a number no BigDecimal holds (1e9999999999) too
            throw new EcrError(ErrorCode.SERIALIZATION, null);
        }
    }

    /** Text after the JSON value is refused, as the tree's reader refuses it. */
    private static void trailing(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new EcrError(ErrorCode.SERIALIZATION, null);
        }
    }

    /** An object, the parser on its start; {@code literals} (or null) takes its long strings' literals. */
    private static Map<String, Object> object(JsonParser parser, byte[] body, Map<String, EscapedString> literals)
            throws IOException {
        Map<String, Object> members = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            if (parser.nextToken() == JsonToken.VALUE_STRING && literals != null) {
                String text = parser.getText();
                // The token's location stays its opening quote once read; locations are objects: long strings only.
                EscapedString literal = text.length() < LITERAL_LENGTH ? null : literal(text, body,
                        parser.currentTokenLocation().getByteOffset(), parser.currentLocation().getByteOffset());
                if (literal != null) {
                    literals.put(name, literal);
                } else {
                    literals.remove(name); // a repeated member: its last value counts
                }
                members.put(name, text);
            } else {
                if (literals != null) {
                    literals.remove(name);
                }
                members.put(name, value(parser));
            }
        }
        return Collections.unmodifiableMap(members);
    }

    /**
     * The literal of {@code text}, which the parser read from {@code body} between {@code start} and {@code end}
     * (the opening quote, and just past the closing one); null if it is not all ASCII (the bytes are
     * echoed as they are, and a lenient UTF-8 reading may have accepted bytes another reader refuses).
     */
    private static EscapedString literal(String text, byte[] body, long start, long end) {
        if (start < 0 || end > body.length || end - start < text.length() + 2
                || body[(int) start] != '"' || body[(int) end - 1] != '"') {
            return null;
        }
        int from = (int) start + 1;
        int to = (int) end - 1;
        int bits = 0;
        for (int i = from; i < to; i++) {
            bits |= body[i];
        }
        return bits < 0 ? null : new EscapedString(text, body, from, to);
    }

    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(parser));
        }
        return Collections.unmodifiableList(items);
    }

    /** A float as Jackson's tree keeps it: without trailing zeros ({@code 1.50} is 1.5), where they can go. */
    private static BigDecimal decimal(BigDecimal value) {
        try {
            return value.stripTrailingZeros();
        } catch (ArithmeticException scaleOverflow) {
            return value;
        }
    }

    /** The value the parser is on. */
    private static Object value(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT:
                return object(parser, null, null);
            case START_ARRAY:
                return array(parser);
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue(); // Integer, Long or BigInteger by size, as the tree's nodes
            case VALUE_NUMBER_FLOAT:
                return decimal(parser.getDecimalValue());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default: // embedded objects do not occur in parsed JSON
                throw new EcrError(ErrorCode.SERIALIZATION, null);
        }
    }
}
