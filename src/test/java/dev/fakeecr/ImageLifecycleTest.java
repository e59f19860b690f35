package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.groups.Tuple.tuple;

import dev.fakeecr.junit.FakeEcrExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityResponse;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TagStatus;
import software.amazon.awssdk.services.ecr.model.TooManyTagsException;

/** BatchDeleteImage, PutImageTagMutability, repository tags and GetAuthorizationToken (reference §4.3, §4.9, §4.10). */
class ImageLifecycleTest {
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

    private String put(String repository, String tag, String manifest) {
        return ecr.putImage(r -> r.repositoryName(repository).imageTag(tag).imageManifest(manifest))
                .image().imageId().imageDigest();
    }

    private static ImageIdentifier tag(String tag) {
        return ImageIdentifier.builder().imageTag(tag).build();
    }

    private static ImageIdentifier digest(String digest) {
        return ImageIdentifier.builder().imageDigest(digest).build();
    }

    private static ImageIdentifier id(String digest, String tag) {
        return ImageIdentifier.builder().imageDigest(digest).imageTag(tag).build();
    }

    @Nested
    class BatchDeleteImage {
        @Test
        void byTagRemovesTheTagAndTheImageWithItsLastTag() {
            String a = put("app", "1.0", Manifests.dockerV2("a"));
            put("app", "stable", Manifests.dockerV2("a"));

            BatchDeleteImageResponse first = ecr.batchDeleteImage(r -> r.repositoryName("app").imageIds(tag("1.0")));
            assertThat(first.imageIds()).containsExactly(id(a, "1.0"));
            assertThat(fake.images("app")).singleElement().satisfies(i -> assertThat(i.tags()).containsExactly("stable"));

            BatchDeleteImageResponse second = ecr.batchDeleteImage(r -> r.repositoryName("app").imageIds(tag("stable")));
            assertThat(second.imageIds()).containsExactly(id(a, "stable"));
            assertThat(fake.images("app")).isEmpty();
        }

        @Test
        void byDigestRemovesTheImageWithAllItsTags() {
            String a = put("app", "1.0", Manifests.dockerV2("a"));
            put("app", "stable", Manifests.dockerV2("a"));
            String untagged = ecr.putImage(r -> r.repositoryName("app").imageManifest(Manifests.dockerV2("u")))
                    .image().imageId().imageDigest();

            BatchDeleteImageResponse response = ecr.batchDeleteImage(r -> r.repositoryName("app")
                    .imageIds(digest(a), digest(untagged)));

            assertThat(response.imageIds()).containsExactly(id(a, "1.0"), id(a, "stable"), digest(untagged));
            assertThat(response.failures()).isEmpty();
            assertThat(fake.images("app")).isEmpty();
            assertThat(ecr.batchGetImage(r -> r.repositoryName("app").imageIds(tag("stable"))).failures()).hasSize(1);
        }

        @Test
        void eachIdFailsOnItsOwn() {
            String a = put("app", "1.0", Manifests.dockerV2("a"));

            BatchDeleteImageResponse response = ecr.batchDeleteImage(r -> r.repositoryName("app").imageIds(
                    tag("nope"), ImageIdentifier.builder().build(), digest("sha256:xyz"), tag("1.0")));

            assertThat(response.imageIds()).containsExactly(id(a, "1.0"));
            assertThat(response.failures()).extracting(f -> f.failureCode(), f -> f.failureReason())
                    .containsExactly(
                            tuple(ImageFailureCode.IMAGE_NOT_FOUND, "Requested image not found"),
                            tuple(ImageFailureCode.MISSING_DIGEST_AND_TAG,
                                    "Invalid request parameters: both tag and digest cannot be null"),
                            tuple(ImageFailureCode.INVALID_IMAGE_DIGEST, "Invalid request parameters: image digest"
                                    + " should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'"));
        }

        @Test
        void anImageAManifestListNamesIsNotDeleted() {
            String amd = ecr.putImage(r -> r.repositoryName("app").imageManifest(Manifests.dockerV2("amd")))
                    .image().imageId().imageDigest();
            String arm = ecr.putImage(r -> r.repositoryName("app").imageManifest(Manifests.dockerV2("arm")))
                    .image().imageId().imageDigest();
            String list = put("app", "multi", Manifests.dockerManifestList(amd, arm));

            BatchDeleteImageResponse refused = ecr.batchDeleteImage(r -> r.repositoryName("app").imageIds(digest(amd)));

            assertThat(refused.imageIds()).isEmpty();
            assertThat(refused.failures()).singleElement().satisfies(f -> {
                assertThat(f.failureCode()).isEqualTo(ImageFailureCode.IMAGE_REFERENCED_BY_MANIFEST_LIST);
                assertThat(f.failureReason()).contains(list);
                assertThat(f.imageId()).isEqualTo(digest(amd));
            });
            assertThat(fake.images("app")).hasSize(3);

            ecr.batchDeleteImage(r -> r.repositoryName("app").imageIds(tag("multi")));
            assertThat(ecr.batchDeleteImage(r -> r.repositoryName("app").imageIds(digest(amd), digest(arm))).failures())
                    .isEmpty();
            assertThat(fake.images("app")).isEmpty();
        }

