package dev.fakeecr.registry;

import java.util.List;

/** BatchGetImage's answer: the images found, each with the id it was asked by, and the failures. */
public record BatchGetImageResult(List<FoundImage> images, List<ImageFailure> failures) {
    public BatchGetImageResult {
        images = List.copyOf(images);
        failures = List.copyOf(failures);
    }

    /** An image found by BatchGetImage; {@code requestedId} carries the tag the caller asked by, if any. */
    public record FoundImage(ImageId requestedId, ImageInfo image) {}
}
