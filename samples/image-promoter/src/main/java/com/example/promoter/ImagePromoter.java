package com.example.promoter;

import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;

/**
 * Promotes an image by giving it another tag (e.g. "1.4.2" to "production"), the way ECR's documentation
 * retags: read the manifest with BatchGetImage, put it back under the new tag with PutImage.
 */
public final class ImagePromoter {
    private final EcrClient ecr;

    public ImagePromoter(EcrClient ecr) {
        this.ecr = ecr;
    }

    /**
     * Points {@code toTag} at the image {@code fromTag} names.
     *
     * @return the promoted image's digest
     * @throws IllegalArgumentException if {@code fromTag} names no image
     * @throws PromotionRefusedException if {@code toTag} is immutable and already names another image
     */
    public String promote(String repository, String fromTag, String toTag) {
        BatchGetImageResponse found = ecr.batchGetImage(r -> r.repositoryName(repository)
                .imageIds(ImageIdentifier.builder().imageTag(fromTag).build()));
        if (found.images().isEmpty()) {
            throw new IllegalArgumentException("no image tagged " + fromTag + " in " + repository + ": "
                    + found.failures());
        }
        Image image = found.images().get(0);
        try {
            ecr.putImage(r -> r.repositoryName(repository).imageTag(toTag)
                    .imageManifest(image.imageManifest())
                    .imageManifestMediaType(image.imageManifestMediaType()));
        } catch (ImageAlreadyExistsException alreadyPromoted) {
            // ECR refuses the same digest and tag twice; for a promotion that means it is already done.
        } catch (ImageTagAlreadyExistsException immutable) {
            throw new PromotionRefusedException(repository, toTag, immutable);
        }
        return image.imageId().imageDigest();
    }

    /** The target tag is immutable and names another image. */
    public static final class PromotionRefusedException extends RuntimeException {
        public PromotionRefusedException(String repository, String tag, Throwable cause) {
            super("tag " + tag + " in " + repository + " is immutable and names another image", cause);
        }
    }
}
