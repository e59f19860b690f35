package dev.fakeecr.registry;

import java.util.Objects;

/** A resource tag on a repository ({@code Key}/{@code Value} on the wire), not an image tag. */
public record ResourceTag(String key, String value) {
    public ResourceTag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
