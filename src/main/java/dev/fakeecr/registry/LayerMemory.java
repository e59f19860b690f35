package dev.fakeecr.registry;

/**
 * How many layer bytes a registry holds on the heap: now, at most at any moment so far, and the bound it keeps
 * to (bytes beyond it go to temporary files).
 *
 * @param retainedBytes the layer bytes on the heap now: completed layers' and unfinished uploads'
 * @param peakRetainedBytes the most held at any moment so far
 * @param boundBytes the most it keeps ({@link RegistryConfig#layerBytesRetained()})
 */
public record LayerMemory(long retainedBytes, long peakRetainedBytes, long boundBytes) {}
