package dev.fakeecr.internal.registry;

/**
 * A layer or config blob a repository holds: uploaded through the layer APIs, or named by an image
 * pushed there. {@code bytes} is null when the registry did not keep them (not uploaded, or over the
 * retention bound).
 */
record Blob(String digest, long size, String mediaType, byte[] bytes) {}
