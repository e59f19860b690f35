package dev.fakeecr.registry;

import java.util.List;
import java.util.Objects;

/**
 * What CreateRepository asks for; every member has ECR's default.
 *
 * @param name the repository's name
 * @param tagMutability the tag mutability; null for {@link TagMutability#MUTABLE}
 * @param exclusionFilters the exclusion filters of the tag mutability; null for none
 * @param scanOnPush whether images are scanned when they are pushed
 * @param encryptionType the encryption type; null for {@code AES256}
 * @param kmsKey the KMS key, or null (with KMS encryption, for the region's AWS-managed key)
 * @param tags resource tags; null for none
 */
public record RepositorySettings(
        String name,
        TagMutability tagMutability,
        List<ExclusionFilter> exclusionFilters,
        boolean scanOnPush,
        String encryptionType,
        String kmsKey,
        List<ResourceTag> tags) {

    /**
     * Applies ECR's defaults to null members and copies the lists.
     *
     * @param name the repository's name
     * @param tagMutability the tag mutability; null for {@link TagMutability#MUTABLE}
     * @param exclusionFilters the exclusion filters of the tag mutability; null for none
     * @param scanOnPush whether images are scanned when they are pushed
     * @param encryptionType the encryption type; null for {@code AES256}
     * @param kmsKey the KMS key, or null (with KMS encryption, for the region's AWS-managed key)
     * @param tags resource tags; null for none
     * @throws NullPointerException if {@code name} is null
     */
    public RepositorySettings {
        Objects.requireNonNull(name, "name");
        tagMutability = tagMutability == null ? TagMutability.MUTABLE : tagMutability;
        exclusionFilters = exclusionFilters == null ? List.of() : List.copyOf(exclusionFilters);
        encryptionType = encryptionType == null ? "AES256" : encryptionType;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * A repository with all of ECR's defaults: mutable tags, AES256 encryption, no scan on push.
     *
     * @param name the repository's name
     * @return the settings
     */
    public static RepositorySettings named(String name) {
        return new RepositorySettings(name, null, null, false, null, null, null);
    }

    /**
     * These settings with another tag mutability.
     *
     * @param mutability the tag mutability; null for {@link TagMutability#MUTABLE}
     * @param filters its exclusion filters; null for none
     * @return new settings
     */
    public RepositorySettings withTagMutability(TagMutability mutability, List<ExclusionFilter> filters) {
        return new RepositorySettings(name, mutability, filters, scanOnPush, encryptionType, kmsKey, tags);
    }
}
