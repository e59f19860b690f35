package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal's copy of a request body: its members as plain values, within a byte budget per call, so
 * that a journal of refused giant bodies holds kilobytes, not the bodies. What is cut says so in the copy:
 * a long string ends with {@code …(<n> characters)}, a list past the budget ends with the string
 * {@code …(<n> more elements cut)} and an object with the member {@code "…"} = {@code "<n> more members cut"}.
 */
final class JournalCopy {
    /** A longer string (a manifest, a layer part) keeps its first this many characters. */
    static final int STRING_LIMIT = 16 * 1024;
    /** The most a call's copy holds, counted as characters of its strings and names plus 16 per value. */
    static final int CALL_BUDGET = 64 * 1024;
    static final String CUT_MEMBER = "…";

    private static final int VALUE_COST = 16;

    private int left;
    /** Whether anything was cut, so the copy differs from the body's members. */
    private boolean cut;

    private JournalCopy(int budget) {
        this.left = budget;
    }

    /**
     * @param copy the members kept
     * @param bytes roughly what the copy holds, for the journal's own bound
     * @param whole whether nothing was cut: then the copy is every member as the body has it, the same values
     *     Jackson would convert the body to, and the protocol uses it as the request's members too
     */
    record Result(Map<String, Object> copy, int bytes, boolean whole) {}

    /** The bounded copy of a request body's members. */
    static Result of(JsonNode body) {
        JournalCopy copier = new JournalCopy(CALL_BUDGET);
        Map<String, Object> copy = copier.object(body);
        return new Result(copy, CALL_BUDGET - copier.left, !copier.cut);
    }

    private Map<String, Object> object(JsonNode node) {
        Map<String, Object> copy = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        int seen = 0;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (left <= 0) {
                copy.put(CUT_MEMBER, (node.size() - seen) + " more members cut");
                cut = true;
                break;
            }
            String name = cut(field.getKey());
            copy.put(name, value(field.getValue()));
            seen++;
        }
        return copy;
    }

    private List<Object> array(JsonNode node) {
        List<Object> copy = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (left <= 0) {
                copy.add("…(" + (node.size() - i) + " more elements cut)");
                cut = true;
                break;
            }
            copy.add(value(node.get(i)));
        }
        return copy;
    }

    private Object value(JsonNode node) {
        left -= VALUE_COST;
        // Nested values read-only: one copy serves fault rules' conditions and the journal.
        if (node.isObject()) {
            return Collections.unmodifiableMap(object(node));
        }
        if (node.isArray()) {
            return Collections.unmodifiableList(array(node));
        }
        if (node.isTextual()) {
            return cut(node.textValue());
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            String digits = node.numberValue().toString();
            left -= Math.min(digits.length(), STRING_LIMIT);
            if (digits.length() > STRING_LIMIT) {
                return cut(digits);
            }
            return node.numberValue();
        }
        cut = true; // not a JSON value a parsed body holds: never the same as Jackson's conversion
        return cut(node.asText());
    }

    /** A string within the per-string limit and what is left of the budget (at least its cut marker). */
    private String cut(String text) {
        int keep = Math.max(0, Math.min(Math.min(text.length(), STRING_LIMIT), left));
        left -= keep;
        if (keep == text.length()) {
            return text;
        }
        cut = true;
        return text.substring(0, keep) + "…(" + text.length() + " characters)";
    }
}
