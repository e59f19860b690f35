package dev.fakeecr.assertj;

import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.TagMutability;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one repository: its settings, its images and where its tags point. Failures show its contents. */
public class RepositoryAssert extends AbstractAssert<RepositoryAssert, RepositoryState> {

    public RepositoryAssert(RepositoryState actual) {
        super(actual, RepositoryAssert.class);
    }

    /** The repository exists. */
    public RepositoryAssert exists() {
        isNotNull();
        if (actual.repository() == null) {
            failWithMessage("Expecting repository '%s' to exist, but there is %s", actual.name(), actual.describe());
        }
        return this;
    }

    public RepositoryAssert hasTagMutability(TagMutability expected) {
        exists();
        if (actual.repository().tagMutability() != expected) {
            failWithMessage("Expecting repository '%s' to have tag mutability %s, but it is %s",
                    actual.name(), expected, actual.repository().tagMutability());
        }
        return this;
    }

    public RepositoryAssert hasImmutableTags() {
        return hasTagMutability(TagMutability.IMMUTABLE);
    }

    /** Assertions on the image a tag or digest names; fails with the repository's contents if there is none. */
    public ImageAssert image(String tagOrDigest) {
        exists();
        Optional<ImageInfo> image = actual.image(tagOrDigest);
        if (image.isEmpty()) {
            failWithMessage("Expecting an image '%s' in %s", tagOrDigest, actual.describe());
        }
        return new ImageAssert(image.orElse(null));
    }

    public RepositoryAssert hasTag(String tag) {
        exists();
        if (tagged(tag).isEmpty()) {
            failWithMessage("Expecting tag '%s' in %s", tag, actual.describe());
        }
        return this;
    }

    public RepositoryAssert doesNotHaveTag(String tag) {
        exists();
        if (tagged(tag).isPresent()) {
            failWithMessage("Expecting no tag '%s' in %s", tag, actual.describe());
        }
        return this;
    }

    public RepositoryAssert hasTagPointingTo(String tag, String digest) {
        hasTag(tag);
        String actualDigest = tagged(tag).map(ImageInfo::digest).orElse(null);
        if (!digest.equals(actualDigest)) {
            failWithMessage("Expecting tag '%s' to point to %s, but it points to %s in %s",
                    tag, digest, actualDigest, actual.describe());
        }
        return this;
    }

    /** The repository's tags are exactly these, in any order, over all its images. */
    public RepositoryAssert hasOnlyTags(String... tags) {
        exists();
        Set<String> expected = new LinkedHashSet<>(List.of(tags));
        Set<String> present = new LinkedHashSet<>();
        actual.images().forEach(i -> present.addAll(i.tags()));
        if (!expected.equals(present)) {
            failWithMessage("Expecting the tags of repository '%s' to be exactly %s, but they are %s in %s",
                    actual.name(), expected, present, actual.describe());
        }
        return this;
    }

    public RepositoryAssert hasImageCount(int expected) {
        exists();
        if (actual.images().size() != expected) {
            failWithMessage("Expecting %s images, but there is %s", expected, actual.describe());
        }
        return this;
    }

    public RepositoryAssert hasUntaggedImageCount(int expected) {
        exists();
        List<ImageInfo> untagged = new ArrayList<>();
        actual.images().stream().filter(i -> i.tags().isEmpty()).forEach(untagged::add);
        if (untagged.size() != expected) {
            failWithMessage("Expecting %s untagged images, but %s are untagged in %s", expected, untagged.size(),
                    actual.describe());
        }
        return this;
    }

    public RepositoryAssert hasNoUntaggedImages() {
        return hasUntaggedImageCount(0);
    }

    private Optional<ImageInfo> tagged(String tag) {
        return actual.images().stream().filter(i -> i.tags().contains(tag)).findFirst();
    }
}
