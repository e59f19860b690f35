package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import dev.fakeecr.distribution.OciLayout;
import dev.fakeecr.distribution.Skopeo;
import java.util.List;
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
        String layerDigest = OciLayout.writeLarge(source, "1", ONE_GIB, 42);
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
                    .singleElement().satisfies(layer -> assertThat(layer.layerSize()).isGreaterThan(ONE_GIB)); // gzip adds a little
        }
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

    private void skopeo(String... args) {
        Skopeo.succeed(work, Duration.ofMinutes(10), args);
    }
}
