package dev.fakeecr.registry;

import java.util.Objects;

/**
 * A resource tag on a repository ({@code Key}/{@code Value} on the wire), not an image tag.
 *
 * @param key the tag's key
 * @param value the tag's value, possibly empty
 */
public record ResourceTag(String key, String value) {
    /**
     * Checks that both members are given.
     *
     * @param key the tag's key
     * @param value the tag's value
     * @throws NullPointerException if either is null
     */
    public ResourceTag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
