package dev.fakeecr.registry;

import java.util.List;

/** A repository's tag mutability setting, as ECR names it. */
public enum TagMutability {
    /** A tag may be moved to another image. */
    MUTABLE,
    /** No tag may be moved to another image. */
    IMMUTABLE,
    /** Tags are immutable except those matching an exclusion filter. */
    IMMUTABLE_WITH_EXCLUSION,
    /** Tags are mutable except those matching an exclusion filter. */
    MUTABLE_WITH_EXCLUSION;

    /**
     * Whether this mode takes exclusion filters (and requires at least one).
     *
     * @return true for the two modes with exclusion filters
     */
    public boolean usesExclusionFilters() {
        return this == IMMUTABLE_WITH_EXCLUSION || this == MUTABLE_WITH_EXCLUSION;
    }

    /**
     * Whether {@code tag} may not be moved to another image under this mode and these filters.
     *
     * @param tag an image tag
     * @param filters the repository's exclusion filters
     * @return whether PutImage must refuse to move the tag ({@code ImageTagAlreadyExistsException})
     */
    public boolean isImmutable(String tag, List<ExclusionFilter> filters) {
        boolean matched = filters.stream().anyMatch(f -> f.matches(tag));
        switch (this) {
            case MUTABLE: return false;
            case IMMUTABLE: return true;
            case IMMUTABLE_WITH_EXCLUSION: return !matched;
            case MUTABLE_WITH_EXCLUSION: return matched;
            default: throw new AssertionError(this);
        }
    }
}
