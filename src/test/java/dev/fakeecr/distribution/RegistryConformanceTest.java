package dev.fakeecr.distribution;

import static dev.fakeecr.assertj.EcrAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.FakeEcr;
import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.RegistryLogin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/**
 * The registry endpoint against the distribution spec's MUST rules for push, pull, content discovery and
 * management, and ECR's deviations (oci-registry.md), over plain {@code java.net.http}; and both doors over
 * one state, checked with the real {@code EcrClient}. A stand-in for the spec's Go conformance suite.
 */
class RegistryConformanceTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app", "other").build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeEcr fake;
    private EcrClient ecr;
    private RegistryLogin login;

    @BeforeEach
    void setUp(FakeEcr fake, EcrClient ecr) {
        this.fake = fake;
        this.ecr = ecr;
        this.login = fake.registryLogin();
    }

    // ---- a tiny registry client ------------------------------------------------------------------------

    private HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path
                        : "http://" + login.host() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        boolean auth = true;
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equals("Authorization") && headers[i + 1] == null) {
                auth = false;
            } else {
                request.header(headers[i], headers[i + 1]);
            }
        }
        if (auth) {
            request.header("Authorization", login.authorizationHeader());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    private static String errorCode(HttpResponse<byte[]> response) {
        return json(response).path("errors").path(0).path("code").asText();
    }

    private static String errorMessage(HttpResponse<byte[]> response) {
        return json(response).path("errors").path(0).path("message").asText();
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Pushes a blob with POST, one PATCH and the committing PUT; answers the digest. */
    private String pushBlob(String repository, byte[] bytes) {
        HttpResponse<byte[]> started = send("POST", "/v2/" + repository + "/blobs/uploads/", null);
        assertThat(started.statusCode()).isEqualTo(202);
        String location = header(started, "Location");
        HttpResponse<byte[]> patched = send("PATCH", location, bytes, "Content-Type", "application/octet-stream");
        assertThat(patched.statusCode()).isEqualTo(202);
        String digest = sha256(bytes);
        HttpResponse<byte[]> put = send("PUT", header(patched, "Location") + "?digest=" + digest, null);
        assertThat(put.statusCode()).as(new String(put.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        return digest;
    }

    private String imageManifest(String repository, byte[] config, byte[]... layers) {
        StringBuilder manifest = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + pushBlob(repository, config) + "\",\"size\":" + config.length + "},\"layers\":[");
        for (int i = 0; i < layers.length; i++) {
            manifest.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"")
                    .append(pushBlob(repository, layers[i])).append("\",\"size\":").append(layers[i].length).append('}');
        }
        return manifest.append("]}").toString();
    }

    private HttpResponse<byte[]> putManifest(String repository, String reference, String manifest) {
        return send("PUT", "/v2/" + repository + "/manifests/" + reference, manifest.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/vnd.oci.image.manifest.v1+json");
    }

    // ---- the tests -------------------------------------------------------------------------------------

    @Nested
    class Auth {
        @Test
        void anUnauthenticatedRequestGetsEcrsBasicChallenge() {
            HttpResponse<byte[]> response = send("GET", "/v2/", null, "Authorization", null);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(header(response, "WWW-Authenticate")).startsWith("Basic realm=\"https://")
                    .endsWith("service=\"ecr.amazonaws.com\"");
            assertThat(header(response, "Docker-Distribution-Api-Version")).isEqualTo("registry/2.0");
            assertThat(errorCode(response)).isEqualTo("UNAUTHORIZED");
        }

        @Test
        void getAuthorizationTokensPasswordOpensTheRegistry() {
            String token = ecr.getAuthorizationToken().authorizationData().get(0).authorizationToken();

            HttpResponse<byte[]> response = send("GET", "/v2/", null, "Authorization", null, "Authorization", "Basic " + token);
            // the null pair drops the default login; the explicit header is ECR's token verbatim
            assertThat(response.statusCode()).isEqualTo(200);
        }

        @Test
        void aWrongPasswordOrUserIsRefused() {
            String wrongUser = "Basic " + java.util.Base64.getEncoder().encodeToString(("root:" + login.password()).getBytes(StandardCharsets.UTF_8));
            String wrongPassword = "Basic " + java.util.Base64.getEncoder().encodeToString("AWS:nope".getBytes(StandardCharsets.UTF_8));

            assertThat(send("GET", "/v2/", null, "Authorization", null, "Authorization", wrongUser).statusCode()).isEqualTo(401);
            assertThat(send("GET", "/v2/", null, "Authorization", null, "Authorization", wrongPassword).statusCode()).isEqualTo(401);
        }

        @Test
        void aTokenExpiresAfterTwelveHoursOfTheRegistrysClock() {
            fake.clock().advance(Duration.ofHours(12).plusSeconds(1));

            HttpResponse<byte[]> response = send("GET", "/v2/", null);

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(errorCode(response)).isEqualTo("DENIED");
            assertThat(errorMessage(response)).isEqualTo("Your authorization token has expired. Reauthenticate and try again.");
        }
    }

    @Nested
    class EcrHost {
        /** java.net.http will not send another Host, so this request goes over a plain socket. */
        private String rawGet(String host) throws IOException {
            String[] hostAndPort = login.host().split(":");
            try (java.net.Socket socket = new java.net.Socket(hostAndPort[0], Integer.parseInt(hostAndPort[1]))) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET /v2/ HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: "
                        + login.authorizationHeader() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        @Test
        void anEcrHostNameMustNameThePasswordsRegistry() throws IOException {
            String own = fake.accountId() + ".dkr.ecr." + fake.region() + ".amazonaws.com:" + login.host().split(":")[1];
            String other = "999999999999.dkr.ecr." + fake.region() + ".amazonaws.com";

            assertThat(rawGet(own)).startsWith("HTTP/1.1 200");
            assertThat(rawGet(other)).startsWith("HTTP/1.1 403").contains("\"DENIED\"");
        }
    }

    @Nested
    class CrossAccount {
        @Test
        void anotherAccountPullsOnlyWhatTheRepositoryPolicyAllows() {
            String manifest = imageManifest("app", "{}".getBytes(StandardCharsets.UTF_8));
            putManifest("app", "1.0", manifest);
            FakeEcr other = fake.account("222222222222", fake.region());
            String token = other.client().getAuthorizationToken(r -> r.registryIds(fake.accountId()))
                    .authorizationData().get(0).authorizationToken();
            String[] auth = {"Authorization", null, "Authorization", "Basic " + token};

            HttpResponse<byte[]> refused = send("GET", "/v2/app/manifests/1.0", null, auth);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(errorCode(refused)).isEqualTo("DENIED");
            assertThat(errorMessage(refused)).contains("arn:aws:iam::222222222222:root is not authorized to perform:"
                    + " ecr:BatchGetImage");

            ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText("{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},"
                    + "\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}]}"));

            HttpResponse<byte[]> pulled = send("GET", "/v2/app/manifests/1.0", null, auth);
            assertThat(pulled.statusCode()).isEqualTo(200);
            assertThat(new String(pulled.body(), StandardCharsets.UTF_8)).isEqualTo(manifest);
            HttpResponse<byte[]> push = send("POST", "/v2/app/blobs/uploads/", null, auth);
            assertThat(push.statusCode()).as("the policy allows pulls only").isEqualTo(403);
        }
    }

    @Nested
    class Push {
        @Test
        void aBlobPushedInChunksIsALayerTheEcrApiSees() {
            byte[] bytes = randomBytes(300_000, 1);
            HttpResponse<byte[]> started = send("POST", "/v2/app/blobs/uploads/", null);
            assertThat(started.statusCode()).isEqualTo(202);
            assertThat(header(started, "Location")).startsWith("/v2/app/blobs/uploads/");
            assertThat(header(started, "Docker-Upload-UUID")).isNotBlank();
            assertThat(header(started, "Range")).isEqualTo("0-0");

            HttpResponse<byte[]> first = send("PATCH", header(started, "Location"), Arrays.copyOfRange(bytes, 0, 100_000),
                    "Content-Range", "0-99999");
            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(header(first, "Range")).isEqualTo("0-99999");
            HttpResponse<byte[]> status = send("GET", header(first, "Location"), null);
            assertThat(status.statusCode()).isEqualTo(204);
            assertThat(header(status, "Range")).isEqualTo("0-99999");
            HttpResponse<byte[]> wrongRange = send("PATCH", header(first, "Location"), new byte[10], "Content-Range", "5-14");
            assertThat(wrongRange.statusCode()).isEqualTo(416);
            HttpResponse<byte[]> second = send("PATCH", header(first, "Location"), Arrays.copyOfRange(bytes, 100_000, 250_000));
            assertThat(header(second, "Range")).isEqualTo("0-249999");
            String digest = sha256(bytes);
            HttpResponse<byte[]> put = send("PUT", header(second, "Location") + "?digest=" + digest.replace(":", "%3A"),
                    Arrays.copyOfRange(bytes, 250_000, bytes.length));

            assertThat(put.statusCode()).isEqualTo(201);
            assertThat(header(put, "Location")).isEqualTo("/v2/app/blobs/" + digest);
            assertThat(header(put, "Docker-Content-Digest")).isEqualTo(digest);
            assertThat(ecr.batchCheckLayerAvailability(r -> r.repositoryName("app").layerDigests(digest)).layers())
                    .singleElement().satisfies(layer -> {
                        assertThat(layer.layerAvailabilityAsString()).isEqualTo("AVAILABLE");
                        assertThat(layer.layerSize()).isEqualTo(bytes.length);
                    });
            HttpResponse<byte[]> head = send("HEAD", "/v2/app/blobs/" + digest, null);
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(bytes.length));
            assertThat(header(head, "Docker-Content-Digest")).isEqualTo(digest);
        }

        @Test
        void aMonolithicPostIsCommittedAtOnce() {
            byte[] bytes = randomBytes(1000, 2);
            HttpResponse<byte[]> post = send("POST", "/v2/app/blobs/uploads/?digest=" + sha256(bytes), bytes);

            assertThat(post.statusCode()).isEqualTo(201);
            assertThat(send("GET", "/v2/app/blobs/" + sha256(bytes), null).body()).isEqualTo(bytes);
        }

        @Test
        void aDigestThatDoesNotMatchTheBytesIsDigestInvalid() {
            HttpResponse<byte[]> post = send("POST", "/v2/app/blobs/uploads/?digest=" + sha256(new byte[] {1}), new byte[] {2});

            assertThat(post.statusCode()).isEqualTo(400);
            assertThat(errorCode(post)).isEqualTo("DIGEST_INVALID");
            assertThat(send("HEAD", "/v2/app/blobs/" + sha256(new byte[] {2}), null).statusCode()).isEqualTo(404);
        }

        @Test
        void aManifestPushedByTagIsAnImageOfTheEcrApiWithTheSameDigestAndBytes() {
            String manifest = imageManifest("app", "{}".getBytes(StandardCharsets.UTF_8), randomBytes(5000, 3));

            HttpResponse<byte[]> put = putManifest("app", "1.0", manifest);

            String digest = sha256(manifest.getBytes(StandardCharsets.UTF_8));
            assertThat(put.statusCode()).isEqualTo(201);
            assertThat(header(put, "Docker-Content-Digest")).isEqualTo(digest);
            assertThat(header(put, "Location")).isEqualTo("/v2/app/manifests/" + digest);
            var image = ecr.batchGetImage(r -> r.repositoryName("app").imageIds(i -> i.imageTag("1.0"))).images().get(0);
            assertThat(image.imageManifest()).isEqualTo(manifest);
            assertThat(image.imageId().imageDigest()).isEqualTo(digest);
            assertThat(image.imageManifestMediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
            assertThat(fake).repository("app").hasTagPointingTo("1.0", digest);
            assertThat(fake.calls("PutImage")).singleElement().satisfies(call -> assertThat(call.succeeded()).isTrue());
            assertThat(fake.calls("CompleteLayerUpload")).hasSize(2);
        }

        @Test
        void pushingTheSameImageAndTagAgainSucceedsAsDockerPushDoes() {
            String manifest = imageManifest("app", "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(putManifest("app", "1.0", manifest).statusCode()).isEqualTo(201);

            assertThat(putManifest("app", "1.0", manifest).statusCode()).isEqualTo(201);
        }

        @Test
        void aRepositoryThatDoesNotExistIsNameUnknownWithEcrsMessage() {
            HttpResponse<byte[]> post = send("POST", "/v2/missing/blobs/uploads/", null);

            assertThat(post.statusCode()).isEqualTo(404);
            assertThat(errorCode(post)).isEqualTo("NAME_UNKNOWN");
            assertThat(errorMessage(post)).isEqualTo("The repository with name 'missing' does not exist in the registry with id '"
                    + fake.accountId() + "'");
            assertThat(fake.repository("missing")).isEmpty();
        }

        @Test
        void anImmutableTagIsTagInvalidWithPutImagesWords() {
            ecr.createRepository(r -> r.repositoryName("locked").imageTagMutability(ImageTagMutability.IMMUTABLE));
            assertThat(putManifest("locked", "1.0", imageManifest("locked", "{}".getBytes(StandardCharsets.UTF_8))).statusCode())
                    .isEqualTo(201);

            HttpResponse<byte[]> again = putManifest("locked", "1.0", imageManifest("locked", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));

            assertThat(again.statusCode()).isEqualTo(400);
            assertThat(errorCode(again)).isEqualTo("TAG_INVALID");
            assertThat(errorMessage(again)).isEqualTo("The image tag '1.0' already exists in the 'locked' repository and cannot"
                    + " be overwritten because the tag is immutable.");
        }

        @Test
        void anOciManifestWithoutMediaTypeIsUnsupportedInvalidJsonSyntax() {
            String manifest = imageManifest("app", "{}".getBytes(StandardCharsets.UTF_8))
                    .replace("\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",", "");

            HttpResponse<byte[]> put = putManifest("app", "1.0", manifest);

            assertThat(put.statusCode()).isEqualTo(400);
            assertThat(errorCode(put)).isEqualTo("UNSUPPORTED");
            assertThat(errorMessage(put)).isEqualTo("Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'");
        }

        @Test
        void aManifestWhoseBlobsAreMissingIsManifestBlobUnknown() {
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{"
                    + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + sha256(new byte[] {9})
                    + "\",\"size\":1},\"layers\":[]}";

            HttpResponse<byte[]> put = putManifest("app", "1.0", manifest);

            assertThat(put.statusCode()).isEqualTo(400);
            assertThat(errorCode(put)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
        }

        @Test
        void aManifestPushedByAWrongDigestIsDigestInvalid() {
            String manifest = imageManifest("app", "{}".getBytes(StandardCharsets.UTF_8));

            HttpResponse<byte[]> put = putManifest("app", sha256(new byte[] {1}), manifest);

            assertThat(put.statusCode()).isEqualTo(400);
            assertThat(errorCode(put)).isEqualTo("DIGEST_INVALID");
        }

        @Test
        void withoutTheAccountSettingABlobMountIsAnUploadAsInEcr() {
            byte[] layer = randomBytes(2000, 4);
            String manifest = imageManifest("app", "{}".getBytes(StandardCharsets.UTF_8), layer);
            putManifest("app", "1.0", manifest);
            String digest = sha256(layer);

            HttpResponse<byte[]> refused = send("POST", "/v2/other/blobs/uploads/?mount=" + digest + "&from=app", null);

            assertThat(refused.statusCode()).isEqualTo(202);
            assertThat(header(refused, "Location")).startsWith("/v2/other/blobs/uploads/");
            assertThat(send("HEAD", "/v2/other/blobs/" + digest, null).statusCode()).isEqualTo(404);
        }

        @Test
        void withBlobMountingEnabledABlobAnImageReferencesIsMountedWithinTheRegistry() {
            byte[] layer = randomBytes(2000, 8);
            putManifest("app", "1.0", imageManifest("app", "{}".getBytes(StandardCharsets.UTF_8), layer));
            byte[] unreferenced = randomBytes(100, 9);
            pushBlob("app", unreferenced);
            ecr.putAccountSetting(r -> r.name("BLOB_MOUNTING").value("ENABLED"));

            HttpResponse<byte[]> mounted = send("POST", "/v2/other/blobs/uploads/?mount=" + sha256(layer) + "&from=app", null);
            HttpResponse<byte[]> notReferenced = send("POST", "/v2/other/blobs/uploads/?mount=" + sha256(unreferenced)
                    + "&from=app", null);

            assertThat(mounted.statusCode()).isEqualTo(201);
            assertThat(header(mounted, "Location")).isEqualTo("/v2/other/blobs/" + sha256(layer));
            assertThat(header(mounted, "Docker-Content-Digest")).isEqualTo(sha256(layer));
            assertThat(send("GET", "/v2/other/blobs/" + sha256(layer), null).body()).isEqualTo(layer);
            assertThat(notReferenced.statusCode()).as("only blobs an image of the source references").isEqualTo(202);
        }

        @Test
        void scanOnPushScansImagesPushedHereToo() {
            ecr.createRepository(r -> r.repositoryName("scanned").imageScanningConfiguration(c -> c.scanOnPush(true)));

            putManifest("scanned", "1.0", imageManifest("scanned", "{}".getBytes(StandardCharsets.UTF_8)));

            assertThat(ecr.describeImages(r -> r.repositoryName("scanned")).imageDetails().get(0)
                    .imageScanStatus().statusAsString()).isEqualTo("COMPLETE");
        }

        @Test
        void aManifestListWhoseImagesAreMissingIsManifestBlobUnknown() {
            String list = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":"
                    + "[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + sha256(new byte[] {3})
                    + "\",\"size\":10,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";

            HttpResponse<byte[]> put = send("PUT", "/v2/app/manifests/multi", list.getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/vnd.oci.image.index.v1+json");

            assertThat(put.statusCode()).isEqualTo(400);
            assertThat(errorCode(put)).isEqualTo("MANIFEST_BLOB_UNKNOWN");
            assertThat(fake.images("app")).isEmpty();
        }

        @Test
        void aContentRangeBeyondALongIsRefusedNotAServerError() {
            HttpResponse<byte[]> started = send("POST", "/v2/app/blobs/uploads/", null);

            HttpResponse<byte[]> patched = send("PATCH", header(started, "Location"), new byte[] {1},
                    "Content-Range", "99999999999999999999-99999999999999999999");

            assertThat(patched.statusCode()).isEqualTo(416);
            assertThat(errorCode(patched)).isEqualTo("BLOB_UPLOAD_INVALID");
        }

        @Test
        void anUploadStartedHereCanBeCompletedWithTheLayerApi() {
            byte[] bytes = randomBytes(3000, 10);
            HttpResponse<byte[]> started = send("POST", "/v2/app/blobs/uploads/", null);
            send("PATCH", header(started, "Location"), bytes);

            String completed = ecr.completeLayerUpload(r -> r.repositoryName("app")
                    .uploadId(header(started, "Docker-Upload-UUID")).layerDigests(sha256(bytes))).layerDigest();

            assertThat(completed).isEqualTo(sha256(bytes));
            assertThat(send("GET", "/v2/app/blobs/" + sha256(bytes), null).body()).isEqualTo(bytes);
        }

        @Test
        void anUploadCanBeCancelled() {
            HttpResponse<byte[]> started = send("POST", "/v2/app/blobs/uploads/", null);
            send("PATCH", header(started, "Location"), new byte[] {1, 2, 3});

            assertThat(send("DELETE", header(started, "Location"), null).statusCode()).isEqualTo(204);
            HttpResponse<byte[]> gone = send("GET", header(started, "Location"), null);
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(errorCode(gone)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
        }
    }

    @Nested
    class Pull {
        @Test
        void anImageSeededThroughTheHandlePullsByteForByte() {
            byte[] layer = randomBytes(70_000, 5);
            String layerDigest = fake.putLayer("app", layer);
            String configDigest = fake.putLayer("app", "{}".getBytes(StandardCharsets.UTF_8));
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" + configDigest
                    + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
                    + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
            ImageInfo image = fake.putImage("app", "1.0", manifest);

            HttpResponse<byte[]> pulled = send("GET", "/v2/app/manifests/1.0", null,
                    "Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json");

            assertThat(pulled.statusCode()).isEqualTo(200);
            assertThat(new String(pulled.body(), StandardCharsets.UTF_8)).isEqualTo(manifest);
            assertThat(header(pulled, "Content-Type")).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
            assertThat(header(pulled, "Docker-Content-Digest")).isEqualTo(image.digest());
            assertThat(send("GET", "/v2/app/blobs/" + layerDigest, null).body()).isEqualTo(layer);
            HttpResponse<byte[]> range = send("GET", "/v2/app/blobs/" + layerDigest, null, "Range", "bytes=10-19");
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(layer, 10, 20));
            assertThat(header(range, "Content-Range")).isEqualTo("bytes 10-19/" + layer.length);
            assertThat(fake.image("app", "1.0")).get().satisfies(i -> assertThat(i.lastRecordedPullTime()).isNotNull());
        }

        @Test
        void headAnswersTheManifestsHeadersWithoutABodyAndIsNotAPull() {
            String manifest = imageManifest("app", "{}".getBytes(StandardCharsets.UTF_8));
            putManifest("app", "1.0", manifest);

            HttpResponse<byte[]> head = send("HEAD", "/v2/app/manifests/1.0", null);

            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(manifest.getBytes(StandardCharsets.UTF_8).length));
            assertThat(header(head, "Docker-Content-Digest")).isEqualTo(sha256(manifest.getBytes(StandardCharsets.UTF_8)));
            assertThat(fake.image("app", "1.0")).get().satisfies(i -> assertThat(i.lastRecordedPullTime()).isNull());
        }

        @Test
        void anArchivedImageCannotBePulledUntilRestored() {
            String manifest = imageManifest("app", "{}".getBytes(StandardCharsets.UTF_8));
            putManifest("app", "1.0", manifest);
            ecr.updateImageStorageClass(r -> r.repositoryName("app").imageId(i -> i.imageTag("1.0"))
                    .targetStorageClass("ARCHIVE"));

            HttpResponse<byte[]> pulled = send("GET", "/v2/app/manifests/1.0", null);

            assertThat(pulled.statusCode()).isEqualTo(404);
            assertThat(errorCode(pulled)).isEqualTo("MANIFEST_UNKNOWN");
            assertThat(errorMessage(pulled)).contains("archived");
            assertThat(fake.image("app", "1.0")).get().satisfies(i -> assertThat(i.lastRecordedPullTime()).isNull());
        }

        @Test
        void aMissingManifestOrBlobIsUnknown() {
            HttpResponse<byte[]> manifest = send("GET", "/v2/app/manifests/nope", null);
            assertThat(manifest.statusCode()).isEqualTo(404);
            assertThat(errorCode(manifest)).isEqualTo("MANIFEST_UNKNOWN");
            assertThat(errorMessage(manifest)).isEqualTo("Requested image not found");
            HttpResponse<byte[]> blob = send("GET", "/v2/app/blobs/" + sha256(new byte[] {7}), null);
            assertThat(blob.statusCode()).isEqualTo(404);
            assertThat(errorCode(blob)).isEqualTo("BLOB_UNKNOWN");
            assertThat(send("HEAD", "/v2/app/blobs/" + sha256(new byte[] {7}), null).statusCode()).isEqualTo(404);
        }

        @Test
        void anImagePutWithTheLayerApisPullsByteForByte() {
            byte[] layer = randomBytes(4000, 6);
            String uploadId = ecr.initiateLayerUpload(r -> r.repositoryName("app")).uploadId();
            ecr.uploadLayerPart(r -> r.repositoryName("app").uploadId(uploadId).partFirstByte(0L)
                    .partLastByte((long) layer.length - 1).layerPartBlob(SdkBytes.fromByteArray(layer)));
            ecr.completeLayerUpload(r -> r.repositoryName("app").uploadId(uploadId).layerDigests(sha256(layer)));

            assertThat(send("GET", "/v2/app/blobs/" + sha256(layer), null).body()).isEqualTo(layer);
        }
    }

    @Nested
    class Discovery {
        @Test
        void tagsListPagesWithLinkHeaders() {
            String manifest = imageManifest("app", "{}".getBytes(StandardCharsets.UTF_8));
            for (String tag : List.of("c", "a", "b")) {
                putManifest("app", tag, manifest);
            }

            HttpResponse<byte[]> first = send("GET", "/v2/app/tags/list?n=2", null);
            assertThat(json(first).path("tags").toString()).isEqualTo("[\"a\",\"b\"]");
            assertThat(header(first, "Link")).isEqualTo("</v2/app/tags/list?n=2&last=b>; rel=\"next\"");
            HttpResponse<byte[]> second = send("GET", "/v2/app/tags/list?n=2&last=b", null);
            assertThat(json(second).path("tags").toString()).isEqualTo("[\"c\"]");
            assertThat(header(second, "Link")).isNull();
        }

        @Test
        void catalogListsTheAccountsRepositories() {
            assertThat(json(send("GET", "/v2/_catalog", null)).path("repositories").toString()).isEqualTo("[\"app\",\"other\"]");
        }

        @Test
        void referrersListManifestsWhoseSubjectIsTheImage() {
            String manifest = imageManifest("app", "{}".getBytes(StandardCharsets.UTF_8));
            putManifest("app", "1.0", manifest);
            String subject = sha256(manifest.getBytes(StandardCharsets.UTF_8));
            String empty = pushBlob("app", "{}".getBytes(StandardCharsets.UTF_8));
            String signature = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"artifactType\":\"application/vnd.example.signature\",\"config\":{\"mediaType\":"
                    + "\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + empty + "\",\"size\":2},\"layers\":[],"
                    + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + subject
                    + "\",\"size\":" + manifest.length() + "},\"annotations\":{\"by\":\"test\"}}";
            HttpResponse<byte[]> pushed = putManifest("app", sha256(signature.getBytes(StandardCharsets.UTF_8)), signature);
            assertThat(header(pushed, "OCI-Subject")).isEqualTo(subject);

            HttpResponse<byte[]> referrers = send("GET", "/v2/app/referrers/" + subject, null);

            assertThat(header(referrers, "Content-Type")).isEqualTo("application/vnd.oci.image.index.v1+json");
            JsonNode descriptor = json(referrers).path("manifests").path(0);
            assertThat(descriptor.path("digest").asText()).isEqualTo(sha256(signature.getBytes(StandardCharsets.UTF_8)));
            assertThat(descriptor.path("artifactType").asText()).isEqualTo("application/vnd.example.signature");
            assertThat(descriptor.path("annotations").path("by").asText()).isEqualTo("test");
            assertThat(json(send("GET", "/v2/app/referrers/" + subject + "?artifactType=other", null)).path("manifests").size())
                    .isZero();
        }
    }

    @Nested
    class Management {
        @Test
        void deletingAManifestByDigestRemovesTheImage() {
            String manifest = imageManifest("app", "{}".getBytes(StandardCharsets.UTF_8));
            putManifest("app", "1.0", manifest);

            HttpResponse<byte[]> deleted = send("DELETE", "/v2/app/manifests/" + sha256(manifest.getBytes(StandardCharsets.UTF_8)), null);

            assertThat(deleted.statusCode()).isEqualTo(202);
            assertThat(fake.images("app")).isEmpty();
        }

        @Test
        void blobDeletesAreUnsupportedAsInEcr() {
            String digest = pushBlob("app", new byte[] {1});

            HttpResponse<byte[]> delete = send("DELETE", "/v2/app/blobs/" + digest, null);

            assertThat(delete.statusCode()).isEqualTo(405);
            assertThat(errorCode(delete)).isEqualTo("UNSUPPORTED");
        }

        @Test
        void everyAnswerIsJsonInTheRegistrysErrorForm() {
            for (String path : List.of("/v2/UPPER/tags/list", "/v2/app/unknown", "/v2/app/blobs/notadigest", "/v2/app/manifests/a%2Fb")) {
                HttpResponse<byte[]> response = send("GET", path, null);
                assertThat(response.statusCode()).as(path).isBetween(400, 499);
                assertThat(json(response).path("errors").isArray()).as(path).isTrue();
            }
        }

        @Test
        void faultRulesTakeRegistryRequestsByTheirEcrAction() {
            fake.onCall("UploadLayerPart").once().throttle();

            HttpResponse<byte[]> started = send("POST", "/v2/app/blobs/uploads/", null);
            HttpResponse<byte[]> throttled = send("PATCH", header(started, "Location"), new byte[] {1});

            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(errorCode(throttled)).isEqualTo("TOOMANYREQUESTS");
            assertThat(send("PATCH", header(started, "Location"), new byte[] {1}).statusCode()).isEqualTo(202);
        }
    }
}
