package dev.fakeecr.internal.registry;

/**
 * An image as a request names it: by digest, by tag, or both. Either may be null.
 *
 * @param digest the image digest, or null
 * @param tag the image tag, or null
 */
public record ImageId(String digest, String tag) {
    /**
     * An image named by its digest only.
     *
     * @param digest the image digest
     * @return the id
     */
    public static ImageId ofDigest(String digest) {
        return new ImageId(digest, null);
    }
}
