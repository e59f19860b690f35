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

    /**
     * Assertions on {@code actual}; {@link EcrAssertions#assertThatRepository} and
     * {@link FakeEcrAssert#repository} make one.
     *
     * @param actual the repository as it was when the assertion started
     */
    public RepositoryAssert(RepositoryState actual) {
        super(actual, RepositoryAssert.class);
    }

    /**
     * The repository exists.
     *
     * @return this assertion object
     */
    public RepositoryAssert exists() {
        isNotNull();
        if (actual.repository() == null) {
            failWithMessage("Expecting repository '%s' to exist, but there is %s", actual.name(), actual.describe());
        }
        return this;
    }

    /**
     * The repository exists and has this tag mutability.
     *
     * @param expected the expected setting
     * @return this assertion object
     */
    public RepositoryAssert hasTagMutability(TagMutability expected) {
        exists();
        if (actual.repository().tagMutability() != expected) {
            failWithMessage("Expecting repository '%s' to have tag mutability %s, but it is %s",
                    actual.name(), expected, actual.repository().tagMutability());
        }
        return this;
    }

    /**
     * The repository exists and its tag mutability is {@link TagMutability#IMMUTABLE} (not one of the
     * modes with exclusion filters).
     *
     * @return this assertion object
     */
    public RepositoryAssert hasImmutableTags() {
        return hasTagMutability(TagMutability.IMMUTABLE);
    }

    /**
     * The repository exists and is encrypted this way (e.g. a creation template's setting).
     *
     * @param encryptionType {@code AES256}, {@code KMS} or {@code KMS_DSSE}
     * @return this assertion object
     */
    public RepositoryAssert hasEncryptionType(String encryptionType) {
        exists();
        if (!encryptionType.equals(actual.repository().encryptionType())) {
            failWithMessage("Expecting repository '%s' to be encrypted with %s, but it is %s",
                    actual.name(), encryptionType, actual.repository().encryptionType());
        }
        return this;
    }

    /**
     * The repository exists and carries this resource tag (e.g. from a creation template).
     *
     * @param key the tag's key
     * @param value the tag's value
     * @return this assertion object
     */
    public RepositoryAssert hasResourceTag(String key, String value) {
        exists();
        boolean found = actual.repository().tags().stream()
                .anyMatch(t -> t.key().equals(key) && t.value().equals(value));
        if (!found) {
            failWithMessage("Expecting repository '%s' to carry the resource tag %s=%s, but its tags are %s",
                    actual.name(), key, value, actual.repository().tags());
        }
        return this;
    }

    /**
     * Assertions on the image a tag or digest names; fails with the repository's contents if there is none.
     *
     * @param tagOrDigest a tag or a digest
     * @return assertions on the image
     */
    public ImageAssert image(String tagOrDigest) {
        exists();
        Optional<ImageInfo> image = actual.image(tagOrDigest);
        if (image.isEmpty()) {
            failWithMessage("Expecting an image '%s' in %s", tagOrDigest, actual.describe());
        }
        return new ImageAssert(image.orElse(null));
    }

    /**
     * The repository exists and one of its images carries this tag.
     *
     * @param tag the tag
     * @return this assertion object
     */
    public RepositoryAssert hasTag(String tag) {
        exists();
        if (tagged(tag).isEmpty()) {
            failWithMessage("Expecting tag '%s' in %s", tag, actual.describe());
        }
        return this;
    }

    /**
     * The repository exists and none of its images carries this tag.
     *
     * @param tag the tag
     * @return this assertion object
     */
    public RepositoryAssert doesNotHaveTag(String tag) {
        exists();
        if (tagged(tag).isPresent()) {
            failWithMessage("Expecting no tag '%s' in %s", tag, actual.describe());
        }
        return this;
    }

    /**
     * The repository has this tag, on the image with this digest.
     *
     * @param tag the tag
     * @param digest the expected digest
     * @return this assertion object
     */
    public RepositoryAssert hasTagPointingTo(String tag, String digest) {
        hasTag(tag);
        String actualDigest = tagged(tag).map(ImageInfo::digest).orElse(null);
        if (!digest.equals(actualDigest)) {
            failWithMessage("Expecting tag '%s' to point to %s, but it points to %s in %s",
                    tag, digest, actualDigest, actual.describe());
        }
        return this;
    }

    /**
     * The repository's tags are exactly these, in any order, over all its images.
     *
     * @param tags the expected tags
     * @return this assertion object
     */
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

    /**
     * The repository exists and holds this many images, tagged or not.
     *
     * @param expected the expected number of images
     * @return this assertion object
     */
    public RepositoryAssert hasImageCount(int expected) {
        exists();
        if (actual.images().size() != expected) {
            failWithMessage("Expecting %s images, but there is %s", expected, actual.describe());
        }
        return this;
    }

    /**
     * The repository exists and holds this many untagged images.
     *
     * @param expected the expected number of untagged images
     * @return this assertion object
     */
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

    /**
     * The repository exists and holds no untagged image.
     *
     * @return this assertion object
     */
    public RepositoryAssert hasNoUntaggedImages() {
        return hasUntaggedImageCount(0);
    }

    private Optional<ImageInfo> tagged(String tag) {
        return actual.images().stream().filter(i -> i.tags().contains(tag)).findFirst();
    }
}
