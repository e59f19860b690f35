package dev.fakeecr.registry;

import java.time.Instant;
import java.util.List;

/** A snapshot of one image (one digest) in a repository, with all its tags in the order they were added. */
public record ImageInfo(
        String registryId,
        String repositoryName,
        String digest,
        List<String> tags,
        String manifest,
        String manifestMediaType,
        String artifactMediaType,
        Long sizeInBytes,
        Instant pushedAt) {

    public ImageInfo {
        tags = List.copyOf(tags);
    }
}
