package dev.fakeecr.internal.registry;

/**
 * A layer or config blob a repository holds: uploaded through the layer APIs, or named by an image
 * pushed there. Its bytes, unless only a seeded manifest named it, are in the registry's {@link BlobStore}.
 */
record Blob(String digest, long size, String mediaType) {}
