package dev.fakeecr.internal.protocol;

import java.util.ArrayList;
import java.util.Collections;
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
     * @param whole whether nothing was cut: then the copy is the body's members themselves (read-only)
     */
    record Result(Map<String, Object> copy, int bytes, boolean whole) {}

    /** The bounded copy of a request body's members ({@link RequestBody#read}). */
    static Result of(Map<String, Object> members) {
        long cost = cost(members);
        if (cost >= 0 && cost < CALL_BUDGET) { // nothing to cut: the members, read-only already, are the copy
            return new Result(members, (int) cost, true);
        }
        JournalCopy copier = new JournalCopy(CALL_BUDGET);
        Map<String, Object> copy = copier.object(members);
        return new Result(copy, CALL_BUDGET - copier.left, !copier.cut);
    }

    /**
     * What copying a value whole takes from the budget, counted as the copy counts it; -1 if a string in it is
     * over {@link #STRING_LIMIT}. Under the budget, nothing is cut.
     */
    private static long cost(Object value) {
        if (value instanceof Map<?, ?> members) {
            long total = 0;
            for (Map.Entry<?, ?> member : members.entrySet()) {
                long inner = cost(member.getValue());
                String name = (String) member.getKey();
                if (inner < 0 || name.length() > STRING_LIMIT) {
                    return -1;
                }
                total += VALUE_COST + name.length() + inner;
            }
            return total;
        }
        if (value instanceof List<?> items) {
            long total = 0;
            for (Object item : items) {
                long inner = cost(item);
                if (inner < 0) {
                    return -1;
                }
                total += VALUE_COST + inner;
            }
            return total;
        }
        if (value instanceof String text) {
            return text.length() > STRING_LIMIT ? -1 : text.length();
        }
        if (value instanceof Number number) {
            int digits = number.toString().length();
            return digits > STRING_LIMIT ? -1 : digits;
        }
        return 0;
    }

    private Map<String, Object> object(Map<?, ?> members) {
        Map<String, Object> copy = new LinkedHashMap<>();
        int seen = 0;
        for (Map.Entry<?, ?> member : members.entrySet()) {
            if (left <= 0) {
                copy.put(CUT_MEMBER, (members.size() - seen) + " more members cut");
                cut = true;
                break;
            }
            copy.put(cut((String) member.getKey()), value(member.getValue()));
            seen++;
        }
        return Collections.unmodifiableMap(copy);
    }

    private List<Object> array(List<?> items) {
        List<Object> copy = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (left <= 0) {
                copy.add("…(" + (items.size() - i) + " more elements cut)");
                cut = true;
                break;
            }
            copy.add(value(items.get(i)));
        }
        return Collections.unmodifiableList(copy);
    }

    private Object value(Object value) {
        left -= VALUE_COST;
        if (value instanceof Map<?, ?> members) {
            return object(members);
        }
        if (value instanceof List<?> items) {
            return array(items);
        }
        if (value instanceof String text) {
            return cut(text);
        }
        if (value instanceof Number number) {
            String digits = number.toString();
            left -= Math.min(digits.length(), STRING_LIMIT);
            if (digits.length() > STRING_LIMIT) {
                return cut(digits);
            }
            return number;
        }
        return value; // null or a Boolean
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
