package dev.fakeecr.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a lifecycle policy does (or, in a preview, would do) to one image: one entry of a
 * {@link LifecycleRun} or of GetLifecyclePolicyPreview's {@code previewResults}.
 *
 * @param digest the image's digest
 * @param tags the image's tags when the policy was evaluated
 * @param pushedAt when the image was pushed
 * @param type expire (delete) or transition (archive)
 * @param rulePriority the {@code rulePriority} of the rule that acted on the image
 * @param storageClass the storage class the image was in when the policy was evaluated
 */
public record LifecycleAction(String digest, List<String> tags, Instant pushedAt, Type type, int rulePriority,
                              StorageClass storageClass) {
    /** A lifecycle rule's {@code action.type}. */
    public enum Type {
        /** The image is deleted, as BatchDeleteImage deletes it. */
        EXPIRE,
        /** The image moves to the {@link StorageClass#ARCHIVE} storage class. */
        TRANSITION
    }

    /**
     * Copies {@code tags}.
     *
     * @param digest the image's digest
     * @param tags the image's tags when the policy was evaluated
     * @param pushedAt when the image was pushed
     * @param type expire (delete) or transition (archive)
     * @param rulePriority the {@code rulePriority} of the rule that acted on the image
     * @param storageClass the storage class the image was in when the policy was evaluated
     */
    public LifecycleAction {
        Objects.requireNonNull(digest, "digest");
        tags = List.copyOf(tags);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(storageClass, "storageClass");
    }

    /**
     * Whether {@code tagOrDigest} is this image's digest or one of its tags.
     *
     * @param tagOrDigest a tag or a digest
     * @return whether it names this image
     */
    public boolean names(String tagOrDigest) {
        return digest.equals(tagOrDigest) || tags.contains(tagOrDigest);
    }

    /** The image by its tags (or digest when untagged), the action and the rule. */
    @Override
    public String toString() {
        return (tags.isEmpty() ? digest : String.join(",", tags)) + " " + type + " by rule " + rulePriority;
    }
}
