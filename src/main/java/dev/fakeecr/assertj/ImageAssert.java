package dev.fakeecr.assertj;

import dev.fakeecr.registry.ImageInfo;
import java.util.LinkedHashSet;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one image: digest, manifest, media type, tags and size. */
public class ImageAssert extends AbstractAssert<ImageAssert, ImageInfo> {

    /**
     * Assertions on {@code actual}.
     *
     * @param actual the image
     */
    public ImageAssert(ImageInfo actual) {
        super(actual, ImageAssert.class);
    }

    /**
     * The image has this digest.
     *
     * @param digest the expected digest
     * @return this assertion object
     */
    public ImageAssert hasDigest(String digest) {
        isNotNull();
        if (!digest.equals(actual.digest())) {
            failWithMessage("Expecting image digest %s, but it is %s (tags %s)", digest, actual.digest(), actual.tags());
        }
        return this;
    }

    /**
     * The manifest, byte for byte as it was pushed.
     *
     * @param manifest the expected manifest
     * @return this assertion object
     */
    public ImageAssert hasManifest(String manifest) {
        isNotNull();
        if (!manifest.equals(actual.manifest())) {
            failWithMessage("Expecting image %s to have the manifest%n  %s%nbut it has%n  %s",
                    actual.digest(), manifest, actual.manifest());
        }
        return this;
    }

    /**
     * The image's manifest has this media type.
     *
     * @param mediaType the expected media type, e.g. {@link dev.fakeecr.registry.MediaTypes#OCI_MANIFEST}
     * @return this assertion object
     */
    public ImageAssert hasMediaType(String mediaType) {
        isNotNull();
        if (!mediaType.equals(actual.manifestMediaType())) {
            failWithMessage("Expecting image %s to have media type %s, but it has %s",
                    actual.digest(), mediaType, actual.manifestMediaType());
        }
        return this;
    }

    /**
     * The image carries at least these tags.
     *
     * @param tags the tags it must carry
     * @return this assertion object
     */
    public ImageAssert hasTags(String... tags) {
        isNotNull();
        if (!actual.tags().containsAll(List.of(tags))) {
            failWithMessage("Expecting image %s to have tags %s, but its tags are %s",
                    actual.digest(), List.of(tags), actual.tags());
        }
        return this;
    }

    /**
     * The image carries exactly these tags, in any order.
     *
     * @param tags the expected tags
     * @return this assertion object
     */
    public ImageAssert hasOnlyTags(String... tags) {
        isNotNull();
        if (!new LinkedHashSet<>(actual.tags()).equals(new LinkedHashSet<>(List.of(tags)))) {
            failWithMessage("Expecting image %s to have exactly the tags %s, but its tags are %s",
                    actual.digest(), List.of(tags), actual.tags());
        }
        return this;
    }

    /**
     * The image carries no tag.
     *
     * @return this assertion object
     */
    public ImageAssert isUntagged() {
        isNotNull();
        if (!actual.tags().isEmpty()) {
            failWithMessage("Expecting image %s to be untagged, but its tags are %s", actual.digest(), actual.tags());
        }
        return this;
    }

    /**
     * The image is this many bytes ({@link ImageInfo#sizeInBytes()}).
     *
     * @param size the expected size
     * @return this assertion object
     */
    public ImageAssert hasSizeInBytes(long size) {
        isNotNull();
        if (actual.sizeInBytes() != size) {
            failWithMessage("Expecting image %s to be %s bytes, but it is %s", actual.digest(), size, actual.sizeInBytes());
        }
        return this;
    }

    /**
     * The image has this status: ACTIVE, ARCHIVED (by a lifecycle transition or UpdateImageStorageClass), or
     * ACTIVATING while it is restored.
     *
     * @param status the expected status
     * @return this assertion object
     */
    public ImageAssert hasStatus(dev.fakeecr.registry.ImageStatus status) {
        isNotNull();
        if (actual.status() != status) {
            failWithMessage("Expecting image %s (tags %s) to be %s, but it is %s", actual.digest(), actual.tags(), status,
                    actual.status());
        }
        return this;
    }

    /**
     * The image is in the archive storage class and not being restored.
     *
     * @return this assertion object
     */
    public ImageAssert isArchived() {
        return hasStatus(dev.fakeecr.registry.ImageStatus.ARCHIVED);
    }
}
