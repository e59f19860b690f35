package dev.fakeecr.registry;

/**
 * How many layer bytes a registry holds: now, at most at any moment so far, and the bound it keeps to.
 *
 * @param retainedBytes the layer bytes held now: completed layers' and unfinished uploads'
 * @param peakRetainedBytes the most held at any moment so far
 * @param boundBytes the most it keeps ({@link RegistryConfig#layerBytesRetained()})
 */
public record LayerMemory(long retainedBytes, long peakRetainedBytes, long boundBytes) {}
