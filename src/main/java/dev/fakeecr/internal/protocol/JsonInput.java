package dev.fakeecr.internal.protocol;

import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request structure, read member by member from the plain values {@link RequestBody} read. A member of the
 * wrong JSON type is refused with {@code SerializationException}, as AWS's JSON front end does; a JSON
 * {@code null} reads as absent.
 */
final class JsonInput {
    private final Map<String, Object> members;
    private final Map<String, EscapedString> literals;

    JsonInput(Map<String, Object> members) {
        this(members, Map.of());
    }

    /** A request body, with the literals {@link RequestBody#read(byte[], Map)} kept of its long strings. */
    JsonInput(Map<String, Object> members, Map<String, EscapedString> literals) {
        this.members = members;
        this.literals = literals;
    }

    /**
     * The literal of a long string member, as the request spelled it; null if none was kept.
     *
     * @param member the member
     * @param value its value as {@link #string} read it: the literal is given only for this very string
     */
    EscapedString literal(String member, String value) {
        EscapedString literal = literals.get(member);
        return literal != null && literal.text() == value ? literal : null;
    }

    String string(String member) {
        Object value = members.get(member);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw wrongType(value, "String");
        }
        return text;
    }

    Boolean bool(String member) {
        Object value = members.get(member);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Boolean flag)) {
            throw wrongType(value, "Boolean");
        }
        return flag;
    }

    Integer integer(String member) {
        Object value = members.get(member);
        if (value == null) {
            return null;
        }
        if (!isWhole(value) || !fits(value, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
            throw wrongType(value, "Integer");
        }
        return ((Number) value).intValue();
    }

    Long longValue(String member) {
        Object value = members.get(member);
        if (value == null) {
            return null;
        }
        if (!isWhole(value) || !fits(value, Long.MIN_VALUE, Long.MAX_VALUE)) {
            throw wrongType(value, "Long");
        }
        return ((Number) value).longValue();
    }

    /** A JSON integer, as read: {@code Integer}, {@code Long} or {@code BigInteger} (a float is a BigDecimal). */
    private static boolean isWhole(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    private static boolean fits(Object whole, long min, long max) {
        if (whole instanceof BigInteger big) {
            return big.bitLength() < 64 && big.longValue() >= min && big.longValue() <= max;
        }
        long value = ((Number) whole).longValue();
        return value >= min && value <= max;
    }

    /** A {@code blob} member: standard base64 in a JSON string. */
    byte[] blob(String member) {
        String text = string(member);
        if (text == null) {
            return null;
        }
        try {
            return java.util.Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            throw new EcrError(ErrorCode.SERIALIZATION, "Base64 encoded value could not be decoded for " + member);
        }
    }

    @SuppressWarnings("unchecked")
    JsonInput structure(String member) {
        Object value = members.get(member);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map)) {
            throw wrongType(value, "Structure");
        }
        return new JsonInput((Map<String, Object>) value);
    }

    List<String> strings(String member) {
        List<?> items = list(member);
        if (items == null) {
            return null;
        }
        List<String> strings = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item == null) {
                continue;
            }
            if (!(item instanceof String text)) {
                throw wrongType(item, "String");
            }
            strings.add(text);
        }
        return strings;
    }

    @SuppressWarnings("unchecked")
    List<JsonInput> structures(String member) {
        List<?> items = list(member);
        if (items == null) {
            return null;
        }
        List<JsonInput> structures = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item == null) {
                continue;
            }
            if (!(item instanceof Map)) {
                throw wrongType(item, "Structure");
            }
            structures.add(new JsonInput((Map<String, Object>) item));
        }
        return structures;
    }

    private List<?> list(String member) {
        Object value = members.get(member);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> items)) {
            throw wrongType(value, "List");
        }
        return items;
    }

    /** Messages in the style of AWS's JSON deserialiser. */
    private static EcrError wrongType(Object value, String expected) {
        String message;
        if (value instanceof Map) {
            message = "Start of structure or map found where not expected.";
        } else if (value instanceof List) {
            message = "Start of list found where not expected";
        } else {
            String token = value instanceof String ? "STRING_VALUE"
                    : value instanceof Boolean ? "BOOLEAN_VALUE" : "NUMBER_VALUE";
            message = token + " can not be converted to " + (expected.equals("Integer") ? "an " : "a ") + expected;
        }
        return new EcrError(ErrorCode.SERIALIZATION, message);
    }
}
