package dev.fakeecr.registry;

import java.util.List;
import java.util.Objects;

/** What CreateRepository asks for; every member has ECR's default. */
public record RepositorySettings(
        String name,
        TagMutability tagMutability,
        List<ExclusionFilter> exclusionFilters,
        boolean scanOnPush,
        String encryptionType,
        String kmsKey,
        List<ResourceTag> tags) {

    public RepositorySettings {
        Objects.requireNonNull(name, "name");
        tagMutability = tagMutability == null ? TagMutability.MUTABLE : tagMutability;
        exclusionFilters = exclusionFilters == null ? List.of() : List.copyOf(exclusionFilters);
        encryptionType = encryptionType == null ? "AES256" : encryptionType;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A repository with all of ECR's defaults: mutable tags, AES256 encryption, no scan on push. */
    public static RepositorySettings named(String name) {
        return new RepositorySettings(name, null, null, false, null, null, null);
    }

    public RepositorySettings withTagMutability(TagMutability mutability, List<ExclusionFilter> filters) {
        return new RepositorySettings(name, mutability, filters, scanOnPush, encryptionType, kmsKey, tags);
    }
}
