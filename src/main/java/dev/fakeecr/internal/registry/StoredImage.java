package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.ImageStatus;
import dev.fakeecr.registry.ScanResult;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** One image held by a repository: the manifest verbatim and what was read from it. Guarded by its Registry. */
final class StoredImage {
    /** Push order within the registry; listings are in this order. */
    final long sequence;
    final String digest;
    final String manifest;
    final Manifest parsed;
    final long sizeInBytes;
    final Instant pushedAt;
    final Set<String> tags = new LinkedHashSet<>();
    Instant lastRecordedPullTime;
    /** The last scan, or null if the image was never scanned. */
    ScanResult scan;
    /** Its signing status per signing profile; empty when no signing rule matched its push. */
    final java.util.Map<String, SigningStatus> signing = new java.util.LinkedHashMap<>();
    /** Where the copies of its pushes stand, by destination; empty when it was never replicated. */
    final java.util.Map<ReplicationConfiguration.Destination, ReplicationStatus> replication =
            new java.util.LinkedHashMap<>();
    /** Where the image is between the standard and archive storage classes. */
    ImageStatus status = ImageStatus.ACTIVE;
    /** When it was last archived (by a lifecycle transition or UpdateImageStorageClass), or null. */
    Instant lastArchivedAt;
    /** When its last restore from the archive completed, or null. */
    Instant lastActivatedAt;
    /** While {@link ImageStatus#ACTIVATING}: when the restore completes, on the registry's clock. */
    Instant activatesAt;

    StoredImage(long sequence, String digest, String manifest, Manifest parsed, long sizeInBytes, Instant pushedAt) {
        this.sequence = sequence;
        this.digest = digest;
        this.manifest = manifest;
        this.parsed = parsed;
        this.sizeInBytes = sizeInBytes;
        this.pushedAt = pushedAt;
    }
}
