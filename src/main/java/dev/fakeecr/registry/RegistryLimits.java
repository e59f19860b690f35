package dev.fakeecr.registry;

/** The service quotas a registry enforces; lower them to reach a limit in a test with a few images. */
public record RegistryLimits(int maxImagesPerRepository) {
    /** ECR's default quota: 100,000 images per repository. */
    public static final RegistryLimits ECR_DEFAULTS = new RegistryLimits(100_000);

    public RegistryLimits {
        if (maxImagesPerRepository < 1) {
            throw new IllegalArgumentException("maxImagesPerRepository must be at least 1: " + maxImagesPerRepository);
        }
    }
}
