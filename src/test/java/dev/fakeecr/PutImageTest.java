package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.registry.ImageInfo;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilterType;
import software.amazon.awssdk.services.ecr.model.PutImageRequest;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** PutImage through the real EcrClient over HTTP: every rule of ECR's check order (reference §4.1). */
class PutImageTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app")
            .withoutLayerChecks() // these tests push synthetic manifests; layer checks have their own tests
            .build();

    private EcrClient ecr;
    private FakeEcr fake;

    @BeforeEach
    void setUp(EcrClient ecr, FakeEcr fake) {
        this.ecr = ecr;
        this.fake = fake;
    }

    private PutImageResponse put(String repository, String tag, String manifest) {
        return ecr.putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(manifest));
    }

    /** Runs a call that must fail, and checks that it left the registry as it was. */
    private Throwable refused(Runnable call) {
        List<ImageInfo> before = fake.images("app");
        Throwable thrown = catchThrowable(call::run);
        assertThat(fake.images("app")).as("state after a refused call").isEqualTo(before);
        return thrown;
    }

    @Nested
    class Success {
        @Test
        void digestIsSha256OfTheManifestBytesAndTheManifestIsEchoedVerbatim() {
            String manifest = "{\n   \"schemaVersion\": 2,\n   \"mediaType\": "
                    + "\"application/vnd.docker.distribution.manifest.v2+json\",\n   \"config\": {\"size\": 7,"
                    + " \"digest\": \"sha256:0f\", \"mediaType\": \"application/vnd.docker.container.image.v1+json\"},"
                    + "\n   \"layers\": [], \"annotations\": {\"é\": \"ü\"}\n}";

            PutImageResponse response = put("app", "1.0", manifest);

            assertThat(response.image().imageId().imageDigest()).isEqualTo(Digests.of(manifest))
                    .startsWith("sha256:").hasSize(71);
            assertThat(response.image().imageManifest()).isEqualTo(manifest);
            assertThat(response.image().imageManifestMediaType())
                    .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
            assertThat(response.image().imageId().imageTag()).isEqualTo("1.0");
            assertThat(response.image().registryId()).isEqualTo(fake.accountId());
            assertThat(response.image().repositoryName()).isEqualTo("app");
            assertThat(fake.image("app", "1.0")).get()
                    .satisfies(i -> assertThat(i.digest()).isEqualTo(Digests.of(manifest)))
                    .satisfies(i -> assertThat(i.tags()).containsExactly("1.0"));
        }

        @Test
        void withoutATagTheImageIsStoredUntagged() {
            PutImageResponse response = ecr.putImage(r -> r.repositoryName("app").imageManifest(Manifests.dockerV2("a")));

            assertThat(response.image().imageId().imageTag()).isNull();
            assertThat(fake.images("app")).singleElement()
                    .satisfies(i -> assertThat(i.tags()).isEmpty());
        }

        @Test
        void theDeclaredMediaTypeServesAManifestWithoutOne() {
            PutImageResponse response = ecr.putImage(r -> r.repositoryName("app").imageTag("chart")
                    .imageManifest(Manifests.ociWithoutMediaType("h"))
                    .imageManifestMediaType("application/vnd.oci.image.manifest.v1+json"));

            assertThat(response.image().imageManifestMediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
            assertThat(fake.image("app", "chart")).get()
                    .satisfies(i -> assertThat(i.artifactMediaType()).isEqualTo("application/vnd.cncf.helm.config.v1+json"));
        }

        @Test
        void aSchemaOneManifestIsReadAsSchemaOne() {
            PutImageResponse response = put("app", "legacy", Manifests.dockerV1("x"));

            assertThat(response.image().imageManifestMediaType())
                    .isEqualTo("application/vnd.docker.distribution.manifest.v1+json");
        }

        @Test
        void aManifestListIsStoredWithItsMediaType() {
            PutImageResponse response = put("app", "multi",
                    Manifests.dockerManifestList(Manifests.digest("amd"), Manifests.digest("arm")));

            assertThat(response.image().imageManifestMediaType())
                    .isEqualTo("application/vnd.docker.distribution.manifest.list.v2+json");
        }

        @Test
        void aMatchingImageDigestIsAccepted() {
            String manifest = Manifests.oci("d");

            PutImageResponse response = ecr.putImage(r -> r.repositoryName("app").imageTag("v1")
                    .imageManifest(manifest).imageDigest(Digests.of(manifest)));

            assertThat(response.image().imageId().imageDigest()).isEqualTo(Digests.of(manifest));
        }

        @Test
        void aNewTagOnAnExistingDigestAddsATag() {
            String manifest = Manifests.dockerV2("r");
            put("app", "1.0", manifest);

            PutImageResponse response = put("app", "stable", manifest);

            assertThat(response.image().imageId().imageTag()).isEqualTo("stable");
            assertThat(fake.images("app")).singleElement()
                    .satisfies(i -> assertThat(i.tags()).containsExactly("1.0", "stable"));
        }

        @Test
        void aMutableTagMovesAndTheOldImageStaysUntagged() {
            String first = Manifests.dockerV2("first");
            String second = Manifests.dockerV2("second");
            put("app", "latest", first);

            put("app", "latest", second);

            assertThat(fake.images("app")).hasSize(2);
            assertThat(fake.image("app", Digests.of(first))).get()
                    .satisfies(i -> assertThat(i.tags()).isEmpty());
            assertThat(fake.image("app", "latest")).get()
                    .satisfies(i -> assertThat(i.digest()).isEqualTo(Digests.of(second)));
        }

        @Test
        void registryIdAddressesThatAccountsRegistry() {
            PutImageResponse response = ecr.putImage(r -> r.registryId(fake.accountId()).repositoryName("app")
                    .imageTag("v1").imageManifest(Manifests.dockerV2("own")));

            assertThat(response.image().registryId()).isEqualTo(fake.accountId());
        }
    }

    @Nested
    class ParameterValidation {
        @Test
        void repositoryNameIsRequired() {
            assertInvalidParameter(refused(() -> ecr.putImage(r -> r.imageManifest(Manifests.dockerV2("x")))),
                    "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must not be null'");
        }

        @Test
        void repositoryNameTooShort() {
            assertInvalidParameter(refused(() -> put("a", "v1", Manifests.dockerV2("x"))),
                    "Invalid parameter at 'repositoryName' failed to satisfy constraint:"
                            + " 'must have length greater than or equal to 2'");
        }

        @Test
        void repositoryNameTooLong() {
            assertInvalidParameter(refused(() -> put("a".repeat(257), "v1", Manifests.dockerV2("x"))),
                    "Invalid parameter at 'repositoryName' failed to satisfy constraint:"
                            + " 'must have length less than or equal to 256'");
        }

        @ParameterizedTest
        @CsvSource({"MyRepo", "app//x", "-app", "app_", "app.-x", "arn:aws:ecr:us-east-1:123456789012:repository/app"})
        void repositoryNameMustMatchEcrsPattern(String name) {
            assertInvalidParameter(refused(() -> put(name, "v1", Manifests.dockerV2("x"))),
                    "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular"
                            + " expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''");
        }

        @Test
        void registryIdMustBeTwelveDigits() {
            assertInvalidParameter(refused(() -> ecr.putImage(r -> r.registryId("12345").repositoryName("app")
                            .imageManifest(Manifests.dockerV2("x")))),
                    "Invalid parameter at 'registryId' failed to satisfy constraint:"
                            + " 'must satisfy regular expression [0-9]{12}'");
        }

        @Test
        void manifestIsRequired() {
            assertInvalidParameter(refused(() -> ecr.putImage(r -> r.repositoryName("app").imageTag("v1"))),
                    "Invalid parameter at 'imageManifest' failed to satisfy constraint: 'must not be null'");
        }

        @Test
        void manifestMustNotBeEmpty() {
            assertInvalidParameter(refused(() -> put("app", "v1", "")),
                    "Invalid parameter at 'imageManifest' failed to satisfy constraint:"
                            + " 'must have length greater than or equal to 1'");
        }

        @Test
        void manifestAtMostFourMebibytes() {
            String big = Manifests.dockerV2("big");
            String tooBig = big.substring(0, big.length() - 1) + ",\"pad\":\""
                    + "x".repeat(4_194_304 - big.length() - 8) + "\"}";
            assertThat(tooBig).hasSize(4_194_305);

            assertInvalidParameter(refused(() -> put("app", "v1", tooBig)),
                    "Invalid parameter at 'imageManifest' failed to satisfy constraint:"
                            + " 'must have length less than or equal to 4194304'");
        }

        @Test
        void aManifestOfExactlyFourMebibytesIsAccepted() {
            String big = Manifests.dockerV2("big");
            String largest = big.substring(0, big.length() - 1) + ",\"pad\":\""
                    + "x".repeat(4_194_304 - big.length() - 9) + "\"}";
            assertThat(largest).hasSize(4_194_304);

            assertThat(put("app", "v1", largest).image().imageId().imageDigest()).isEqualTo(Digests.of(largest));
        }

        @Test
        void tagAtMost300Characters() {
            assertInvalidParameter(refused(() -> put("app", "t".repeat(301), Manifests.dockerV2("x"))),
                    "Invalid parameter at 'imageTag' failed to satisfy constraint:"
                            + " 'must have length less than or equal to 300'");
            assertThat(put("app", "t".repeat(300), Manifests.dockerV2("x")).image().imageId().imageTag()).hasSize(300);
        }

        @Test
        void tagMustNotBeEmpty() {
            assertInvalidParameter(refused(() -> put("app", "", Manifests.dockerV2("x"))),
                    "Invalid parameter at 'imageTag' failed to satisfy constraint:"
                            + " 'must have length greater than or equal to 1'");
        }

        @ParameterizedTest
        @CsvSource({"'v1 beta'", "v1+build", "v1/x", "v1:x"})
        void tagCharacters(String tag) {
            assertInvalidParameter(refused(() -> put("app", tag, Manifests.dockerV2("x"))),
                    "Invalid parameter at 'imageTag' failed to satisfy constraint:"
                            + " 'must satisfy regular expression '[a-zA-Z0-9-_.]+''");
        }

        @ParameterizedTest
        @CsvSource({"abc", "sha256:", "sha256:xyz", "sha256 :abc"})
        void digestFormat(String digest) {
            assertInvalidParameter(refused(() -> ecr.putImage(r -> r.repositoryName("app").imageTag("v1")
                            .imageManifest(Manifests.dockerV2("x")).imageDigest(digest))),
                    "Invalid parameter at 'imageDigest' failed to satisfy constraint:"
                            + " 'must satisfy regular expression '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+''");
        }

        @Test
        void parametersAreCheckedBeforeTheRepositoryExists() {
            assertInvalidParameter(refused(() -> put("missing", "bad tag", Manifests.dockerV2("x"))),
                    "Invalid parameter at 'imageTag' failed to satisfy constraint:"
                            + " 'must satisfy regular expression '[a-zA-Z0-9-_.]+''");
        }
    }

    @Nested
    class RepositoryAndManifest {
        @Test
        void repositoryMustExist() {
            assertEcrError(refused(() -> put("missing", "v1", Manifests.dockerV2("x"))),
                    RepositoryNotFoundException.class, "RepositoryNotFoundException",
                    "The repository with name 'missing' does not exist in the registry with id '" + fake.accountId() + "'");
        }

        @Test
        void theRepositoryIsCheckedBeforeTheManifest() {
            assertEcrError(refused(() -> put("missing", "v1", "{not json")),
                    RepositoryNotFoundException.class, "RepositoryNotFoundException",
                    "The repository with name 'missing' does not exist in the registry with id '" + fake.accountId() + "'");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"{not json", "[]", "\"text\"", "{\"schemaVersion\":2} trailing"})
        void manifestMustBeAJsonObject(String manifest) {
            assertInvalidParameter(refused(() -> put("app", "v1", manifest)),
                    "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'");
        }

        @Test
        void anOciManifestWithoutAnyMediaTypeIsInvalidJsonSyntaxAsInEcr() {
            assertInvalidParameter(refused(() -> put("app", "chart", Manifests.ociWithoutMediaType("h"))),
                    "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'");
        }

        @Test
        void aDeclaredMediaTypeMustAgreeWithTheManifest() {
            Throwable thrown = refused(() -> ecr.putImage(r -> r.repositoryName("app").imageTag("v1")
                    .imageManifest(Manifests.dockerV2("x"))
                    .imageManifestMediaType("application/vnd.oci.image.manifest.v1+json")));

            assertInvalidParameter(thrown, "Invalid parameter at 'ImageManifestMediaType' failed to satisfy constraint:"
                    + " 'Media type 'application/vnd.oci.image.manifest.v1+json' does not match the media type"
                    + " 'application/vnd.docker.distribution.manifest.v2+json' of the image manifest'");
        }

        @Test
        void anUnsupportedMediaTypeIsRefused() {
            Throwable thrown = refused(() -> ecr.putImage(r -> r.repositoryName("app").imageTag("v1")
                    .imageManifest(Manifests.ociWithoutMediaType("x")).imageManifestMediaType("text/plain")));

            assertInvalidParameter(thrown, "Invalid parameter at 'ImageManifestMediaType' failed to satisfy"
                    + " constraint: 'Invalid media type 'text/plain''");
        }

        @Test
        void aGivenDigestMustMatchTheManifest() {
            String manifest = Manifests.dockerV2("x");
            String wrong = Manifests.digest("something else");

            Throwable thrown = refused(() -> ecr.putImage(r -> r.repositoryName("app").imageTag("v1")
                    .imageManifest(manifest).imageDigest(wrong)));

            assertEcrError(thrown, ImageDigestDoesNotMatchException.class, "ImageDigestDoesNotMatchException",
                    "The image digest '" + wrong + "' provided does not match the digest '" + Digests.of(manifest)
                            + "' calculated for the image manifest");
        }
    }

    @Nested
    class ExistingImagesAndTags {
        @Test
        void theSameDigestAndTagTwiceIsRefusedEvenWhenTagsAreMutable() {
            String manifest = Manifests.dockerV2("x");
            String digest = put("app", "v1", manifest).image().imageId().imageDigest();

            assertEcrError(refused(() -> put("app", "v1", manifest)), ImageAlreadyExistsException.class,
                    "ImageAlreadyExistsException", "Image with digest '" + digest + "' and tag 'v1' already exists"
                            + " in the repository with name 'app' in registry with id '" + fake.accountId() + "'");
        }

        @Test
        void theSameDigestWithoutATagIsRefused() {
            String manifest = Manifests.dockerV2("x");
            String digest = put("app", "v1", manifest).image().imageId().imageDigest();

            assertEcrError(refused(() -> ecr.putImage(r -> r.repositoryName("app").imageManifest(manifest))),
                    ImageAlreadyExistsException.class, "ImageAlreadyExistsException",
                    "Image with digest '" + digest + "' and tag 'null' already exists in the repository with name"
                            + " 'app' in registry with id '" + fake.accountId() + "'");
        }

        @Test
        void anImmutableRepositoryRefusesMovingATag() {
            ecr.createRepository(r -> r.repositoryName("locked").imageTagMutability(ImageTagMutability.IMMUTABLE));
            put("locked", "v1", Manifests.dockerV2("one"));

            Throwable thrown = catchThrowable(() -> put("locked", "v1", Manifests.dockerV2("two")));

            assertEcrError(thrown, ImageTagAlreadyExistsException.class, "ImageTagAlreadyExistsException",
                    "The image tag 'v1' already exists in the 'locked' repository and cannot be overwritten because"
                            + " the tag is immutable.");
            assertThat(fake.images("locked")).singleElement()
                    .satisfies(i -> assertThat(i.digest()).isEqualTo(Digests.of(Manifests.dockerV2("one"))));
        }

        @Test
        void anImmutableRepositoryAnswersTheSamePushWithImageAlreadyExists() {
            ecr.createRepository(r -> r.repositoryName("locked").imageTagMutability(ImageTagMutability.IMMUTABLE));
            put("locked", "v1", Manifests.dockerV2("one"));

            assertThat(catchThrowable(() -> put("locked", "v1", Manifests.dockerV2("one"))))
                    .isInstanceOf(ImageAlreadyExistsException.class);
        }

        @Test
        void anImmutableRepositoryStillTakesNewTagsAndUntaggedPushes() {
            ecr.createRepository(r -> r.repositoryName("locked").imageTagMutability(ImageTagMutability.IMMUTABLE));
            String manifest = Manifests.dockerV2("one");
            put("locked", "v1", manifest);

            put("locked", "v1.0.0", manifest);
            ecr.putImage(r -> r.repositoryName("locked").imageManifest(Manifests.dockerV2("two")));

            assertThat(fake.image("locked", "v1")).get().satisfies(i -> assertThat(i.tags()).containsExactly("v1", "v1.0.0"));
            assertThat(fake.images("locked")).hasSize(2);
        }

        @ParameterizedTest(name = "{0} with filter {1}: moving tag {2} allowed={3}")
        @CsvSource({
                "IMMUTABLE_WITH_EXCLUSION, dev-*, dev-123, true",
                "IMMUTABLE_WITH_EXCLUSION, dev-*, release-1, false",
                "IMMUTABLE_WITH_EXCLUSION, *-snapshot, 1.0-snapshot, true",
                "IMMUTABLE_WITH_EXCLUSION, latest, latest, true",
                "IMMUTABLE_WITH_EXCLUSION, latest, latest2, false",
                "IMMUTABLE_WITH_EXCLUSION, v1.*, v1.2, true",
                "IMMUTABLE_WITH_EXCLUSION, v1.*, v1x2, false",
                "MUTABLE_WITH_EXCLUSION, release-*, release-1, false",
                "MUTABLE_WITH_EXCLUSION, release-*, dev-1, true",
                "MUTABLE_WITH_EXCLUSION, *, anything, false",
        })
        void exclusionFiltersDecideWhichTagsMayMove(ImageTagMutability mode, String filter, String tag, boolean allowed) {
            ecr.createRepository(r -> r.repositoryName("filtered").imageTagMutability(mode)
                    .imageTagMutabilityExclusionFilters(f -> f.filterType(ImageTagMutabilityExclusionFilterType.WILDCARD)
                            .filter(filter)));
            put("filtered", tag, Manifests.dockerV2("one"));

            Throwable thrown = catchThrowable(() -> put("filtered", tag, Manifests.dockerV2("two")));

            if (allowed) {
                assertThat(thrown).isNull();
                assertThat(fake.image("filtered", tag)).get()
                        .satisfies(i -> assertThat(i.digest()).isEqualTo(Digests.of(Manifests.dockerV2("two"))));
            } else {
                assertThat(thrown).isInstanceOf(ImageTagAlreadyExistsException.class);
            }
        }
    }

    @Test
    void theRequestIsSentAsTheSdkBuildsIt() {
        // The same request object a user would build: nothing in the fake depends on the builder shortcuts.
        PutImageRequest request = PutImageRequest.builder().repositoryName("app").imageTag("v1")
                .imageManifest(Manifests.oci("plain")).build();

        assertThat(ecr.putImage(request).image().imageManifestMediaType())
                .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    }
}
