package dev.fakeecr.distribution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An OCI image layout directory ({@code oci:DIR:tag} for skopeo) written by a test: an image with a config and
 * random layers, no Docker needed.
 */
final class OciLayout {
    final Path directory;
    final String manifest;
    final String manifestDigest;
    final List<String> blobDigests = new ArrayList<>();

    private OciLayout(Path directory, String manifest, String manifestDigest) {
        this.directory = directory;
        this.manifest = manifest;
        this.manifestDigest = manifestDigest;
    }

    /** Writes an image of {@code layerSizes.length} random layers (seeded), tagged {@code tag}. */
    static OciLayout write(Path directory, String tag, long seed, int... layerSizes) {
        try {
            Files.createDirectories(directory.resolve("blobs/sha256"));
            Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            Random random = new Random(seed);
            StringBuilder layers = new StringBuilder();
            StringBuilder diffIds = new StringBuilder();
            List<String> digests = new ArrayList<>();
            for (int size : layerSizes) {
                byte[] content = new byte[size];
                random.nextBytes(content);
                // Real gzip: skopeo checks a layer's compression against its media type and rewrites the manifest
                // when they disagree, which would change the digest.
                ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
                try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
                    gzip.write(content);
                }
                byte[] layer = gzipped.toByteArray();
                size = layer.length;
                String digest = blob(directory, layer);
                digests.add(digest);
                layers.append(layers.length() == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",")
                        .append("\"digest\":\"").append(digest).append("\",\"size\":").append(size).append('}');
                diffIds.append(diffIds.length() == 0 ? "" : ",").append('"').append(digest).append('"');
            }
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                    + "\"diff_ids\":[" + diffIds + "]},\"history\":[]}").getBytes(StandardCharsets.UTF_8);
            String configDigest = blob(directory, config);
            digests.add(0, configDigest);
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                    + "\",\"size\":" + config.length + "},\"layers\":[" + layers + "]}";
            byte[] manifestBytes = manifest.getBytes(StandardCharsets.UTF_8);
            String manifestDigest = blob(directory, manifestBytes);
            Files.writeString(directory.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                    + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                    + manifestBytes.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
            OciLayout layout = new OciLayout(directory, manifest, manifestDigest);
            layout.blobDigests.addAll(digests);
            return layout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String blob(Path directory, byte[] bytes) throws IOException {
        String digest = RegistryConformanceTest.sha256(bytes);
        Files.write(directory.resolve("blobs/sha256/" + digest.substring("sha256:".length())), bytes);
        return digest;
    }

    /** A blob's bytes in a layout directory (one written here, or one skopeo wrote). */
    static byte[] blobBytes(Path directory, String digest) {
        try {
            return Files.readAllBytes(directory.resolve("blobs/sha256/" + digest.substring("sha256:".length())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
