package dev.fakeecr.internal.registry;

/**
 * One entry of a batch operation's {@code failures} list, echoing the image id as the caller gave it.
 *
 * @param imageId the image id as the caller gave it
 * @param failureCode ECR's failure code, e.g. {@code ImageNotFound}
 * @param failureReason the reason, as ECR words it
 */
public record ImageFailure(ImageId imageId, String failureCode, String failureReason) {
    /** [infer] ECR answers a pull of an archived image with 404; the batch form of that is not known. */
    static ImageFailure archived(ImageId id) {
        return new ImageFailure(id, "ImageNotFound", "Requested image is archived and cannot be pulled");
    }

    static ImageFailure notFound(ImageId id) {
        return new ImageFailure(id, "ImageNotFound", "Requested image not found");
    }

    static ImageFailure missingDigestAndTag(ImageId id) {
        return new ImageFailure(id, "MissingDigestAndTag",
                "Invalid request parameters: both tag and digest cannot be null");
    }

    static ImageFailure invalidDigest(ImageId id) {
        return new ImageFailure(id, "InvalidImageDigest",
                "Invalid request parameters: image digest should satisfy the regex '" + Digests.DIGEST_REGEX_TEXT + "'");
    }

    static ImageFailure referencedByManifestList(ImageId id, java.util.List<String> lists) {
        return new ImageFailure(id, "ImageReferencedByManifestList",
                "Requested image is referenced by manifest list " + lists); // [infer] wording
    }

    static ImageFailure tagDoesNotMatchDigest(ImageId id) {
        return new ImageFailure(id, "ImageTagDoesNotMatchDigest", "Invalid image tag and digest pair"); // [infer]
    }
}
