package dev.fakeecr.registry;

/**
 * How one account's registry behaves where a test may want it to differ from ECR's defaults.
 *
 * @param maxImagesPerRepository the images-per-repository quota (ECR's is 100,000); lower it to reach
 *     {@code LimitExceededException} with a few images
 * @param layerBytesRetained how many bytes of uploaded layers the registry keeps, in all, to serve
 *     downloads; a layer that does not fit is still verified and recorded, but not kept
 * @param layerChecks whether PutImage requires the manifest's layers and referenced images to be in
 *     the repository, as ECR does ({@code LayersNotFoundException}, {@code ReferencedImagesNotFoundException})
 */
public record RegistryConfig(int maxImagesPerRepository, long layerBytesRetained, boolean layerChecks) {
    /** ECR's behaviour, with 64 MiB of layer bytes kept per registry. */
    public static final RegistryConfig DEFAULTS = new RegistryConfig(100_000, 64L * 1024 * 1024, true);

    public RegistryConfig {
        if (maxImagesPerRepository < 1) {
            throw new IllegalArgumentException("maxImagesPerRepository must be at least 1: " + maxImagesPerRepository);
        }
        if (layerBytesRetained < 0) {
            throw new IllegalArgumentException("layerBytesRetained must not be negative: " + layerBytesRetained);
        }
    }

    public RegistryConfig withMaxImagesPerRepository(int max) {
        return new RegistryConfig(max, layerBytesRetained, layerChecks);
    }

    public RegistryConfig withLayerBytesRetained(long bytes) {
        return new RegistryConfig(maxImagesPerRepository, bytes, layerChecks);
    }

    public RegistryConfig withLayerChecks(boolean on) {
        return new RegistryConfig(maxImagesPerRepository, layerBytesRetained, on);
    }
}
