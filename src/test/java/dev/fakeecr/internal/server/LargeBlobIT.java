package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * A 1 GiB layer pushed by skopeo into the standalone jar running with a 128 MiB heap, then pulled back: the
 * registry endpoint streams blob bodies into temporary files and back, so the heap never holds a layer.
 */
class LargeBlobIT {
    private static final long ONE_GIB = 1024L * 1024 * 1024;

    @TempDir
    Path work;

    @Test
    void aOneGibibyteLayerGoesInAndOutOfAServerWithAnEighthOfThatInHeap() throws Exception {
        Path source = work.resolve("source");
        String layerDigest = writeImage(source, ONE_GIB);
        try (StandaloneJar jar = StandaloneJar.start(List.of("-Xmx128m"));
             EcrClient ecr = EcrClient.builder().endpointOverride(URI.create(jar.endpoint)).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "x")))
                     .build()) {
            ecr.createRepository(r -> r.repositoryName("big"));
            String token = ecr.getAuthorizationToken().authorizationData().get(0).authorizationToken();
            String creds = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            String reference = "docker://" + URI.create(jar.endpoint).getAuthority() + "/big:1";

            skopeo("copy", "--dest-tls-verify=false", "--dest-creds", creds, "oci:" + source + ":1", reference);
            Path pulled = work.resolve("pulled");
            skopeo("copy", "--src-tls-verify=false", "--src-creds", creds, reference, "oci:" + pulled + ":1");

            assertThat(sha256(pulled.resolve("blobs/sha256/" + layerDigest.substring(7)))).isEqualTo(layerDigest);
            assertThat(ecr.batchCheckLayerAvailability(r -> r.repositoryName("big").layerDigests(layerDigest)).layers())
                    .singleElement().satisfies(layer -> assertThat(layer.layerSize()).isGreaterThan(ONE_GIB));
        }
    }

    /**
     * An OCI layout with one layer of pseudo-random bytes, written and hashed in one pass. The layer is gzip at
     * level 0 (stored, so fast to write): skopeo compresses a layer it finds uncompressed, which would change it.
     */
    private static String writeImage(Path directory, long size) throws Exception {
        Path blobs = Files.createDirectories(directory.resolve("blobs/sha256"));
        Path layerFile = blobs.resolve("layer.tmp");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(42);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = new StoredGzip(new java.security.DigestOutputStream(Files.newOutputStream(layerFile), sha))) {
            for (long written = 0; written < size; written += chunk.length) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        chunk[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                out.write(chunk);
            }
        }
        String layerDigest = "sha256:" + HexFormat.of().formatHex(sha.digest());
        Files.move(layerFile, blobs.resolve(layerDigest.substring(7)));
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
        String configDigest = write(blobs, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                + "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                + layerDigest + "\",\"size\":" + Files.size(blobs.resolve(layerDigest.substring(7))) + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        String manifestDigest = write(blobs, manifest);
        Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(directory.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                + manifest.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"1\"}}]}");
        return layerDigest;
    }

    /** gzip without compression: valid gzip, written at disk speed. */
    private static final class StoredGzip extends java.util.zip.GZIPOutputStream {
        StoredGzip(OutputStream out) throws IOException {
            super(out, 1 << 20);
            def.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
        }
    }

    private static String write(Path blobs, byte[] bytes) throws Exception {
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Files.write(blobs.resolve(digest.substring(7)), bytes);
        return digest;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private void skopeo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        command.addAll(List.of(args));
        Path log = Files.createDirectories(Path.of("target", "skopeo")).resolve("large-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(work.toFile()).start();
        assertThat(process.waitFor(600, TimeUnit.SECONDS)).as("skopeo finishes within 10 minutes").isTrue();
        assertThat(process.exitValue()).as("skopeo " + command + ":\n" + Files.readString(log)).isZero();
    }
}
