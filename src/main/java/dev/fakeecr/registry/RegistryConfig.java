package dev.fakeecr.registry;

/**
 * How one account's registry behaves where a test may want it to differ from ECR's defaults.
 *
 * @param maxImagesPerRepository the images-per-repository quota (ECR's is 100,000); lower it to reach
 *     {@code LimitExceededException} with a few images
 * @param layerBytesRetained how many bytes of uploaded layers the registry keeps on the heap, in all; blobs
 *     over 8 MiB and those that do not fit go to temporary files, deleted when the registry is released
 * @param layerChecks whether PutImage requires the manifest's layers and referenced images to be in
 *     the repository, as ECR does ({@code LayersNotFoundException}, {@code ReferencedImagesNotFoundException})
 */
public record RegistryConfig(int maxImagesPerRepository, long layerBytesRetained, boolean layerChecks) {
    /** ECR's behaviour, with 64 MiB of layer bytes kept per registry. */
    public static final RegistryConfig DEFAULTS = new RegistryConfig(100_000, 64L * 1024 * 1024, true);

    /**
     * Checks the bounds.
     *
     * @param maxImagesPerRepository the images-per-repository quota, at least 1
     * @param layerBytesRetained how many bytes of uploaded layers the registry keeps on the heap, at least 0
     * @param layerChecks whether PutImage requires the manifest's layers and referenced images
     * @throws IllegalArgumentException if {@code maxImagesPerRepository} is below 1 or {@code layerBytesRetained}
     *     is negative
     */
    public RegistryConfig {
        if (maxImagesPerRepository < 1) {
            throw new IllegalArgumentException("maxImagesPerRepository must be at least 1: " + maxImagesPerRepository);
        }
        if (layerBytesRetained < 0) {
            throw new IllegalArgumentException("layerBytesRetained must not be negative: " + layerBytesRetained);
        }
    }

    /**
     * This config with another images-per-repository quota.
     *
     * @param max the quota, at least 1
     * @return a new config
     */
    public RegistryConfig withMaxImagesPerRepository(int max) {
        return new RegistryConfig(max, layerBytesRetained, layerChecks);
    }

    /**
     * This config with another bound on the layer bytes kept.
     *
     * @param bytes the bound, at least 0
     * @return a new config
     */
    public RegistryConfig withLayerBytesRetained(long bytes) {
        return new RegistryConfig(maxImagesPerRepository, bytes, layerChecks);
    }

    /**
     * This config with PutImage's layer and referenced-image checks on or off.
     *
     * @param on whether PutImage requires the layers and referenced images
     * @return a new config
     */
    public RegistryConfig withLayerChecks(boolean on) {
        return new RegistryConfig(maxImagesPerRepository, layerBytesRetained, on);
    }
}
