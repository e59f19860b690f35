package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import dev.fakeecr.registry.ResourceTag;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** ECR's rules for repository resource tags (at most 50; key 1..128, value 0..256; no {@code aws:} keys). */
final class ResourceTags {
    static final int MAX_TAGS = 50;

    private ResourceTags() {}

    static void check(List<ResourceTag> tags) {
        Set<String> keys = new HashSet<>();
        for (ResourceTag tag : tags) {
            keys.add(tag.key());
            if (tag.key().isEmpty() || tag.key().length() > 128 || tag.value().length() > 256) {
                throw new EcrError(ErrorCode.INVALID_TAG_PARAMETER, Messages.description(ErrorCode.INVALID_TAG_PARAMETER));
            }
            if (tag.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw new EcrError(ErrorCode.INVALID_TAG_PARAMETER,
                        "Tag keys prefixed with 'aws:' are reserved for AWS use."); // [infer] wording
            }
        }
        if (keys.size() > MAX_TAGS) {
            throw new EcrError(ErrorCode.TOO_MANY_TAGS, Messages.description(ErrorCode.TOO_MANY_TAGS));
        }
    }
}
