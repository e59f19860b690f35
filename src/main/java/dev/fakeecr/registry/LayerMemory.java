package dev.fakeecr.registry;

/**
 * How many layer bytes a registry holds: now, at most at any moment so far, and the bound it keeps to.
 */
public record LayerMemory(long retainedBytes, long peakRetainedBytes, long boundBytes) {}
