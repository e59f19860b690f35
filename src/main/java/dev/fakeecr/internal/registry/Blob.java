package dev.fakeecr.internal.registry;

/**
 * A layer or config blob a repository holds: uploaded through the layer APIs, or named by an image
 * pushed there. Its bytes, when the registry kept them, are in the registry's {@link LayerStore}.
 */
record Blob(String digest, long size, String mediaType) {}
