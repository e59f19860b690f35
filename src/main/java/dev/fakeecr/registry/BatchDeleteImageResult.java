package dev.fakeecr.registry;

import java.util.List;

/** BatchDeleteImage's answer: the image ids removed (one per removed tag; digest only if untagged) and the failures. */
public record BatchDeleteImageResult(List<ImageId> deleted, List<ImageFailure> failures) {
    public BatchDeleteImageResult {
        deleted = List.copyOf(deleted);
        failures = List.copyOf(failures);
    }
}
