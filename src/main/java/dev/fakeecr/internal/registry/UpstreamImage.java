package dev.fakeecr.internal.registry;

/**
 * An image in an upstream registry, as a pull through cache fetches it.
 *
 * @param manifest the manifest, verbatim
 * @param mediaType its media type, or null to read it from the manifest
 */
public record UpstreamImage(String manifest, String mediaType) {}
