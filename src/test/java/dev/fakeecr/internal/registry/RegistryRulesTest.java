package dev.fakeecr.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeecr.Manifests;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import dev.fakeecr.registry.ExclusionFilter;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.LayerMemory;
import dev.fakeecr.registry.RegistryConfig;
import dev.fakeecr.registry.RepositorySettings;
import dev.fakeecr.registry.TagMutability;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** ECR's rules checked on a Registry directly, without HTTP: the same codes and messages the wire tests see. */
class RegistryRulesTest {
    private static final String ACCOUNT = "111122223333";
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Registry registry(RegistryConfig config) {
        Registry registry = new Registry(ACCOUNT, "us-east-1", CLOCK, config);
        registry.createRepository(RepositorySettings.named("app"));
        return registry;
    }

    /** Layer checks off, so PutImage needs no uploaded layers. */
    private static Registry registry() {
        return registry(RegistryConfig.DEFAULTS.withLayerChecks(false));
    }

    private static void assertEcrError(ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EcrError.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void immutableTagWithExclusionFiltersMovesOnlyExcludedTags() {
        Registry registry = registry();
        registry.putImageTagMutability("app", TagMutability.IMMUTABLE_WITH_EXCLUSION,
                List.of(ExclusionFilter.wildcard("latest*")));
        registry.putImage("app", Manifests.dockerV2("one"), null, "v1", null);
        registry.putImage("app", Manifests.dockerV2("one"), null, "latest-dev", null);

        ImageInfo moved = registry.putImage("app", Manifests.dockerV2("two"), null, "latest-dev", null);
        assertThat(moved.tags()).containsExactly("latest-dev");

        assertEcrError(() -> registry.putImage("app", Manifests.dockerV2("two"), null, "v1", null),
                ErrorCode.IMAGE_TAG_ALREADY_EXISTS,
                "The image tag 'v1' already exists in the 'app' repository and cannot be overwritten because the tag"
                        + " is immutable.");
        assertThat(registry.findImage("app", "v1")).map(ImageInfo::digest)
                .contains(Digests.of(Manifests.dockerV2("one")));
    }

    @Test
    void mutableWithExclusionMakesOnlyMatchingTagsImmutable() {
        Repository repository = new Repository(ACCOUNT, RepositorySettings.named("app")
                .withTagMutability(TagMutability.MUTABLE_WITH_EXCLUSION, List.of(ExclusionFilter.wildcard("release-*"))),
                NOW, new BlobStore(0));

        assertThat(repository.isImmutable("release-1.0")).isTrue();
        assertThat(repository.isImmutable("latest")).isFalse();
    }

    @Test
    void aLifecyclePolicyKeepsWhenItWasLastEvaluatedUntilItIsReplaced() {
        Repository repository = new Repository(ACCOUNT, RepositorySettings.named("app"), NOW, new BlobStore(0));
        repository.setPolicy(PolicyKind.LIFECYCLE, "{\"rules\":[]}");
        assertThat(repository.policy(PolicyKind.LIFECYCLE).lastEvaluatedAt()).as("never evaluated").isNull();

        repository.policyEvaluated(PolicyKind.LIFECYCLE, NOW);
        assertThat(repository.policy(PolicyKind.LIFECYCLE)).isEqualTo(new StoredPolicy("{\"rules\":[]}", NOW));

        repository.setPolicy(PolicyKind.LIFECYCLE, "{\"rules\":[ ]}");
        assertThat(repository.policy(PolicyKind.LIFECYCLE).lastEvaluatedAt()).as("a new policy").isNull();
    }

    @Test
    void identicalPushIsRefusedWhateverTheMutability() {
        Registry registry = registry();
        String manifest = Manifests.dockerV2("one");
        String digest = Digests.of(manifest);
        registry.putImage("app", manifest, null, "v1", null);

        assertEcrError(() -> registry.putImage("app", manifest, null, "v1", null), ErrorCode.IMAGE_ALREADY_EXISTS,
                "Image with digest '" + digest + "' and tag 'v1' already exists in the repository with name 'app'"
                        + " in registry with id '" + ACCOUNT + "'");
        assertEcrError(() -> registry.putImage("app", manifest, null, null, null), ErrorCode.IMAGE_ALREADY_EXISTS,
                "Image with digest '" + digest + "' and tag 'null' already exists in the repository with name 'app'"
                        + " in registry with id '" + ACCOUNT + "'");
    }

    @Test
    void retagMovesTheTagAndLeavesThePreviousImageUntagged() {
        Registry registry = registry();
        ImageInfo first = registry.putImage("app", Manifests.dockerV2("one"), null, "latest", null);
        ImageInfo second = registry.putImage("app", Manifests.dockerV2("two"), null, "latest", null);

        assertThat(registry.findImage("app", "latest")).map(ImageInfo::digest).contains(second.digest());
        assertThat(registry.findImage("app", first.digest())).get().satisfies(i -> assertThat(i.tags()).isEmpty());
        assertThat(registry.images("app")).hasSize(2);
    }

    @Test
    void imageQuotaRefusesANewImageButNotANewTagOnAnExistingOne() {
        Registry registry = registry(RegistryConfig.DEFAULTS.withLayerChecks(false).withMaxImagesPerRepository(1));
        registry.putImage("app", Manifests.dockerV2("one"), null, "v1", null);

        assertEcrError(() -> registry.putImage("app", Manifests.dockerV2("two"), null, "v2", null),
                ErrorCode.LIMIT_EXCEEDED, "The maximum number of images per repository has been reached");
        ImageInfo retagged = registry.putImage("app", Manifests.dockerV2("one"), null, "v2", null);
        assertThat(retagged.tags()).containsExactly("v1", "v2");
    }

    @Test
    void deleteByTagRemovesTheTagAndTheImageWithItsLastTag() {
        Registry registry = registry();
        ImageInfo image = registry.putImage("app", Manifests.dockerV2("one"), null, "v1", null);
        registry.putImage("app", Manifests.dockerV2("one"), null, "v2", null);

        BatchDeleteImageResult first = registry.batchDeleteImage("app", List.of(new ImageId(null, "v1")));
        assertThat(first.deleted()).containsExactly(new ImageId(image.digest(), "v1"));
        assertThat(registry.findImage("app", image.digest())).isPresent();

        BatchDeleteImageResult last = registry.batchDeleteImage("app", List.of(new ImageId(null, "v2")));
        assertThat(last.deleted()).containsExactly(new ImageId(image.digest(), "v2"));
        assertThat(last.failures()).isEmpty();
        assertThat(registry.findImage("app", image.digest())).isEmpty();
        assertThat(registry.images("app")).isEmpty();
    }

    @Test
    void deleteIsRefusedWhileAManifestListNamesTheImage() {
        Registry registry = registry();
        ImageInfo amd64 = registry.seedImage("app", Manifests.dockerV2("amd64"), null, "amd64");
        ImageInfo arm64 = registry.seedImage("app", Manifests.dockerV2("arm64"), null, null);
        ImageInfo list = registry.seedImage("app",
                Manifests.dockerManifestList(amd64.digest(), arm64.digest()), null, "multi");

        ImageId byTag = new ImageId(null, "amd64");
        BatchDeleteImageResult result = registry.batchDeleteImage("app", List.of(byTag));

        assertThat(result.deleted()).isEmpty();
        assertThat(result.failures()).containsExactly(new ImageFailure(byTag, "ImageReferencedByManifestList",
                "Requested image is referenced by manifest list [" + list.digest() + "]"));
        assertThat(registry.findImage("app", "amd64")).isPresent();

        registry.batchDeleteImage("app", List.of(ImageId.ofDigest(list.digest())));
        assertThat(registry.batchDeleteImage("app", List.of(byTag)).deleted())
                .containsExactly(new ImageId(amd64.digest(), "amd64"));
    }

    @Test
    void findImageByTagAndByDigest() {
        Registry registry = registry();
        ImageInfo image = registry.putImage("app", Manifests.dockerV2("one"), null, "v1", null);

        assertThat(registry.findImage("app", "v1")).contains(image);
        assertThat(registry.findImage("app", image.digest())).contains(image);
        assertThat(registry.findImage("app", "v2")).isEmpty();
        assertThat(registry.findImage("app", Manifests.digest("nothing"))).isEmpty();
        assertEcrError(() -> registry.findImage("missing", "v1"), ErrorCode.REPOSITORY_NOT_FOUND,
                "The repository with name 'missing' does not exist in the registry with id '" + ACCOUNT + "'");
    }

    @Test
    void pushTimeComesFromTheRegistryClock() {
        Registry registry = registry();
        assertThat(registry.putImage("app", Manifests.dockerV2("one"), null, "v1", null).pushedAt()).isEqualTo(NOW);
    }

    @Test
    void aLayerOverTheHeapBoundGoesToATemporaryFileAndStaysDownloadable() {
        Registry registry = registry(RegistryConfig.DEFAULTS.withLayerBytesRetained(16));
        byte[] small = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        byte[] large = "more than sixteen bytes".getBytes(StandardCharsets.UTF_8);

        String smallDigest = upload(registry, small);
        String largeDigest = upload(registry, large);

        assertThat(registry.layer("app", smallDigest)).get().satisfies(l -> assertThat(l.bytesKept()).isTrue());
        assertThat(registry.layerContent("app", smallDigest)).get().satisfies(c -> assertThat(c.readAll()).isEqualTo(small));
        assertThat(registry.layer("app", largeDigest)).get().satisfies(l -> {
            assertThat(l.size()).isEqualTo(large.length);
            assertThat(l.bytesKept()).isTrue();
        });
        assertThat(registry.layerContent("app", largeDigest)).get().satisfies(c -> assertThat(c.readAll()).isEqualTo(large));
        assertThat(registry.layerMemory()).as("only the small layer is on the heap")
                .isEqualTo(new LayerMemory(small.length, small.length, 16));

        registry.deleteRepository("app", true);
        assertThat(registry.layerMemory()).isEqualTo(new LayerMemory(0, small.length, 16));
        assertThat(registry.layerContent("app", smallDigest)).isEmpty();
    }

    @Test
    void oneBlobIsStoredOnceWhicheverRepositoriesHoldIt() {
        Registry registry = registry(RegistryConfig.DEFAULTS);
        registry.createRepository(RepositorySettings.named("other"));
        byte[] bytes = "shared layer".getBytes(StandardCharsets.UTF_8);

        String digest = registry.putLayer("app", bytes);
        registry.putLayer("other", bytes);

        assertThat(registry.layerMemory().retainedBytes()).isEqualTo(bytes.length);
        registry.deleteRepository("app", true);
        assertThat(registry.layerContent("other", digest)).as("still held by the other repository").isPresent();
        registry.deleteRepository("other", true);
        assertThat(registry.layerMemory().retainedBytes()).isZero();
    }

    @Test
    void aRefusedUploadReleasesItsBufferedBytes() {
        Registry registry = registry(RegistryConfig.DEFAULTS);
        byte[] bytes = "some layer".getBytes(StandardCharsets.UTF_8);
        String uploadId = registry.initiateLayerUpload("app");
        registry.uploadLayerPart("app", uploadId, 0, bytes.length - 1, bytes);
        assertThat(registry.layerMemory().retainedBytes()).isEqualTo(bytes.length);

        String wrong = Manifests.digest("other");
        assertEcrError(() -> registry.completeLayerUpload("app", uploadId, List.of(wrong)), ErrorCode.INVALID_LAYER,
                "The calculated layer digest '" + Digests.of(bytes) + "' does not match the provided layer digests ["
                        + wrong + "]");
        assertThat(registry.layerMemory().retainedBytes()).isZero();
    }

    /** Uploads one layer in one part and completes it. */
    private static String upload(Registry registry, byte[] bytes) {
        String uploadId = registry.initiateLayerUpload("app");
        registry.uploadLayerPart("app", uploadId, 0, bytes.length - 1, bytes);
        return registry.completeLayerUpload("app", uploadId, List.of(Digests.of(bytes)));
    }
}
