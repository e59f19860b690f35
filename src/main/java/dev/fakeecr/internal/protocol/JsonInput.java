package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * A request structure, read member by member. A member of the wrong JSON type is refused with
 * {@code SerializationException}, as AWS's JSON front end does; a JSON {@code null} reads as absent.
 */
final class JsonInput {
    private final JsonNode node;

    JsonInput(JsonNode node) {
        this.node = node;
    }

    String string(String member) {
        JsonNode value = present(member);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(value, "String");
        }
        return value.textValue();
    }

    Boolean bool(String member) {
        JsonNode value = present(member);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(value, "Boolean");
        }
        return value.booleanValue();
    }

    Integer integer(String member) {
        JsonNode value = present(member);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(value, "Integer");
        }
        return value.intValue();
    }

    Long longValue(String member) {
        JsonNode value = present(member);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(value, "Long");
        }
        return value.longValue();
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

    JsonInput structure(String member) {
        JsonNode value = present(member);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(value, "Structure");
        }
        return new JsonInput(value);
    }

    List<String> strings(String member) {
        List<JsonNode> items = list(member);
        if (items == null) {
            return null;
        }
        List<String> strings = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (item.isNull()) {
                continue;
            }
            if (!item.isTextual()) {
                throw wrongType(item, "String");
            }
            strings.add(item.textValue());
        }
        return strings;
    }

    List<JsonInput> structures(String member) {
        List<JsonNode> items = list(member);
        if (items == null) {
            return null;
        }
        List<JsonInput> structures = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (item.isNull()) {
                continue;
            }
            if (!item.isObject()) {
                throw wrongType(item, "Structure");
            }
            structures.add(new JsonInput(item));
        }
        return structures;
    }

    private List<JsonNode> list(String member) {
        JsonNode value = present(member);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(value, "List");
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    private JsonNode present(String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value;
    }

    /** Messages in the style of AWS's JSON deserialiser. */
    private static EcrError wrongType(JsonNode value, String expected) {
        JsonNodeType type = value.getNodeType();
        String message;
        if (type == JsonNodeType.OBJECT) {
            message = "Start of structure or map found where not expected.";
        } else if (type == JsonNodeType.ARRAY) {
            message = "Start of list found where not expected";
        } else {
            String token = type == JsonNodeType.STRING ? "STRING_VALUE"
                    : type == JsonNodeType.BOOLEAN ? "BOOLEAN_VALUE" : "NUMBER_VALUE";
            message = token + " can not be converted to " + (expected.equals("Integer") ? "an " : "a ") + expected;
        }
        return new EcrError(ErrorCode.SERIALIZATION, message);
    }
}
