package dev.fakeecr.internal.lifecycle;

import dev.fakeecr.registry.LifecycleAction;
import dev.fakeecr.registry.StorageClass;
import java.util.List;

/**
 * One validated rule of a lifecycle policy.
 *
 * @param priority its {@code rulePriority}; lower is applied first
 * @param tagStatus which images it selects by tags
 * @param tagPrefixes its {@code tagPrefixList}, empty when it has none
 * @param tagPatterns its {@code tagPatternList}, empty when it has none
 * @param storageClass the storage class it selects images in
 * @param countType how it counts
 * @param countNumber the count (images, or days)
 * @param action what it does to the images it marks
 */
public record LifecycleRule(int priority, TagStatus tagStatus, List<String> tagPrefixes, List<String> tagPatterns,
                            StorageClass storageClass, CountType countType, long countNumber,
                            LifecycleAction.Type action) {
    /** The policy's {@code tagStatus}. */
    public enum TagStatus { TAGGED, UNTAGGED, ANY }

    /** The policy's {@code countType}. */
    public enum CountType { IMAGE_COUNT_MORE_THAN, SINCE_IMAGE_PUSHED, SINCE_IMAGE_PULLED, SINCE_IMAGE_TRANSITIONED }

    public LifecycleRule {
        tagPrefixes = List.copyOf(tagPrefixes);
        tagPatterns = List.copyOf(tagPatterns);
    }

    /**
     * The rule's tag requirement: {@code any} takes every image, {@code untagged} images without tags,
     * {@code tagged} images with tags where every list entry matches at least one tag (entries are ANDed).
     */
    boolean selects(List<String> tags) {
        return switch (tagStatus) {
            case ANY -> true;
            case UNTAGGED -> tags.isEmpty();
            case TAGGED -> !tags.isEmpty() && allEntriesMatch(tags);
        };
    }

    private boolean allEntriesMatch(List<String> tags) {
        for (String prefix : tagPrefixes) {
            if (tags.stream().noneMatch(t -> t.startsWith(prefix))) {
                return false;
            }
        }
        for (String pattern : tagPatterns) {
            if (tags.stream().noneMatch(t -> Wildcards.matches(pattern, t))) {
                return false;
            }
        }
        return true;
    }
}
