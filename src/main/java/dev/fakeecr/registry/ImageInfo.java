package dev.fakeecr.registry;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one image (one digest) in a repository, with all its tags in the order they were added.
 *
 * @param registryId the account that owns the registry
 * @param repositoryName the repository's name
 * @param digest the image's digest: {@code sha256:} and the SHA-256 of its manifest
 * @param tags its tags, in the order they were added
 * @param manifest the manifest, exactly as pushed
 * @param manifestMediaType the manifest's media type, as declared or read from the manifest
 * @param artifactMediaType the manifest's {@code artifactType}, else its config's media type (never a manifest
 *     list's); null when there is neither
 * @param sizeInBytes config plus layers for an image manifest; for a manifest list, the largest size
 *     of the images it names that were in the repository when it was pushed
 * @param pushedAt when the image was first pushed
 * @param lastRecordedPullTime when BatchGetImage last returned the image, or null
 * @param subjectDigest the OCI {@code subject} this image refers to, or null
 * @param scan the image's last scan, or null if it was never scanned
 * @param status ACTIVE, ARCHIVED, or ACTIVATING while it is restored from the archive
 * @param lastArchivedAt when the image was last archived, or null
 * @param lastActivatedAt when the image was last restored from the archive, or null
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
        ScanResult scan,
        ImageStatus status,
        Instant lastArchivedAt,
        Instant lastActivatedAt) {

    /**
     * Copies {@code tags}.
     *
     * @param registryId the account that owns the registry
     * @param repositoryName the repository's name
     * @param digest the image's digest: {@code sha256:} and the SHA-256 of its manifest
     * @param tags its tags, in the order they were added
     * @param manifest the manifest, exactly as pushed
     * @param manifestMediaType the manifest's media type, as declared or read from the manifest
     * @param artifactMediaType the manifest's {@code artifactType}, else its config's media type (never a manifest
     *     list's); null when there is neither
     * @param sizeInBytes config plus layers for an image manifest; for a manifest list, the largest size
     *     of the images it names that were in the repository when it was pushed
     * @param pushedAt when the image was first pushed
     * @param lastRecordedPullTime when BatchGetImage last returned the image, or null
     * @param subjectDigest the OCI {@code subject} this image refers to, or null
     * @param scan the image's last scan, or null if it was never scanned
     * @param status ACTIVE, ARCHIVED, or ACTIVATING while it is restored from the archive
     * @param lastArchivedAt when the image was last archived, or null
     * @param lastActivatedAt when the image was last restored from the archive, or null
     */
    public ImageInfo {
        tags = List.copyOf(tags);
        java.util.Objects.requireNonNull(status, "status");
    }

    /**
     * The storage class the image is in: STANDARD when active, else ARCHIVE (also while being restored).
     *
     * @return the storage class
     */
    public StorageClass storageClass() {
        return status.storageClass();
    }
}
