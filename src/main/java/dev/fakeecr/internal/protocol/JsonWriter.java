package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.fakeecr.internal.Json;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes an answer's JSON tree as UTF-8 bytes, byte for byte as {@link Json#MAPPER} would, without Jackson's
 * serializer machinery (its set-up was a share of the fake's own work per call on the in-memory transport). A
 * tree holding anything else than objects, arrays, text, booleans, nulls, the integer and decimal numbers the
 * fake builds and {@link EscapedString literals} goes to {@link Json#MAPPER}, which stays the definition
 * ({@code JsonWriterTest} compares the two). A literal is written as the request spelled it.
 */
final class JsonWriter {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private byte[] out;
    private int length;

    private JsonWriter(int capacity) {
        out = new byte[capacity];
    }

    /**
     * The bytes {@code Json.MAPPER.writeValueAsBytes(tree)} gives.
     *
     * @param tree an answer
     * @return its JSON, UTF-8
     * @throws JsonProcessingException as Jackson throws for a tree it cannot write
     */
    static byte[] bytes(JsonNode tree) throws JsonProcessingException {
        byte[] own = ownBytes(tree);
        return own != null ? own : Json.MAPPER.writeValueAsBytes(tree); // a node kind this writer leaves to Jackson
    }

    /** The tree's JSON as this writer writes it; null if it holds a kind of node the writer leaves to Jackson. */
    static byte[] ownBytes(JsonNode tree) {
        JsonWriter writer = new JsonWriter(512);
        return writer.value(tree) ? Arrays.copyOf(writer.out, writer.length) : null;
    }

    /** Writes {@code node}; false (with the output left half-written) for a kind of node it leaves to Jackson. */
    private boolean value(JsonNode node) {
        if (node instanceof TextNode) {
            string(node.textValue());
        } else if (node.isObject()) {
            put((byte) '{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (!first) {
                    put((byte) ',');
                }
                first = false;
                string(member.getKey());
                put((byte) ':');
                if (!value(member.getValue())) {
                    return false;
                }
            }
            put((byte) '}');
        } else if (node.isArray()) {
            put((byte) '[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    put((byte) ',');
                }
                if (!value(node.get(i))) {
                    return false;
                }
            }
            put((byte) ']');
        } else if (node instanceof IntNode || node instanceof LongNode || node instanceof ShortNode) {
            ascii(Long.toString(node.longValue()));
        } else if (node instanceof DecimalNode || node instanceof BigIntegerNode) {
            ascii(node.numberValue().toString()); // Jackson writes a BigDecimal with toString(), exponent and all
        } else if (node instanceof BooleanNode) {
            bytes(node.booleanValue() ? TRUE : FALSE);
        } else if (node instanceof NullNode) {
            bytes(NULL);
        } else if (node instanceof POJONode pojo && pojo.getPojo() instanceof EscapedString literal) {
            int length = literal.to() - literal.from();
            ensure(length + 2);
            out[this.length++] = '"';
            System.arraycopy(literal.body(), literal.from(), out, this.length, length);
            this.length += length;
            out[this.length++] = '"';
        } else {
            return false; // doubles, binary, POJOs: Jackson's own rules
        }
        return true;
    }

    /** A JSON string as Jackson escapes it: quote, backslash, controls and UTF-16 surrogates; the rest as UTF-8. */
    private void string(String text) {
        int chars = text.length();
        ensure(chars + 2); // one byte a character; an escape or a multi-byte character makes room for itself
        byte[] b = out;
        int n = length;
        b[n++] = '"';
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                b[n++] = (byte) c;
                continue;
            }
            if (b.length - n < 6 + (chars - i)) {
                length = n;
                ensure(6 + (chars - i));
                b = out;
            }
            if (c == '"' || c == '\\') {
                b[n++] = '\\';
                b[n++] = (byte) c;
            } else if (c < 0x20) {
                n = control(b, n, c);
            } else if (c < 0x800) {
                b[n++] = (byte) (0xC0 | (c >> 6));
                b[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                n = unicodeEscape(b, n, c); // Jackson escapes each half of a pair, and a lone one
            } else {
                b[n++] = (byte) (0xE0 | (c >> 12));
                b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[n++] = '"';
        length = n;
    }

    private static int control(byte[] b, int n, char c) {
        char shortForm = switch (c) {
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (shortForm == 0) {
            return unicodeEscape(b, n, c);
        }
        b[n++] = '\\';
        b[n++] = (byte) shortForm;
        return n;
    }

    private static int unicodeEscape(byte[] b, int n, char c) {
        b[n++] = '\\';
        b[n++] = 'u';
        b[n++] = HEX[(c >> 12) & 0xF];
        b[n++] = HEX[(c >> 8) & 0xF];
        b[n++] = HEX[(c >> 4) & 0xF];
        b[n++] = HEX[c & 0xF];
        return n;
    }

    private void ascii(String digits) {
        ensure(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            out[length++] = (byte) digits.charAt(i);
        }
    }

    private void bytes(byte[] literal) {
        ensure(literal.length);
        System.arraycopy(literal, 0, out, length, literal.length);
        length += literal.length;
    }

    private void put(byte b) {
        ensure(1);
        out[length++] = b;
    }

    private void ensure(int more) {
        if (more > out.length - length) {
            long wanted = Math.max(2L * out.length, (long) length + more + 256); // room for what follows a literal
            // Capped at the largest array: an answer past it cannot be written (request bounds keep answers far below).
            out = Arrays.copyOf(out, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        }
    }
}
