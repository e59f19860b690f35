package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.ImageInfo;

import java.util.List;

/**
 * BatchGetImage's answer: the images found, each with the id it was asked by, and the failures.
 *
 * @param images the images found, in the order they were asked for
 * @param failures one entry for each requested id that found no image
 */
public record BatchGetImageResult(List<FoundImage> images, List<ImageFailure> failures) {
    /**
     * Copies both lists.
     *
     * @param images the images found
     * @param failures the ids that found no image, with the reason
     */
    public BatchGetImageResult {
        images = List.copyOf(images);
        failures = List.copyOf(failures);
    }

    /**
     * An image found by BatchGetImage; {@code requestedId} carries the tag the caller asked by, if any.
     *
     * @param requestedId the image id as the caller gave it
     * @param image the image
     */
    public record FoundImage(ImageId requestedId, ImageInfo image) {}
}
