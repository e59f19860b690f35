package dev.fakeecr.registry;

import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * An image tag mutability exclusion filter. ECR has one filter type, {@code WILDCARD}: {@code *} matches any
 * run of characters (including none) and every other character is literal.
 *
 * @param filterType the filter type; ECR has only {@link #WILDCARD}
 * @param filter the pattern, e.g. {@code release-*}
 */
public record ExclusionFilter(String filterType, String filter) {
    /** The one filter type ECR has. */
    public static final String WILDCARD = "WILDCARD";

    /**
     * Checks that both members are given.
     *
     * @param filterType the filter type
     * @param filter the pattern
     * @throws NullPointerException if either is null
     */
    public ExclusionFilter {
        Objects.requireNonNull(filterType, "filterType");
        Objects.requireNonNull(filter, "filter");
    }

    /**
     * A {@link #WILDCARD} filter.
     *
     * @param filter the pattern, e.g. {@code release-*}
     * @return the filter
     */
    public static ExclusionFilter wildcard(String filter) {
        return new ExclusionFilter(WILDCARD, filter);
    }

    /**
     * Whether a tag matches this filter: {@code *} matches any run of characters, every other character
     * only itself.
     *
     * @param tag an image tag
     * @return whether the whole tag matches
     */
    public boolean matches(String tag) {
        StringJoiner regex = new StringJoiner(".*");
        for (String literal : filter.split("\\*", -1)) {
            regex.add(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(tag).matches();
    }
}
