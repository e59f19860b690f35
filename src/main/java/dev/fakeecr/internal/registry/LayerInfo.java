package dev.fakeecr.internal.registry;

/**
 * A layer (or config blob) a repository holds.
 *
 * @param digest the blob's digest
 * @param size its size in bytes
 * @param mediaType the media type an image gave it, or null if no image named it yet
 * @param bytesKept whether the registry kept its bytes, so that it can be downloaded
 */
public record LayerInfo(String digest, long size, String mediaType, boolean bytesKept) {}
