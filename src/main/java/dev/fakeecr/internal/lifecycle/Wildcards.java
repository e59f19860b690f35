package dev.fakeecr.internal.lifecycle;

/** {@code tagPatternList} matching: a full, case-sensitive match where {@code *} is any run of characters. */
final class Wildcards {
    private Wildcards() {}

    static boolean matches(String pattern, String tag) {
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) {
            return pattern.equals(tag); // no wildcard: an exact tag
        }
        if (!tag.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = tag.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return tag.length() - at >= last.length() && tag.endsWith(last);
    }

    static int count(String pattern) {
        return (int) pattern.chars().filter(c -> c == '*').count();
    }
}
