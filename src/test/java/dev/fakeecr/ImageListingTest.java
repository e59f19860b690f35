package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.internal.registry.Digests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageStatus;
import software.amazon.awssdk.services.ecr.model.ListImagesResponse;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/** DescribeImages and ListImages: shapes, filters, pagination and metadata (reference §4.4, §4.5). */
class ImageListingTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app")
            .withoutLayerChecks() // these tests push synthetic manifests; layer checks have their own tests
            .build();

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.250Z");

    private EcrClient ecr;
    private FakeEcr fake;

    @BeforeEach
    void setUp(EcrClient ecr, FakeEcr fake) {
        this.ecr = ecr;
        this.fake = fake;
        fake.clock().set(T0);
    }

    private String put(String tag, String manifest) {
        return ecr.putImage(r -> r.repositoryName("app").imageTag(tag).imageManifest(manifest)).image().imageId().imageDigest();
    }

    private static ImageIdentifier tag(String tag) {
        return ImageIdentifier.builder().imageTag(tag).build();
    }

    @Test
    void describeImagesGivesOneDetailPerDigestWithAllItsTags() {
        String a = put("1.0", Manifests.dockerV2("a"));
        put("stable", Manifests.dockerV2("a"));
        fake.clock().advance(Duration.ofMinutes(5));
        String b = put("latest", Manifests.oci("b"));
        put("latest", Manifests.oci("c")); // moves latest: b stays, untagged

        List<ImageDetail> details = ecr.describeImages(r -> r.repositoryName("app")).imageDetails();

        assertThat(details).hasSize(3);
        ImageDetail first = details.get(0);
        assertThat(first.imageDigest()).isEqualTo(a);
        assertThat(first.imageTags()).containsExactly("1.0", "stable");
        assertThat(first.registryId()).isEqualTo(fake.accountId());
        assertThat(first.repositoryName()).isEqualTo("app");
        assertThat(first.imageSizeInBytes()).isEqualTo(1470L + 3208942L);
        assertThat(first.imagePushedAt()).isEqualTo(T0);
        assertThat(first.imageManifestMediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(first.artifactMediaType()).isEqualTo("application/vnd.docker.container.image.v1+json");
        assertThat(first.imageStatus()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(first.lastRecordedPullTime()).isNull();
        ImageDetail untagged = details.get(1);
        assertThat(untagged.imageDigest()).isEqualTo(b);
        assertThat(untagged.hasImageTags()).as("imageTags is left out for an untagged image").isFalse();
        assertThat(untagged.imagePushedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void tagStatusFiltersBothListings() {
        String tagged = put("v1", Manifests.dockerV2("t"));
        String untagged = ecr.putImage(r -> r.repositoryName("app").imageManifest(Manifests.dockerV2("u")))
                .image().imageId().imageDigest();

        assertThat(ecr.describeImages(r -> r.repositoryName("app").filter(f -> f.tagStatus(TagStatus.TAGGED)))
                .imageDetails()).extracting(ImageDetail::imageDigest).containsExactly(tagged);
        assertThat(ecr.describeImages(r -> r.repositoryName("app").filter(f -> f.tagStatus(TagStatus.UNTAGGED)))
                .imageDetails()).extracting(ImageDetail::imageDigest).containsExactly(untagged);
        assertThat(ecr.describeImages(r -> r.repositoryName("app").filter(f -> f.tagStatus(TagStatus.ANY)))
                .imageDetails()).hasSize(2);
        assertThat(ecr.listImages(r -> r.repositoryName("app").filter(f -> f.tagStatus(TagStatus.UNTAGGED)))
                .imageIds()).containsExactly(ImageIdentifier.builder().imageDigest(untagged).build());
        assertThat(ecr.listImages(r -> r.repositoryName("app").filter(f -> f.tagStatus(TagStatus.TAGGED)))
                .imageIds()).containsExactly(ImageIdentifier.builder().imageDigest(tagged).imageTag("v1").build());
        assertThat(ecr.describeImages(r -> r.repositoryName("app").filter(f -> f.imageStatus("ARCHIVED")))
                .imageDetails()).as("nothing is archived").isEmpty();
    }

    @Test
    void describeImagesByIdFailsWholeWhenAnyIdIsMissing() {
        put("v1", Manifests.dockerV2("x"));
        String missingDigest = Manifests.digest("nothing");

        assertEcrError(catchThrowable(() -> ecr.describeImages(r -> r.repositoryName("app").imageIds(tag("v1"), tag("v9")))),
                ImageNotFoundException.class, "ImageNotFoundException",
                "The image with imageId {imageDigest:'null', imageTag:'v9'} does not exist within the repository"
                        + " with name 'app' in the registry with id '" + fake.accountId() + "'");
        assertEcrError(catchThrowable(() -> ecr.describeImages(r -> r.repositoryName("app")
                        .imageIds(ImageIdentifier.builder().imageDigest(missingDigest).build()))),
                ImageNotFoundException.class, "ImageNotFoundException",
                "The image with imageId {imageDigest:'" + missingDigest + "', imageTag:'null'} does not exist within"
                        + " the repository with name 'app' in the registry with id '" + fake.accountId() + "'");
        assertThat(ecr.describeImages(r -> r.repositoryName("app").imageIds(tag("v1"))).imageDetails()).hasSize(1);
    }

    @Test
    void describeImagesRefusesMalformedDigestsAndPagingWithIds() {
        assertInvalidParameter(catchThrowable(() -> ecr.describeImages(r -> r.repositoryName("app")
                        .imageIds(ImageIdentifier.builder().imageDigest("latest").build()))),
                "Invalid parameter at 'imageDigest' failed to satisfy constraint:"
                        + " 'must satisfy regular expression '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+''");
        assertThat(catchThrowable(() -> ecr.describeImages(r -> r.repositoryName("app").imageIds(tag("v1")).maxResults(5))))
                .isInstanceOf(software.amazon.awssdk.services.ecr.model.InvalidParameterException.class);
        assertInvalidParameter(catchThrowable(() -> ecr.listImages(r -> r.repositoryName("app").maxResults(1001))),
                "Invalid parameter at 'maxResults' failed to satisfy constraint: 'must have value less than or equal to 1000'");
        assertInvalidParameter(catchThrowable(() -> ecr.listImages(r -> r.repositoryName("app").nextToken("abc"))),
                "Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid pagination token'");
    }

    @Test
    void listImagesHasOneEntryPerDigestAndTagPair() {
        String a = put("1.0", Manifests.dockerV2("a"));
        put("stable", Manifests.dockerV2("a"));
        String b = ecr.putImage(r -> r.repositoryName("app").imageManifest(Manifests.dockerV2("b")))
                .image().imageId().imageDigest();

        ListImagesResponse response = ecr.listImages(r -> r.repositoryName("app"));

        assertThat(response.imageIds()).containsExactly(
                ImageIdentifier.builder().imageDigest(a).imageTag("1.0").build(),
                ImageIdentifier.builder().imageDigest(a).imageTag("stable").build(),
                ImageIdentifier.builder().imageDigest(b).build());
        assertThat(response.nextToken()).isNull();
    }

    @Test
    void anEmptyRepositoryListsNothingAndAMissingOneIsNotFound() {
        assertThat(ecr.listImages(r -> r.repositoryName("app")).imageIds()).isEmpty();
        assertThat(ecr.describeImages(r -> r.repositoryName("app")).imageDetails()).isEmpty();
        assertThat(catchThrowable(() -> ecr.listImages(r -> r.repositoryName("gone"))))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThat(catchThrowable(() -> ecr.describeImages(r -> r.repositoryName("gone"))))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void paginationVisitsEveryImageExactlyOnce() {
        List<String> pushed = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String manifest = Manifests.dockerV2("page-" + i);
            fake.putImage("app", i % 3 == 0 ? null : "t" + i, manifest);
            pushed.add(Digests.of(manifest));
        }

        List<String> described = new ArrayList<>();
        int pages = 0;
        String token = null;
        do {
            String next = token;
            DescribeImagesResponse page = ecr.describeImages(r -> r.repositoryName("app").nextToken(next));
            page.imageDetails().forEach(d -> described.add(d.imageDigest()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        List<String> listed = new ArrayList<>();
        ecr.listImagesPaginator(r -> r.repositoryName("app").maxResults(17)).imageIds()
                .forEach(id -> listed.add(id.imageDigest()));

        assertThat(pages).as("100 per page by default").isEqualTo(3);
        assertThat(described).containsExactlyElementsOf(pushed);
        assertThat(listed).containsExactlyElementsOf(pushed);
    }

    @Test
    void pagesResumeAfterItemsBeforeThemWereDeleted() {
        for (int i = 0; i < 6; i++) {
            put("t" + i, Manifests.dockerV2("r" + i));
        }
        ListImagesResponse first = ecr.listImages(r -> r.repositoryName("app").maxResults(3));
        ecr.batchDeleteImage(r -> r.repositoryName("app").imageIds(tag("t0"), tag("t1")));

        ListImagesResponse second = ecr.listImages(r -> r.repositoryName("app").maxResults(3).nextToken(first.nextToken()));

        assertThat(second.imageIds()).extracting(ImageIdentifier::imageTag).containsExactly("t3", "t4", "t5");
    }

    @Test
    void pullsAreRecordedByBatchGetImage() {
        put("v1", Manifests.dockerV2("p"));
        fake.clock().advance(Duration.ofHours(3));

        ecr.batchGetImage(r -> r.repositoryName("app").imageIds(tag("v1")));

        assertThat(ecr.describeImages(r -> r.repositoryName("app")).imageDetails().get(0).lastRecordedPullTime())
                .isEqualTo(T0.plus(Duration.ofHours(3)));
    }

    @Test
    void aManifestListIsSizedByTheLargestImageItNames() {
        // The service model's ImageDetail.imageSizeInBytes: "the max size of all manifests in the list".
        String amd = put("amd64", Manifests.dockerV2("amd", 3000));
        String arm = put("arm64", Manifests.dockerV2("arm", 1000));
        put("multi", Manifests.dockerManifestList(amd, arm));

        ImageDetail list = ecr.describeImages(r -> r.repositoryName("app").imageIds(tag("multi"))).imageDetails().get(0);

        assertThat(list.imageSizeInBytes()).isEqualTo(1470L + 3000L);
        assertThat(list.artifactMediaType()).isNull();
    }
}
