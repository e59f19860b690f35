package dev.fakeecr.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One repository's settings, images and tags. Guarded by its Registry; never handed out. */
final class Repository {
    final RepositorySettings settings;
    final Instant createdAt;
    /** Images by digest, in push order. */
    final Map<String, StoredImage> images = new LinkedHashMap<>();
    /** Which digest each tag points to. */
    final Map<String, String> tags = new HashMap<>();

    Repository(RepositorySettings settings, Instant createdAt) {
        this.settings = settings;
        this.createdAt = createdAt;
    }

    String name() {
        return settings.name();
    }

    RepositoryInfo info(String registryId, String region) {
        return new RepositoryInfo(registryId, region, settings.name(), createdAt, settings.tagMutability(),
                settings.exclusionFilters(), settings.scanOnPush(), settings.encryptionType(), settings.kmsKey(),
                settings.tags());
    }

    ImageInfo info(String registryId, StoredImage image) {
        return new ImageInfo(registryId, settings.name(), image.digest, new ArrayList<>(image.tags), image.manifest,
                image.parsed.mediaType(), image.parsed.artifactMediaType(), image.parsed.sizeInBytes(), image.pushedAt);
    }

    List<StoredImage> imagesInPushOrder() {
        return new ArrayList<>(images.values());
    }

    /** Points {@code tag} at {@code image}, taking it off the image it pointed to before (which stays, untagged if that was its last tag). */
    void attachTag(String tag, StoredImage image) {
        String previous = tags.put(tag, image.digest);
        if (previous != null && !previous.equals(image.digest)) {
            images.get(previous).tags.remove(tag);
        }
        image.tags.add(tag);
    }
}
