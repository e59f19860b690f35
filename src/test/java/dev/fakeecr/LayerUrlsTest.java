package dev.fakeecr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.internal.registry.Digests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * GetDownloadUrlForLayer's URLs are the server's own (not the request's Host), signed for the caller's
 * account and expiring on the registry's clock, like ECR's presigned S3 URLs: a URL cannot be made up,
 * changed or used after it expired.
 */
class LayerUrlsTest {
    private static final byte[] LAYER = "the layer's bytes".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static final ServerPerClass server = ServerPerClass.start();

    private final HttpClient http = HttpClient.newHttpClient();

    private static String upload(EcrClient ecr, byte[] bytes) {
        String uploadId = ecr.initiateLayerUpload(r -> r.repositoryName("app")).uploadId();
        ecr.uploadLayerPart(r -> r.repositoryName("app").uploadId(uploadId).partFirstByte(0L)
                .partLastByte((long) bytes.length - 1).layerPartBlob(SdkBytes.fromByteArray(bytes)));
        return ecr.completeLayerUpload(r -> r.repositoryName("app").uploadId(uploadId).layerDigests(Digests.of(bytes)))
                .layerDigest();
    }

    /** Pushes an image with {@link #LAYER} into "app" and returns the layer's download URL. */
    private static String pushedLayerUrl(FakeEcr fake, EcrClient ecr) {
        fake.createRepository("app");
        byte[] config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        String configDigest = upload(ecr, config);
        String layerDigest = upload(ecr, LAYER);
        ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest("{\"schemaVersion\":2,\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length + ",\"digest\":\"" + configDigest
                + "\"},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":" + LAYER.length
                + ",\"digest\":\"" + layerDigest + "\"}]}"));
        return ecr.getDownloadUrlForLayer(r -> r.repositoryName("app").layerDigest(layerDigest)).downloadUrl();
    }

    private HttpResponse<byte[]> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theUrlIsTheServersOwnWhateverHostTheRequestNamed() throws Exception {
        try (FakeEcr fake = server.account("123456789012", "us-east-1")) {
            // A client that reaches the server through another name: the Host header says "localhost".
            URI viaLocalhost = URI.create("http://localhost:" + server.endpoint().getPort());
            try (EcrClient ecr = fake.clientBuilder().endpointOverride(viaLocalhost).build()) {
                String url = pushedLayerUrl(fake, ecr);

                assertThat(url).startsWith(server.endpoint() + "/fake-ecr/layers/123456789012/us-east-1/");
                assertThat(get(url).body()).isEqualTo(LAYER);
            }
        }
    }

    @Test
    void aChangedOrMadeUpUrlIsRefused() throws Exception {
        try (FakeEcr fake = server.account("123456789012", "us-east-1")) {
            String url = pushedLayerUrl(fake, fake.client());
            String unsigned = url.substring(0, url.indexOf('?'));
            String otherCaller = url.replace("caller=123456789012", "caller=222222222222");
            String longer = url.replaceAll("expires=\\d+", "expires=99999999999");

            for (String refused : new String[] {unsigned, otherCaller, longer}) {
                HttpResponse<byte[]> answer = get(refused);
                String body = new String(answer.body(), StandardCharsets.UTF_8);
                assertThat(answer.statusCode()).as(refused).isEqualTo(403);
                assertThat(body).startsWith("{\"__type\":\"AccessDeniedException\"");
            }
            assertThat(get(url).statusCode()).as("the URL as handed out").isEqualTo(200);
        }
    }

    @Test
    void aUrlExpiresOnTheRegistrysClock() throws Exception {
        try (FakeEcr fake = server.account("123456789012", "us-east-1")) {
            String url = pushedLayerUrl(fake, fake.client());
            fake.clock().advance(Duration.ofMinutes(59));
            assertThat(get(url).statusCode()).isEqualTo(200);

            fake.clock().advance(Duration.ofMinutes(2));
            HttpResponse<byte[]> expired = get(url);

            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("expired");
        }
    }
}
