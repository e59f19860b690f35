package dev.fakeecr;

/** Manifests for tests: valid documents of each format, distinct per seed so their digests differ. */
public final class Manifests {
    private Manifests() {}

    /** A Docker image manifest v2 schema 2 whose config and layer digests derive from {@code seed}. */
    public static String dockerV2(String seed) {
        return dockerV2(seed, 3208942);
    }

    /** As {@link #dockerV2(String)}, with one layer of {@code layerSize} bytes (the image is 1470 bytes more). */
    public static String dockerV2(String seed, long layerSize) {
        return "{\"schemaVersion\":2,"
                + "\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1470,"
                + "\"digest\":\"" + digest("config-" + seed) + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":" + layerSize
                + ",\"digest\":\"" + digest("layer-" + seed) + "\"}]}";
    }

    /** An OCI image manifest without a {@code mediaType} member, as Helm and ORAS push them. */
    public static String ociWithoutMediaType(String seed) {
        return "{\"schemaVersion\":2,"
                + "\"config\":{\"mediaType\":\"application/vnd.cncf.helm.config.v1+json\",\"size\":117,"
                + "\"digest\":\"" + digest("config-" + seed) + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.cncf.helm.chart.content.v1.tar+gzip\",\"size\":3242,"
                + "\"digest\":\"" + digest("layer-" + seed) + "\"}]}";
    }

    /** An OCI image manifest with its {@code mediaType}. */
    public static String oci(String seed) {
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":100,"
                + "\"digest\":\"" + digest("config-" + seed) + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":2000,"
                + "\"digest\":\"" + digest("layer-" + seed) + "\"}]}";
    }

    /** A Docker manifest list naming two platform manifests. */
    public static String dockerManifestList(String amd64Digest, String arm64Digest) {
        return "{\"schemaVersion\":2,"
                + "\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\","
                + "\"manifests\":["
                + "{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"size\":528,"
                + "\"digest\":\"" + amd64Digest + "\",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
                + "{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"size\":528,"
                + "\"digest\":\"" + arm64Digest + "\",\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}]}";
    }

    /** A Docker image manifest v2 schema 1 (no mediaType member; {@code schemaVersion} 1). */
    public static String dockerV1(String seed) {
        return "{\"schemaVersion\":1,\"name\":\"app\",\"tag\":\"" + seed + "\",\"architecture\":\"amd64\","
                + "\"fsLayers\":[{\"blobSum\":\"" + digest("layer-" + seed) + "\"}],\"history\":[]}";
    }

    /** A well-formed sha256 digest derived from {@code text} (not of any manifest). */
    public static String digest(String text) {
        return dev.fakeecr.internal.registry.Digests.of(text);
    }
}
