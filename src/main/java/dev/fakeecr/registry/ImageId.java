package dev.fakeecr.registry;

/** An image as a request names it: by digest, by tag, or both. Either may be null. */
public record ImageId(String digest, String tag) {
    /** An image named by its digest only. */
    public static ImageId ofDigest(String digest) {
        return new ImageId(digest, null);
    }
}
