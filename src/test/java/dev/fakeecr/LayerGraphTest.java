package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.registry.LayerMemory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchCheckLayerAvailabilityResponse;
import software.amazon.awssdk.services.ecr.model.EmptyUploadException;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerPartException;
import software.amazon.awssdk.services.ecr.model.Layer;
import software.amazon.awssdk.services.ecr.model.LayerAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.LayerAvailability;
import software.amazon.awssdk.services.ecr.model.LayerFailureCode;
import software.amazon.awssdk.services.ecr.model.LayerInaccessibleException;
import software.amazon.awssdk.services.ecr.model.LayerPartTooSmallException;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.ReferencedImagesNotFoundException;
import software.amazon.awssdk.services.ecr.model.UploadNotFoundException;

/** The layer APIs and PutImage against the manifest graph (reference §4.1 rows 12a/12b, §4.11). */
class LayerGraphTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app", "other").build();

    private EcrClient ecr;
    private FakeEcr fake;

    @BeforeEach
    void setUp(EcrClient ecr, FakeEcr fake) {
        this.ecr = ecr;
        this.fake = fake;
    }

    /** Uploads a blob in one part, as a registry client does, and returns its digest. */
    private String upload(String repository, byte[] bytes) {
        String uploadId = ecr.initiateLayerUpload(r -> r.repositoryName(repository)).uploadId();
        ecr.uploadLayerPart(r -> r.repositoryName(repository).uploadId(uploadId).partFirstByte(0L)
                .partLastByte((long) bytes.length - 1).layerPartBlob(SdkBytes.fromByteArray(bytes)));
        String digest = Digests.of(bytes);
        return ecr.completeLayerUpload(r -> r.repositoryName(repository).uploadId(uploadId).layerDigests(digest))
                .layerDigest();
    }

    private static String imageManifest(String configDigest, long configSize, String layerDigest, long layerSize) {
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + configSize
                + ",\"digest\":\"" + configDigest + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":" + layerSize
                + ",\"digest\":\"" + layerDigest + "\"}]}";
    }

    private static String ociIndex(String... children) {
        StringBuilder manifests = new StringBuilder();
        for (String child : children) {
            manifests.append(manifests.length() == 0 ? "" : ",")
                    .append("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":400,\"digest\":\"")
                    .append(child).append("\"}");
        }
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + manifests + "]}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTwoArchitectureImageIsPushedAsARegistryClientPushesIt() {
        String[] children = new String[2];
        int i = 0;
        for (String arch : List.of("amd64", "arm64")) {
            byte[] config = bytes("{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}");
            byte[] layer = bytes("layer tarball for " + arch);
            String manifest = imageManifest(upload("app", config), config.length, upload("app", layer), layer.length);
            children[i++] = ecr.putImage(r -> r.repositoryName("app").imageManifest(manifest)
                    .imageDigest(Digests.of(manifest))).image().imageId().imageDigest();
        }
        String index = ociIndex(children);

        ecr.putImage(r -> r.repositoryName("app").imageTag("1.0").imageManifest(index));

        assertThat(ecr.batchGetImage(r -> r.repositoryName("app").imageIds(id -> id.imageTag("1.0"))).images())
                .singleElement().satisfies(image -> {
                    assertThat(image.imageManifest()).isEqualTo(index);
                    assertThat(image.imageManifestMediaType()).isEqualTo("application/vnd.oci.image.index.v1+json");
                });
        List<ImageDetail> details = ecr.describeImages(r -> r.repositoryName("app")).imageDetails();
        assertThat(details).extracting(ImageDetail::imageDigest).containsExactly(children[0], children[1], Digests.of(index));
        assertThat(details.get(0).hasImageTags()).as("children pushed by digest stay untagged").isFalse();
        assertThat(details.get(2).imageTags()).containsExactly("1.0");
    }

    @Nested
    class PutImageAgainstTheGraph {
        @Test
        void layersThatWereNeverUploadedAreRefusedByName() {
            String config = Manifests.digest("config");
            String layer = Manifests.digest("layer");
            String manifest = imageManifest(config, 10, layer, 20);

            Throwable thrown = catchThrowable(() -> ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(manifest)));

            assertEcrError(thrown, LayersNotFoundException.class, "LayersNotFoundException", "Layers with digests '["
                    + config + ", " + layer + "]' required for pushing image into repository with name 'app' in"
                    + " registry with id '" + fake.accountId() + "' do not exist");
            assertThat(fake.images("app")).isEmpty();
        }

        @Test
        void onlyTheMissingLayersAreNamed() {
            byte[] config = bytes("{}");
            String configDigest = upload("app", config);
            String layer = Manifests.digest("layer");

            Throwable thrown = catchThrowable(() -> ecr.putImage(r -> r.repositoryName("app").imageTag("v1")
                    .imageManifest(imageManifest(configDigest, config.length, layer, 20))));

            assertThat(thrown).isInstanceOf(LayersNotFoundException.class)
                    .hasMessageStartingWith("Layers with digests '[" + layer + "]'");
        }

        @Test
        void theDigestIsCheckedBeforeTheLayers() {
            String manifest = imageManifest(Manifests.digest("c"), 1, Manifests.digest("l"), 1);

            assertThat(catchThrowable(() -> ecr.putImage(r -> r.repositoryName("app").imageManifest(manifest)
                    .imageDigest(Manifests.digest("other"))))).isInstanceOf(ImageDigestDoesNotMatchException.class);
        }

        @Test
        void layersOfAnImageAlreadyInTheRepositoryAreAvailableButNotInAnotherRepository() {
            String manifest = Manifests.dockerV2("base");
            fake.putImage("app", "base", manifest); // seeding takes the layers as uploaded
            String retagged = manifest.replace("\"size\":1470", "\"size\":1470 ");

            ecr.putImage(r -> r.repositoryName("app").imageTag("rebuilt").imageManifest(retagged));

            assertThat(catchThrowable(() -> ecr.putImage(r -> r.repositoryName("other").imageTag("copy").imageManifest(manifest))))
                    .isInstanceOf(LayersNotFoundException.class);
        }

        @Test
        void foreignLayersAreExempt() {
            byte[] config = bytes("{\"os\":\"windows\"}");
            String configDigest = upload("app", config);
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":" + config.length
                    + ",\"digest\":\"" + configDigest + "\"},\"layers\":[{\"mediaType\":"
                    + "\"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip\",\"size\":1024,\"digest\":\""
                    + Manifests.digest("windows base") + "\",\"urls\":[\"https://mcr.microsoft.com/x\"]}]}";

            ecr.putImage(r -> r.repositoryName("app").imageTag("windows").imageManifest(manifest));

            assertThat(fake.image("app", "windows")).isPresent();
        }

        @Test
        void aManifestListNeedsItsImagesInTheRepository() {
            String present = fake.putImage("app", null, Manifests.dockerV2("present")).digest();
            String missing = Manifests.digest("missing child");

            Throwable thrown = catchThrowable(() -> ecr.putImage(r -> r.repositoryName("app").imageTag("multi")
                    .imageManifest(Manifests.dockerManifestList(present, missing))));

            assertEcrError(thrown, ReferencedImagesNotFoundException.class, "ReferencedImagesNotFoundException",
                    "Images with digests '[" + missing + "]' required for pushing image into repository with name"
                            + " 'app' in registry with id '" + fake.accountId() + "' do not exist");
            assertThat(fake.images("app")).hasSize(1);
        }
    }

    @Nested
    class Uploads {
        @Test
        void partsMustBeContiguous() {
            String uploadId = ecr.initiateLayerUpload(r -> r.repositoryName("app")).uploadId();
            ecr.uploadLayerPart(r -> r.repositoryName("app").uploadId(uploadId).partFirstByte(0L).partLastByte(2L)
                    .layerPartBlob(SdkBytes.fromUtf8String("abc")));

            InvalidLayerPartException gap = catchThrowableOfType(InvalidLayerPartException.class, () ->
                    ecr.uploadLayerPart(r -> r.repositoryName("app").uploadId(uploadId).partFirstByte(5L).partLastByte(7L)
                            .layerPartBlob(SdkBytes.fromUtf8String("def"))));
            InvalidLayerPartException wrongLength = catchThrowableOfType(InvalidLayerPartException.class, () ->
                    ecr.uploadLayerPart(r -> r.repositoryName("app").uploadId(uploadId).partFirstByte(3L).partLastByte(9L)
                            .layerPartBlob(SdkBytes.fromUtf8String("def"))));

            assertThat(gap.lastValidByteReceived()).isEqualTo(2L);
            assertThat(gap.uploadId()).isEqualTo(uploadId);
            assertThat(gap.repositoryName()).isEqualTo("app");
            assertThat(gap.statusCode()).isEqualTo(400);
            assertThat(wrongLength).isNotNull();
            assertThat(ecr.uploadLayerPart(r -> r.repositoryName("app").uploadId(uploadId).partFirstByte(3L).partLastByte(5L)
                    .layerPartBlob(SdkBytes.fromUtf8String("def"))).lastByteReceived()).isEqualTo(5L);
        }

        @Test
        void anUnknownUploadIsNotFound() {
            String unknown = "0f0e0d0c-0b0a-4909-8807-060504030201";

            assertEcrError(catchThrowable(() -> ecr.uploadLayerPart(r -> r.repositoryName("app").uploadId(unknown)
                            .partFirstByte(0L).partLastByte(0L).layerPartBlob(SdkBytes.fromUtf8String("a")))),
                    UploadNotFoundException.class, "UploadNotFoundException", "Upload with id '" + unknown
                            + "' does not exist in the repository with name 'app' in registry with id '" + fake.accountId() + "'");
            String elsewhere = ecr.initiateLayerUpload(r -> r.repositoryName("other")).uploadId();
            assertThat(catchThrowable(() -> ecr.completeLayerUpload(r -> r.repositoryName("app").uploadId(elsewhere)
                    .layerDigests(Manifests.digest("x"))))).as("an upload belongs to its repository")
                    .isInstanceOf(UploadNotFoundException.class);
            assertInvalidParameter(catchThrowable(() -> ecr.completeLayerUpload(r -> r.repositoryName("app")
                            .uploadId("not-a-uuid").layerDigests(Manifests.digest("x")))),
                    "Invalid parameter at 'uploadId' failed to satisfy constraint: 'must satisfy regular expression"
                            + " '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}''");
        }

        @Test
        void completionVerifiesTheDigest() {
            String uploadId = ecr.initiateLayerUpload(r -> r.repositoryName("app")).uploadId();
            ecr.uploadLayerPart(r -> r.repositoryName("app").uploadId(uploadId).partFirstByte(0L).partLastByte(4L)
                    .layerPartBlob(SdkBytes.fromUtf8String("hello")));

            Throwable thrown = catchThrowable(() -> ecr.completeLayerUpload(r -> r.repositoryName("app").uploadId(uploadId)
                    .layerDigests(Manifests.digest("not hello"))));

            assertThat(thrown).isInstanceOf(InvalidLayerException.class)
                    .hasMessageContaining(Digests.of(bytes("hello")));
            assertThat(ecr.batchCheckLayerAvailability(r -> r.repositoryName("app").layerDigests(Digests.of(bytes("hello"))))
                    .layers().get(0).layerAvailability()).isEqualTo(LayerAvailability.UNAVAILABLE);
        }

        @Test
        void anEmptyUploadCannotComplete() {
            String uploadId = ecr.initiateLayerUpload(r -> r.repositoryName("app")).uploadId();

            assertEcrError(catchThrowable(() -> ecr.completeLayerUpload(r -> r.repositoryName("app").uploadId(uploadId)
                            .layerDigests(Manifests.digest("x")))),
                    EmptyUploadException.class, "EmptyUploadException", "The specified layer upload does not contain any layer parts.");
        }

        @Test
        void everyPartButTheLastIsAtLeastFiveMebibytes() {
            String uploadId = ecr.initiateLayerUpload(r -> r.repositoryName("app")).uploadId();
            ecr.uploadLayerPart(r -> r.repositoryName("app").uploadId(uploadId).partFirstByte(0L).partLastByte(2L)
                    .layerPartBlob(SdkBytes.fromUtf8String("abc")));
            ecr.uploadLayerPart(r -> r.repositoryName("app").uploadId(uploadId).partFirstByte(3L).partLastByte(5L)
                    .layerPartBlob(SdkBytes.fromUtf8String("def")));

            assertEcrError(catchThrowable(() -> ecr.completeLayerUpload(r -> r.repositoryName("app").uploadId(uploadId)
                            .layerDigests(Digests.of(bytes("abcdef"))))),
                    LayerPartTooSmallException.class, "LayerPartTooSmallException", "Layer parts must be at least 5 MiB in size.");
        }

        @Test
        void aLayerIsUploadedOncePerRepository() {
            String digest = upload("app", bytes("same bytes"));

            assertEcrError(catchThrowable(() -> upload("app", bytes("same bytes"))), LayerAlreadyExistsException.class,
                    "LayerAlreadyExistsException", "Layer with digest '" + digest + "' already exists in the repository"
                            + " with name 'app' in registry with id '" + fake.accountId() + "'");
            assertThat(upload("other", bytes("same bytes"))).isEqualTo(digest);
        }

        @Test
        void deletingARepositoryReleasesItsLayerBytes() {
            upload("other", bytes("kept for download"));
            assertThat(fake.layerMemory().retainedBytes()).isEqualTo("kept for download".length());

            ecr.deleteRepository(r -> r.repositoryName("other"));

            assertThat(fake.layerMemory().retainedBytes()).isZero();
        }

        @Test
        void availabilityIsAnsweredPerDigest() {
            String uploaded = upload("app", bytes("12345"));
            String unknown = Manifests.digest("unknown");

            BatchCheckLayerAvailabilityResponse response = ecr.batchCheckLayerAvailability(r -> r.repositoryName("app")
                    .layerDigests(uploaded, unknown, "", "sha256:zz"));

            assertThat(response.layers()).extracting(Layer::layerDigest, Layer::layerAvailability, Layer::layerSize)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(uploaded, LayerAvailability.AVAILABLE, 5L),
                            org.assertj.core.groups.Tuple.tuple(unknown, LayerAvailability.UNAVAILABLE, null));
            assertThat(response.failures()).extracting(f -> f.failureCode())
                    .containsExactly(LayerFailureCode.MISSING_LAYER_DIGEST, LayerFailureCode.INVALID_LAYER_DIGEST);
        }
    }

    @Nested
    class Downloads {
        private final byte[] layer = bytes("the layer's bytes");

        /** Pushes an image with {@link #layer} into "app" and returns the layer's download URL. */
        private String pushedLayerUrl() {
            byte[] config = bytes("{\"os\":\"linux\"}");
            String layerDigest = upload("app", layer);
            ecr.putImage(r -> r.repositoryName("app").imageTag("v1")
                    .imageManifest(imageManifest(upload("app", config), config.length, layerDigest, layer.length)));
            return ecr.getDownloadUrlForLayer(r -> r.repositoryName("app").layerDigest(layerDigest)).downloadUrl();
        }

        @Test
        void theUrlServesTheLayersBytes() throws Exception {
            String url = pushedLayerUrl();
            HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(url).startsWith(fake.endpoint().toString());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(layer);
        }

        @Test
        void aUrlWhoseRepositoryWasDeletedIsAJson404() throws Exception {
            String url = pushedLayerUrl();

            ecr.deleteRepository(r -> r.repositoryName("app").force(true));
            HttpResponse<String> gone = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(gone.headers().firstValue("x-amzn-RequestId")).isPresent();
            assertThat(gone.body()).startsWith("{\"__type\":\"NotFoundException\"").doesNotContain("<html");
        }

        @Test
        void unknownAndUnreferencedLayersCannotBeDownloaded() {
            String unreferenced = upload("app", bytes("not in any image"));
            String unknown = Manifests.digest("unknown");

            assertEcrError(catchThrowable(() -> ecr.getDownloadUrlForLayer(r -> r.repositoryName("app").layerDigest(unknown))),
                    LayersNotFoundException.class, "LayersNotFoundException", "Layers with digests '[" + unknown
                            + "]' required for pushing image into repository with name 'app' in registry with id '"
                            + fake.accountId() + "' do not exist");
            assertEcrError(catchThrowable(() -> ecr.getDownloadUrlForLayer(r -> r.repositoryName("app").layerDigest(unreferenced))),
                    LayerInaccessibleException.class, "LayerInaccessibleException", "The specified layer is not"
                            + " available because it is not associated with an image. Unassociated image layers may be"
                            + " cleaned up at any time.");
        }
    }

    /** A heap bound below one large layer: the layer completes and verifies, its bytes in a temporary file. */
    static class Bounded {
        @RegisterExtension
        static FakeEcrExtension bounded = FakeEcrExtension.builder().repositories("big")
                .layerBytesRetained(8L * 1024 * 1024).build();

        @Test
        void aFiftyMebibyteLayerInFiveMebibyteParts(EcrClient ecr, FakeEcr fake) throws Exception {
            int part = 5 * 1024 * 1024;
            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            Random random = new Random(42);
            String uploadId = ecr.initiateLayerUpload(r -> r.repositoryName("big")).uploadId();
            byte[] chunk = new byte[part];
            for (long first = 0; first < 10L * part; first += part) {
                random.nextBytes(chunk);
                expected.update(chunk);
                long from = first;
                ecr.uploadLayerPart(r -> r.repositoryName("big").uploadId(uploadId).partFirstByte(from)
                        .partLastByte(from + part - 1).layerPartBlob(SdkBytes.fromByteArray(chunk)));
            }
            String digest = "sha256:" + HexFormat.of().formatHex(expected.digest());

            String completed = ecr.completeLayerUpload(r -> r.repositoryName("big").uploadId(uploadId).layerDigests(digest))
                    .layerDigest();

            assertThat(completed).isEqualTo(digest);
            LayerMemory memory = fake.layerMemory();
            assertThat(memory.boundBytes()).isEqualTo(8L * 1024 * 1024);
            assertThat(memory.peakRetainedBytes()).isLessThanOrEqualTo(memory.boundBytes()).isPositive();
            assertThat(memory.retainedBytes()).isZero();
            assertThat(ecr.batchCheckLayerAvailability(r -> r.repositoryName("big").layerDigests(digest)).layers().get(0)
                    .layerSize()).isEqualTo(50L * 1024 * 1024);
        }
    }

    @Nested
    class Memory {
        @Test
        void largeLayersAreVerifiedWithinTheBound() {
            org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
                    .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(Bounded.class))
                    .execute().testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        }
    }
}
