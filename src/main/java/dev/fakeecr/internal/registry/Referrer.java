package dev.fakeecr.internal.registry;

import java.util.Map;

/**
 * An image whose manifest's {@code subject} names another image: one entry of ListImageReferrers and of the
 * registry endpoint's referrers API, as an OCI descriptor.
 *
 * @param digest the referrer's digest
 * @param mediaType its manifest's media type
 * @param artifactType its {@code artifactType}, else its config's media type; null for an index without one
 * @param size the manifest's size in bytes
 * @param annotations the manifest's annotations
 * @param status where the referrer is between the storage classes (ListImageReferrers' {@code artifactStatus})
 */
public record Referrer(String digest, String mediaType, String artifactType, long size,
                       Map<String, String> annotations, dev.fakeecr.registry.ImageStatus status) {}
