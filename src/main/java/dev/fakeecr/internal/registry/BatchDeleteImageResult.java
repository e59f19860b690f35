package dev.fakeecr.internal.registry;

import java.util.List;

/**
 * BatchDeleteImage's answer: the image ids removed (one per removed tag; digest only if untagged) and the failures.
 *
 * @param deleted the image ids removed, each with its digest
 * @param failures one entry for each requested id that was not deleted
 */
public record BatchDeleteImageResult(List<ImageId> deleted, List<ImageFailure> failures) {
    /**
     * Copies both lists.
     *
     * @param deleted the image ids removed
     * @param failures the ids not deleted, with the reason
     */
    public BatchDeleteImageResult {
        deleted = List.copyOf(deleted);
        failures = List.copyOf(failures);
    }
}
