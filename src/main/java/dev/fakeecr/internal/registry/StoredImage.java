package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.ImageStatus;
import dev.fakeecr.registry.ScanResult;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** One image held by a repository: the manifest verbatim and what was read from it. Guarded by its Registry. */
final class StoredImage {
    /** Push order within the registry; listings are in this order. */
    final long sequence;
    final String digest;
    final String manifest;
    final Manifest parsed;
    final long sizeInBytes;
    /** When it was first pushed, as its parts: an {@code Instant} would be one more object per image kept. */
    private final long pushedAtSecond;
    private final int pushedAtNano;
    /**
     * Its tags, in the order they were added: an immutable list while there are few (most images have one tag or
     * none, and an image is kept for the whole suite: one small object for the collector to copy, not a set's
     * four), a set once there are many.
     */
    private Collection<String> tags = List.of();
    Instant lastRecordedPullTime;
    /** The last scan, or null if the image was never scanned. */
    ScanResult scan;
    /**
     * Its signing status per signing profile; null until a signing rule matches a push of it (most images
     * never have one, and a suite holds many images: the heap and the collector see each empty map).
     */
    private Map<String, SigningStatus> signing;
    /** Where the copies of its pushes stand, by destination; null until it is first replicated. */
    private Map<ReplicationConfiguration.Destination, ReplicationStatus> replication;
    /** Where the image is between the standard and archive storage classes. */
    ImageStatus status = ImageStatus.ACTIVE;
    /** When it was last archived (by a lifecycle transition or UpdateImageStorageClass), or null. */
    Instant lastArchivedAt;
    /** When its last restore from the archive completed, or null. */
    Instant lastActivatedAt;
    /** While {@link ImageStatus#ACTIVATING}: when the restore completes, on the registry's clock. */
    Instant activatesAt;

    /** When it was first pushed. */
    Instant pushedAt() {
        return Instant.ofEpochSecond(pushedAtSecond, pushedAtNano);
    }

    /** The most tags kept as a list, which is copied on every change. */
    private static final int LISTED_TAGS = 8;

    /**
     * Its tags, oldest first, read-only (see {@link #addTag}, {@link #removeTag}). Past {@link #LISTED_TAGS} tags it
     * is a view: change the tags only after iterating it.
     */
    Collection<String> tags() {
        return tags instanceof List ? tags : Collections.unmodifiableCollection(tags);
    }

    /** Adds {@code tag} last, unless the image has it already. */
    void addTag(String tag) {
        if (tags.contains(tag)) {
            return;
        }
        if (tags instanceof List && tags.size() < LISTED_TAGS) {
            String[] more = tags.toArray(new String[tags.size() + 1]);
            more[more.length - 1] = tag;
            tags = List.of(more);
        } else {
            if (tags instanceof List) {
                tags = new LinkedHashSet<>(tags);
            }
            tags.add(tag);
        }
    }

    /** Takes {@code tag} off the image, if it has it. */
    void removeTag(String tag) {
        if (!(tags instanceof List)) {
            tags.remove(tag);
        } else if (tags.contains(tag)) {
            tags = tags.stream().filter(t -> !t.equals(tag)).toList();
        }
    }

    /** Its signing statuses, to change. */
    Map<String, SigningStatus> signing() {
        if (signing == null) {
            signing = new LinkedHashMap<>();
        }
        return signing;
    }

    /** Its signing statuses, in the order the profiles matched; empty if none did. */
    Collection<SigningStatus> signingStatuses() {
        return signing == null ? List.of() : signing.values();
    }

    /** Its replication statuses, to change. */
    Map<ReplicationConfiguration.Destination, ReplicationStatus> replication() {
        if (replication == null) {
            replication = new LinkedHashMap<>();
        }
        return replication;
    }

    /** Its replication statuses, by destination in the order they were first copied to; empty if never. */
    Collection<ReplicationStatus> replicationStatuses() {
        return replication == null ? List.of() : replication.values();
    }

    StoredImage(long sequence, String digest, String manifest, Manifest parsed, long sizeInBytes, Instant pushedAt) {
        this.sequence = sequence;
        this.digest = digest;
        this.manifest = manifest;
        this.parsed = parsed;
        this.sizeInBytes = sizeInBytes;
        this.pushedAtSecond = pushedAt.getEpochSecond();
        this.pushedAtNano = pushedAt.getNano();
    }
}
