package dev.fakeecr.registry;

import java.util.Set;

/** The manifest media types ECR accepts. */
public final class MediaTypes {
    /** Docker image manifest, schema 2. */
    public static final String DOCKER_MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    /** Docker manifest list (one image per platform), schema 2. */
    public static final String DOCKER_MANIFEST_LIST_V2 = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** OCI image manifest. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** OCI image index, OCI's counterpart of a manifest list. */
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    /** Docker image manifest, schema 1, unsigned. */
    public static final String DOCKER_MANIFEST_V1 = "application/vnd.docker.distribution.manifest.v1+json";
    /** Docker image manifest, schema 1, signed (JWS). */
    public static final String DOCKER_MANIFEST_V1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /** The manifest media types PutImage accepts. */
    public static final Set<String> SUPPORTED = Set.of(DOCKER_MANIFEST_V2, DOCKER_MANIFEST_LIST_V2, OCI_MANIFEST, OCI_INDEX,
            DOCKER_MANIFEST_V1, DOCKER_MANIFEST_V1_SIGNED);

    private MediaTypes() {}

    /**
     * Manifest lists and OCI indexes, which reference other manifests rather than layers.
     *
     * @param mediaType a manifest media type, or null
     * @return whether it is a manifest list or an OCI index
     */
    public static boolean isIndex(String mediaType) {
        return DOCKER_MANIFEST_LIST_V2.equals(mediaType) || OCI_INDEX.equals(mediaType);
    }
}
