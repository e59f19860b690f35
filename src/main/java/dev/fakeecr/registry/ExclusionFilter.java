package dev.fakeecr.registry;

import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * An image tag mutability exclusion filter. ECR has one filter type, {@code WILDCARD}: {@code *} matches any
 * run of characters (including none) and every other character is literal.
 */
public record ExclusionFilter(String filterType, String filter) {
    public static final String WILDCARD = "WILDCARD";

    public ExclusionFilter {
        Objects.requireNonNull(filterType, "filterType");
        Objects.requireNonNull(filter, "filter");
    }

    public static ExclusionFilter wildcard(String filter) {
        return new ExclusionFilter(WILDCARD, filter);
    }

    public boolean matches(String tag) {
        StringJoiner regex = new StringJoiner(".*");
        for (String literal : filter.split("\\*", -1)) {
            regex.add(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(tag).matches();
    }
}
