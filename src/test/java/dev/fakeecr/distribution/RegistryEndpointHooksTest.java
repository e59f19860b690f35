package dev.fakeecr.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.Manifests;
import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.registry.RegistryLogin;
import dev.fakeecr.registry.TagMutability;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.RCTAppliedFor;
import software.amazon.awssdk.services.ecr.model.ReplicationStatus;

/**
 * The registry endpoint reaches the same registry-level features as the ECR API: a manifest pushed over /v2/
 * replicates, a manifest pulled through a pull through cache rule is fetched upstream, a push into a
 * namespace with a CREATE_ON_PUSH template creates the repository.
 */
class RegistryEndpointHooksTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app").build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private FakeEcr fake;
    private EcrClient ecr;

    @BeforeEach
    void setUp(FakeEcr fake, EcrClient ecr) {
        this.fake = fake;
        this.ecr = ecr;
    }

    private static HttpResponse<byte[]> send(RegistryLogin login, String method, String path, byte[] body,
                                             String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + login.host() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", login.authorizationHeader());
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String manifestWithLayer(String repository, byte[] layer) {
        String layerDigest = fake.putLayer(repository, layer);
        String configDigest = fake.putLayer(repository, "{}".getBytes(StandardCharsets.UTF_8));
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
    }

    @Test
    void aManifestPushedOverV2IsReplicatedWithItsLayers() throws Exception {
        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(rule -> rule
                .destinations(d -> d.region("eu-west-1").registryId(fake.accountId())))));
        byte[] layer = "a layer pushed over /v2/".getBytes(StandardCharsets.UTF_8);
        String manifest = manifestWithLayer("app", layer);

        HttpResponse<byte[]> put = send(fake.registryLogin(), "PUT", "/v2/app/manifests/1.0",
                manifest.getBytes(StandardCharsets.UTF_8), "application/vnd.oci.image.manifest.v1+json");

        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(ecr.describeImageReplicationStatus(r -> r.repositoryName("app").imageId(i -> i.imageTag("1.0")))
                .replicationStatuses()).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(ReplicationStatus.COMPLETE));
        FakeEcr europe = fake.region("eu-west-1");
        assertThat(europe.image("app", "1.0").orElseThrow().manifest()).isEqualTo(manifest);
        String layerDigest = Manifests.digest(new String(layer, StandardCharsets.UTF_8));
        HttpResponse<byte[]> blob = send(europe.registryLogin(), "GET", "/v2/app/blobs/" + layerDigest, null, null);
        assertThat(blob.statusCode()).isEqualTo(200);
        assertThat(blob.body()).as("the layer's bytes were copied").isEqualTo(layer);
    }

    @Test
    void aManifestPulledOverV2ThroughAPullThroughCacheRuleIsFetchedUpstream() throws Exception {
        ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("ecr-public").upstreamRegistryUrl("public.ecr.aws"));
        String manifest = Manifests.oci("nginx");
        fake.putUpstreamImage("public.ecr.aws", "nginx/nginx", "1.27", manifest);

        HttpResponse<byte[]> pulled = send(fake.registryLogin(), "GET", "/v2/ecr-public/nginx/nginx/manifests/1.27",
                null, null);

        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(new String(pulled.body(), StandardCharsets.UTF_8)).isEqualTo(manifest);
        assertThat(fake.image("ecr-public/nginx/nginx", "1.27")).isPresent();
        HttpResponse<byte[]> missing = send(fake.registryLogin(), "GET", "/v2/ecr-public/nginx/nginx/manifests/0.1",
                null, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("MANIFEST_UNKNOWN")
                .contains("could not be pulled from the upstream registry 'public.ecr.aws'");
    }

    @Test
    void aPushIntoACreateOnPushNamespaceCreatesTheRepositoryFromTheTemplate() throws Exception {
        ecr.createRepositoryCreationTemplate(r -> r.prefix("auto").appliedFor(RCTAppliedFor.CREATE_ON_PUSH)
                .imageTagMutability(ImageTagMutability.IMMUTABLE));

        HttpResponse<byte[]> upload = send(fake.registryLogin(), "POST", "/v2/auto/service/blobs/uploads/", null, null);
        HttpResponse<byte[]> elsewhere = send(fake.registryLogin(), "POST", "/v2/manual/service/blobs/uploads/", null, null);

        assertThat(upload.statusCode()).isEqualTo(202);
        assertThat(fake.repository("auto/service")).hasValueSatisfying(
                r -> assertThat(r.tagMutability()).isEqualTo(TagMutability.IMMUTABLE));
        assertThat(elsewhere.statusCode()).as("no template covers it").isEqualTo(404);
        assertThat(fake.repository("manual/service")).isEmpty();
    }
}
