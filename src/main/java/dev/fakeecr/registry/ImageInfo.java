package dev.fakeecr.registry;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one image (one digest) in a repository, with all its tags in the order they were added.
 *
 * @param sizeInBytes config plus layers for an image manifest; for a manifest list, the sum of the
 *     sizes of the images it names that were in the repository when it was pushed
 * @param lastRecordedPullTime when BatchGetImage last returned the image, or null
 * @param subjectDigest the OCI {@code subject} this image refers to, or null
 * @param scan the image's last scan, or null if it was never scanned
 */
public record ImageInfo(
        String registryId,
        String repositoryName,
        String digest,
        List<String> tags,
        String manifest,
        String manifestMediaType,
        String artifactMediaType,
        long sizeInBytes,
        Instant pushedAt,
        Instant lastRecordedPullTime,
        String subjectDigest,
        ScanResult scan) {

    public ImageInfo {
        tags = List.copyOf(tags);
    }
}
