package dev.fakeecr.internal.registry;

/**
 * A layer or config blob: as a manifest names it, or as a repository holds it (uploaded through the layer APIs,
 * or named by an image pushed there). One type for both, so an image's manifest and its repository share one
 * instance per blob. Its bytes, unless only a seeded manifest named it, are in the registry's {@link BlobStore}.
 *
 * @param digest its digest
 * @param size its size in bytes
 * @param mediaType its media type; null for a blob only uploaded
 */
record Blob(String digest, long size, String mediaType) {
    Blob {
        mediaType = CanonicalMediaTypes.of(mediaType); // one instance of each common name, however many blobs
    }

    /** Foreign (Windows base) and non-distributable layers live elsewhere; ECR does not require them. */
    boolean isForeign() {
        return mediaType != null && (mediaType.contains(".foreign.") || mediaType.contains(".nondistributable."));
    }
}