        @Test
        void theRepositoryMustExist() {
            assertThat(catchThrowable(() -> ecr.batchDeleteImage(r -> r.repositoryName("gone").imageIds(tag("x")))))
                    .isInstanceOf(RepositoryNotFoundException.class);
        }
    }

    @Nested
    class PutImageTagMutability {
        @Test
        void theSettingIsEchoedStoredAndObeyedByTheNextPush() {
            put("app", "v1", Manifests.dockerV2("one"));

            PutImageTagMutabilityResponse response = ecr.putImageTagMutability(r -> r.repositoryName("app")
                    .imageTagMutability(ImageTagMutability.IMMUTABLE));

            assertThat(response.registryId()).isEqualTo(fake.accountId());
            assertThat(response.repositoryName()).isEqualTo("app");
            assertThat(response.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
            assertThat(ecr.describeRepositories().repositories().get(0).imageTagMutability())
                    .isEqualTo(ImageTagMutability.IMMUTABLE);
            assertThat(catchThrowable(() -> put("app", "v1", Manifests.dockerV2("two"))))
                    .isInstanceOf(ImageTagAlreadyExistsException.class);

            ecr.putImageTagMutability(r -> r.repositoryName("app").imageTagMutability(ImageTagMutability.MUTABLE));
            put("app", "v1", Manifests.dockerV2("two"));
        }

        @Test
        void exclusionFiltersAreEchoedAndApplied() {
            PutImageTagMutabilityResponse response = ecr.putImageTagMutability(r -> r.repositoryName("app")
                    .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
                    .imageTagMutabilityExclusionFilters(f -> f.filterType("WILDCARD").filter("latest"),
                            f -> f.filterType("WILDCARD").filter("dev-*")));

            assertThat(response.imageTagMutabilityExclusionFilters())
                    .extracting(ImageTagMutabilityExclusionFilter::filter).containsExactly("latest", "dev-*");
            put("app", "latest", Manifests.dockerV2("1"));
            put("app", "latest", Manifests.dockerV2("2"));
            put("app", "dev-7", Manifests.dockerV2("1"));
            put("app", "dev-7", Manifests.dockerV2("2"));
            put("app", "1.0", Manifests.dockerV2("1"));
            assertThat(catchThrowable(() -> put("app", "1.0", Manifests.dockerV2("2"))))
                    .isInstanceOf(ImageTagAlreadyExistsException.class);
        }

        @Test
        void invalidSettingsAreRefusedAndChangeNothing() {
            List<ImageTagMutabilityExclusionFilter> six = IntStream.range(0, 6)
                    .mapToObj(i -> ImageTagMutabilityExclusionFilter.builder().filterType("WILDCARD").filter("f" + i).build())
                    .collect(Collectors.toList());

            assertInvalidParameter(catchThrowable(() -> ecr.putImageTagMutability(r -> r.repositoryName("app"))),
                    "Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'must not be null'");
            assertInvalidParameter(catchThrowable(() -> ecr.putImageTagMutability(r -> r.repositoryName("app")
                            .imageTagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION)
                            .imageTagMutabilityExclusionFilters(six))),
                    "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint:"
                            + " 'must have length less than or equal to 5'");
            assertInvalidParameter(catchThrowable(() -> ecr.putImageTagMutability(r -> r.repositoryName("app")
                            .imageTagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION)
                            .imageTagMutabilityExclusionFilters(f -> f.filterType("WILDCARD").filter("a?b")))),
                    "Invalid parameter at 'imageTagMutabilityExclusionFilters.member.filter' failed to satisfy"
                            + " constraint: 'must satisfy regular expression '^[0-9a-zA-Z._*-]{1,128}$''");
            assertThat(fake.repository("app")).get()
                    .satisfies(r -> assertThat(r.tagMutability().name()).isEqualTo("MUTABLE"));
            assertThat(catchThrowable(() -> ecr.putImageTagMutability(r -> r.repositoryName("gone")
                    .imageTagMutability(ImageTagMutability.IMMUTABLE)))).isInstanceOf(RepositoryNotFoundException.class);
        }
    }

    @Nested
    class RepositoryTags {
        private String arn(String repository) {
            return "arn:aws:ecr:us-east-1:" + fake.accountId() + ":repository/" + repository;
        }

        @Test
        void tagsGivenAtCreationAreListedAndCanBeChanged() {
            ecr.createRepository(r -> r.repositoryName("tagged").tags(Tag.builder().key("team").value("a").build()));

            ecr.tagResource(r -> r.resourceArn(arn("tagged")).tags(Tag.builder().key("team").value("b").build(),
                    Tag.builder().key("env").value("prod").build()));
            assertThat(ecr.listTagsForResource(r -> r.resourceArn(arn("tagged"))).tags())
                    .extracting(Tag::key, Tag::value).containsExactly(tuple("team", "b"), tuple("env", "prod"));

            ecr.untagResource(r -> r.resourceArn(arn("tagged")).tagKeys("team", "absent"));
            assertThat(ecr.listTagsForResource(r -> r.resourceArn(arn("tagged"))).tags())
                    .extracting(Tag::key).containsExactly("env");
        }

        @Test
        void atMostFiftyTags() {
            List<Tag> fifty = new ArrayList<>();
            IntStream.range(0, 50).forEach(i -> fifty.add(Tag.builder().key("k" + i).value("v").build()));
            ecr.tagResource(r -> r.resourceArn(arn("app")).tags(fifty));

            assertEcrError(catchThrowable(() -> ecr.tagResource(r -> r.resourceArn(arn("app"))
                            .tags(Tag.builder().key("one-more").value("v").build()))),
                    TooManyTagsException.class, "TooManyTagsException", "The list of tags on the repository is over"
                            + " the limit. The maximum number of tags that can be applied to a repository is 50.");
            ecr.tagResource(r -> r.resourceArn(arn("app")).tags(Tag.builder().key("k0").value("overwritten").build()));
            assertThat(ecr.listTagsForResource(r -> r.resourceArn(arn("app"))).tags()).hasSize(50);
        }

        @Test
        void theArnMustNameAnExistingRepository() {
            assertThat(catchThrowable(() -> ecr.listTagsForResource(r -> r.resourceArn(arn("gone")))))
                    .isInstanceOf(RepositoryNotFoundException.class);
            assertInvalidParameter(catchThrowable(() -> ecr.listTagsForResource(r -> r.resourceArn("app"))),
                    "Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN: app'");
        }
    }

    @Nested
    class GetAuthorizationToken {
        @Test
        void theTokenIsADockerLoginValidForTwelveHours() {
            Instant now = Instant.parse("2026-06-01T08:00:00Z");
            fake.clock().set(now);

            List<AuthorizationData> data = ecr.getAuthorizationToken().authorizationData();

            assertThat(data).singleElement().satisfies(d -> {
                String decoded = new String(Base64.getDecoder().decode(d.authorizationToken()), StandardCharsets.UTF_8);
                assertThat(decoded).startsWith("AWS:").hasSizeGreaterThan(20).doesNotContainAnyWhitespaces();
                assertThat(d.expiresAt()).isEqualTo(now.plus(Duration.ofHours(12)));
                assertThat(d.proxyEndpoint()).isEqualTo("https://" + fake.accountId() + ".dkr.ecr.us-east-1.amazonaws.com");
            });
        }

        @Test
        @SuppressWarnings("deprecation") // registryIds is deprecated in ECR's model, yet clients still send it
        void oneEntryPerRequestedRegistry() {
            List<AuthorizationData> data = ecr.getAuthorizationToken(r -> r.registryIds("111111111111", "222222222222"))
                    .authorizationData();

            assertThat(data).extracting(AuthorizationData::proxyEndpoint).containsExactly(
                    "https://111111111111.dkr.ecr.us-east-1.amazonaws.com",
                    "https://222222222222.dkr.ecr.us-east-1.amazonaws.com");
            assertInvalidParameter(catchThrowable(() -> ecr.getAuthorizationToken(r -> r.registryIds("12"))),
                    "Invalid parameter at 'registryIds' failed to satisfy constraint: 'must satisfy regular expression [0-9]{12}'");
        }
    }

    @Test
    void retagAndCleanUp() {
        String v1 = put("app", "1.0", Manifests.dockerV2("v1"));
        String v2 = put("app", "1.1", Manifests.dockerV2("v2"));
        put("app", "latest", Manifests.dockerV2("v1"));
        String v3 = put("app", "1.2", Manifests.dockerV2("v3"));
        // Retag: promote 1.2 to latest (latest leaves v1), then drop the version tags of the old releases.
        String manifest = ecr.batchGetImage(r -> r.repositoryName("app").imageIds(tag("1.2"))).images().get(0).imageManifest();
        put("app", "latest", manifest);
        ecr.putImage(r -> r.repositoryName("app").imageManifest(Manifests.dockerV2("build-cache")));

        List<ImageIdentifier> untagged = ecr.listImages(r -> r.repositoryName("app")
                .filter(f -> f.tagStatus(TagStatus.UNTAGGED))).imageIds();
        ecr.batchDeleteImage(r -> r.repositoryName("app").imageIds(untagged));
        ecr.batchDeleteImage(r -> r.repositoryName("app").imageIds(tag("1.0")));

        List<ImageDetail> left = ecr.describeImages(r -> r.repositoryName("app")).imageDetails();
        assertThat(left).extracting(ImageDetail::imageDigest).containsExactly(v2, v3);
        assertThat(left).extracting(ImageDetail::imageTags).containsExactly(List.of("1.1"), List.of("1.2", "latest"));
        assertThat(fake.image("app", v1)).isEmpty();
    }
}
