package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.ExclusionFilter;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.RepositoryInfo;
import dev.fakeecr.registry.RepositorySettings;
import dev.fakeecr.registry.ResourceTag;
import dev.fakeecr.registry.ScanFinding;
import dev.fakeecr.registry.TagMutability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One repository's settings, images and tags. Guarded by its Registry; never handed out. */
final class Repository {
    final String name;
    final Instant createdAt;
    boolean scanOnPush;
    final String encryptionType;
    final String kmsKey;
    TagMutability tagMutability;
    List<ExclusionFilter> exclusionFilters;
    /** The repository policy and lifecycle policy, as given; null when none is set. */
    String policyText;
    String lifecyclePolicyText;
    /** What a scan of an image (by digest) reports; none when not set. */
    final Map<String, List<ScanFinding>> scanFindings = new HashMap<>();
    /** Resource tags by key, in the order they were first set. */
    final Map<String, String> resourceTags = new LinkedHashMap<>();
    /** Images by digest, in push order. */
    final Map<String, StoredImage> images = new LinkedHashMap<>();
    /** Which digest each tag points to. */
    final Map<String, String> tags = new HashMap<>();
    /** Layer and config blobs by digest: uploaded, or named by an image pushed here. */
    final Map<String, Blob> blobs = new HashMap<>();
    /** Layer uploads in progress, by upload id. */
    final Map<String, LayerUpload> uploads = new HashMap<>();

    Repository(RepositorySettings settings, Instant createdAt) {
        this.name = settings.name();
        this.createdAt = createdAt;
        this.scanOnPush = settings.scanOnPush();
        this.encryptionType = settings.encryptionType();
        this.kmsKey = settings.kmsKey();
        this.tagMutability = settings.tagMutability();
        this.exclusionFilters = settings.exclusionFilters();
        settings.tags().forEach(t -> resourceTags.put(t.key(), t.value()));
    }

    RepositoryInfo info(String registryId, String region) {
        return new RepositoryInfo(registryId, region, name, createdAt, tagMutability, exclusionFilters, scanOnPush,
                encryptionType, kmsKey, resourceTagList());
    }

    List<ResourceTag> resourceTagList() {
        List<ResourceTag> list = new ArrayList<>(resourceTags.size());
        resourceTags.forEach((k, v) -> list.add(new ResourceTag(k, v)));
        return list;
    }

    ImageInfo info(String registryId, StoredImage image) {
        return new ImageInfo(registryId, name, image.digest, new ArrayList<>(image.tags), image.manifest,
                image.parsed.mediaType(), image.parsed.artifactMediaType(), image.sizeInBytes, image.pushedAt,
                image.lastRecordedPullTime, image.parsed.subjectDigest(), image.scan);
    }

    /** Points {@code tag} at {@code image}, taking it off the image it pointed to before (which stays, untagged if that was its last tag). */
    void attachTag(String tag, StoredImage image) {
        String previous = tags.put(tag, image.digest);
        if (previous != null && !previous.equals(image.digest)) {
            images.get(previous).tags.remove(tag);
        }
        image.tags.add(tag);
    }

    /** The manifest lists in this repository that name {@code digest}. */
    List<String> listsReferencing(String digest) {
        List<String> lists = new ArrayList<>();
        for (StoredImage image : images.values()) {
            if (image.parsed.referencedManifests().contains(digest)) {
                lists.add(image.digest);
            }
        }
        return lists;
    }

    /** The layer bytes this repository keeps: completed layers' and unfinished uploads' buffers. */
    long retainedBytes() {
        long bytes = 0;
        for (Blob blob : blobs.values()) {
            bytes += blob.bytes() == null ? 0 : blob.bytes().length;
        }
        for (LayerUpload upload : uploads.values()) {
            bytes += upload.buffered();
        }
        return bytes;
    }

    /** Whether a current image's manifest names this blob (only such layers can be downloaded). */
    boolean isReferenced(String blobDigest) {
        return images.values().stream()
                .anyMatch(i -> i.parsed.blobs().stream().anyMatch(b -> b.digest().equals(blobDigest)));
    }

    void remove(StoredImage image) {
        images.remove(image.digest);
        image.tags.forEach(tags::remove);
    }
}
