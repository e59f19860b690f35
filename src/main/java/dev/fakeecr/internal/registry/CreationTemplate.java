package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.ExclusionFilter;
import dev.fakeecr.registry.RepositorySettings;
import dev.fakeecr.registry.ResourceTag;
import dev.fakeecr.registry.TagMutability;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A repository creation template: the settings of repositories ECR creates on the user's behalf
 * ({@code REPLICATION}, {@code PULL_THROUGH_CACHE}, {@code CREATE_ON_PUSH}) under its prefix.
 *
 * @param prefix the repository namespace ({@code prod} covers {@code prod/…}), or {@code ROOT} for every
 *     repository no other template covers
 * @param description the description, or null
 * @param encryptionType the encryption type, or null for AES256
 * @param kmsKey the KMS key, or null
 * @param resourceTags the tags given to created repositories
 * @param tagMutability the tag mutability, or null for MUTABLE
 * @param exclusionFilters its exclusion filters
 * @param repositoryPolicy the repository policy given to created repositories, or null
 * @param lifecyclePolicy the lifecycle policy given to created repositories, or null
 * @param appliedFor which creations it applies to
 * @param customRoleArn the role ECR would assume, or null (the fake assumes nothing)
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record CreationTemplate(String prefix, String description, String encryptionType, String kmsKey,
                               List<ResourceTag> resourceTags, TagMutability tagMutability,
                               List<ExclusionFilter> exclusionFilters, String repositoryPolicy,
                               String lifecyclePolicy, List<String> appliedFor, String customRoleArn,
                               Instant createdAt, Instant updatedAt) {
    /** The prefix of the template that applies when no other does. */
    public static final String ROOT = "ROOT";

    /**
     * Copies the lists.
     */
    public CreationTemplate {
        Objects.requireNonNull(prefix, "prefix");
        resourceTags = resourceTags == null ? List.of() : List.copyOf(resourceTags);
        exclusionFilters = exclusionFilters == null ? List.of() : List.copyOf(exclusionFilters);
        appliedFor = appliedFor == null ? List.of() : List.copyOf(appliedFor);
    }

    /** Whether it covers the repository: ROOT covers all; {@code prod} (or {@code prod/}) covers {@code prod/…}. */
    boolean covers(String repositoryName) {
        if (ROOT.equals(prefix)) {
            return true;
        }
        String namespace = prefix.endsWith("/") ? prefix : prefix + "/";
        return repositoryName.startsWith(namespace);
    }

    /** How specific it is: ROOT least, then by prefix length. */
    int specificity() {
        return ROOT.equals(prefix) ? -1 : prefix.length();
    }

    /** The settings of a repository it creates. */
    RepositorySettings settingsFor(String repositoryName) {
        return new RepositorySettings(repositoryName, tagMutability, exclusionFilters, false, encryptionType, kmsKey,
                resourceTags);
    }
}
