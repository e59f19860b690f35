package dev.fakeecr.assertj;

import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.RepositoryInfo;
import java.util.List;
import java.util.Optional;

/**
 * What {@link RepositoryAssert} checks: a repository as it was when the assertion started (or its
 * absence, with the names that did exist, for the failure message).
 *
 * @param name the repository's name
 * @param repository the repository, or null if there is none by that name
 * @param images its images in push order (empty if it does not exist)
 * @param existingRepositories the names of the registry's repositories
 */
public record RepositoryState(String name, RepositoryInfo repository, List<ImageInfo> images,
                              List<String> existingRepositories) {
    /**
     * Copies both lists.
     *
     * @param name the repository's name
     * @param repository the repository, or null if there is none by that name
     * @param images its images in push order
     * @param existingRepositories the names of the registry's repositories
     */
    public RepositoryState {
        images = List.copyOf(images);
        existingRepositories = List.copyOf(existingRepositories);
    }

    Optional<ImageInfo> image(String tagOrDigest) {
        return images.stream()
                .filter(i -> i.digest().equals(tagOrDigest) || i.tags().contains(tagOrDigest))
                .findFirst();
    }

    /** "1 image", "2 images". */
    static String images(int count) {
        return count + (count == 1 ? " image" : " images");
    }

    /** The repository's images and tags, one image per line, for failure messages. */
    String describe() {
        if (repository == null) {
            return "no repository '" + name + "'; the repositories are " + existingRepositories;
        }
        StringBuilder text = new StringBuilder("repository '").append(name).append("' (")
                .append(repository.tagMutability()).append("), which holds ").append(images(images.size()))
                .append(images.isEmpty() ? "" : ":");
        for (ImageInfo image : images) {
            text.append("\n  ").append(image.digest())
                    .append(image.tags().isEmpty() ? " untagged" : " tags " + image.tags());
        }
        return text.toString();
    }
}
