package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.MediaTypes;
import java.util.HashMap;
import java.util.Map;

/**
 * One shared instance of each well-known media type. Every parsed manifest yields new strings for its media
 * types and its descriptors'; a registry holding tens of thousands of images would keep as many copies of the
 * same few names, for the heap to hold and the collector to copy.
 */
final class CanonicalMediaTypes {
    private static final Map<String, String> KNOWN = new HashMap<>();

    static {
        MediaTypes.SUPPORTED.forEach(type -> KNOWN.put(type, type));
        for (String type : new String[] {
            "application/vnd.docker.container.image.v1+json",
            "application/vnd.docker.image.rootfs.diff.tar.gzip",
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
            "application/vnd.oci.image.config.v1+json",
            "application/vnd.oci.image.layer.v1.tar",
            "application/vnd.oci.image.layer.v1.tar+gzip",
            "application/vnd.oci.image.layer.v1.tar+zstd",
            "application/vnd.oci.empty.v1+json"}) {
            KNOWN.put(type, type);
        }
    }

    private CanonicalMediaTypes() {}

    /** The shared instance equal to {@code mediaType}, or {@code mediaType} itself if it is not well known. */
    static String of(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        String known = KNOWN.get(mediaType);
        return known != null ? known : mediaType;
    }
}
