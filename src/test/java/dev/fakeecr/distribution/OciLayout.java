package dev.fakeecr.distribution;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
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
public final class OciLayout {
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
            writeIndex(directory, tag, manifestDigest, manifestBytes.length);
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

    /**
     * Writes an image of one layer of {@code size} pseudo-random bytes, as gzip at level 0 (valid gzip written at
     * disk speed: skopeo would compress, and so change, a layer it finds uncompressed), tagged {@code tag}.
     * Written and hashed in one pass, so a 1 GiB layer never sits in memory.
     *
     * @return the layer's digest
     */
    public static String writeLarge(Path directory, String tag, long size, long seed) {
        try {
            Path blobs = Files.createDirectories(directory.resolve("blobs/sha256"));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Path layerFile = blobs.resolve("layer.tmp");
            SplittableRandom random = new SplittableRandom(seed);
            byte[] chunk = new byte[1 << 20];
            try (OutputStream out = new StoredGzip(new DigestOutputStream(Files.newOutputStream(layerFile), sha))) {
                for (long written = 0; written < size; written += chunk.length) {
                    for (int i = 0; i < chunk.length; i += 8) {
                        long value = random.nextLong();
                        for (int k = 0; k < 8; k++) {
                            chunk[i + k] = (byte) (value >>> (8 * k));
                        }
                    }
                    out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
                }
            }
            String layerDigest = "sha256:" + HexFormat.of().formatHex(sha.digest());
            Files.move(layerFile, blobs.resolve(layerDigest.substring(7)));
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                    .getBytes(StandardCharsets.UTF_8);
            String configDigest = blob(directory, config);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                    + "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                    + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                    + "\"digest\":\"" + layerDigest + "\",\"size\":" + Files.size(blobs.resolve(layerDigest.substring(7))) + "}]}")
                    .getBytes(StandardCharsets.UTF_8);
            writeIndex(directory, tag, blob(directory, manifest), manifest.length);
            return layerDigest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void writeIndex(Path directory, String tag, String manifestDigest, int manifestSize) throws IOException {
        Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(directory.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                + manifestSize + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
    }

    /** gzip at level 0. */
    private static final class StoredGzip extends GZIPOutputStream {
        StoredGzip(OutputStream out) throws IOException {
            super(out, 1 << 20);
            def.setLevel(Deflater.NO_COMPRESSION);
        }
    }

    /** A blob's bytes in a layout directory (one written here, or one skopeo wrote). */
    public static byte[] blobBytes(Path directory, String digest) {
        try {
            return Files.readAllBytes(directory.resolve("blobs/sha256/" + digest.substring("sha256:".length())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
