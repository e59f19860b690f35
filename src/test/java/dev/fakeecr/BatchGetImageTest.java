package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.internal.registry.Digests;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** BatchGetImage, its failures list, and the retag workflow it enables (reference §4.2, §3.1). */
class BatchGetImageTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app")
            .withoutLayerChecks() // these tests push synthetic manifests; layer checks have their own tests
            .build();

    private static ImageIdentifier tag(String tag) {
        return ImageIdentifier.builder().imageTag(tag).build();
    }

    private static ImageIdentifier digest(String digest) {
        return ImageIdentifier.builder().imageDigest(digest).build();
    }

    @Test
    void retagWorkflowGetsTheManifestAndPutsItUnderANewTag(EcrClient ecr, FakeEcr fake) {
        String manifest = Manifests.dockerV2("release");
        ecr.putImage(r -> r.repositoryName("app").imageTag("1.4.2").imageManifest(manifest));

        Image image = ecr.batchGetImage(r -> r.repositoryName("app").imageIds(tag("1.4.2"))).images().get(0);
        ecr.putImage(r -> r.repositoryName("app").imageTag("production")
                .imageManifest(image.imageManifest()).imageManifestMediaType(image.imageManifestMediaType()));

        assertThat(fake.images("app")).singleElement()
                .satisfies(i -> assertThat(i.tags()).containsExactly("1.4.2", "production"))
                .satisfies(i -> assertThat(i.digest()).isEqualTo(Digests.of(manifest)));
    }

    @Test
    void imagesEchoTheIdTheyWereAskedBy(EcrClient ecr) {
        String manifest = Manifests.oci("x");
        String digest = Digests.of(manifest);
        ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(manifest));
        ecr.putImage(r -> r.repositoryName("app").imageTag("v2").imageManifest(manifest));

        BatchGetImageResponse response = ecr.batchGetImage(r -> r.repositoryName("app")
                .imageIds(tag("v2"), digest(digest)));

        assertThat(response.failures()).isEmpty();
        assertThat(response.images()).extracting(Image::imageId).containsExactly(
                ImageIdentifier.builder().imageDigest(digest).imageTag("v2").build(), digest(digest));
        assertThat(response.images()).allSatisfy(i -> {
            assertThat(i.imageManifest()).isEqualTo(manifest);
            assertThat(i.imageManifestMediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        });
    }

    @Test
    void eachIdFailsOnItsOwn(EcrClient ecr) {
        String manifest = Manifests.dockerV2("x");
        ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(manifest));
        String otherDigest = Manifests.digest("other");

        BatchGetImageResponse response = ecr.batchGetImage(r -> r.repositoryName("app").imageIds(
                tag("v1"), tag("v9"), digest(otherDigest), ImageIdentifier.builder().build(), digest("sha256:zz"),
                ImageIdentifier.builder().imageTag("v1").imageDigest(otherDigest).build()));

        assertThat(response.images()).hasSize(1);
        assertThat(response.failures()).extracting(f -> f.failureCode(), f -> f.failureReason(), f -> f.imageId())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ImageFailureCode.IMAGE_NOT_FOUND, "Requested image not found", tag("v9")),
                        org.assertj.core.groups.Tuple.tuple(ImageFailureCode.IMAGE_NOT_FOUND, "Requested image not found",
                                digest(otherDigest)),
                        org.assertj.core.groups.Tuple.tuple(ImageFailureCode.MISSING_DIGEST_AND_TAG,
                                "Invalid request parameters: both tag and digest cannot be null",
                                ImageIdentifier.builder().build()),
                        org.assertj.core.groups.Tuple.tuple(ImageFailureCode.INVALID_IMAGE_DIGEST,
                                "Invalid request parameters: image digest should satisfy the regex"
                                        + " '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'", digest("sha256:zz")),
                        org.assertj.core.groups.Tuple.tuple(ImageFailureCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST,
                                "Invalid image tag and digest pair",
                                ImageIdentifier.builder().imageTag("v1").imageDigest(otherDigest).build()));
    }

    @Test
    void acceptedMediaTypesFilterWhatComesBack(EcrClient ecr) {
        ecr.putImage(r -> r.repositoryName("app").imageTag("docker").imageManifest(Manifests.dockerV2("d")));
        ecr.putImage(r -> r.repositoryName("app").imageTag("oci").imageManifest(Manifests.oci("o")));

        BatchGetImageResponse response = ecr.batchGetImage(r -> r.repositoryName("app")
                .imageIds(tag("docker"), tag("oci"))
                .acceptedMediaTypes("application/vnd.oci.image.manifest.v1+json"));

        assertThat(response.images()).extracting(i -> i.imageId().imageTag()).containsExactly("oci");
        assertThat(response.failures()).extracting(f -> f.imageId().imageTag()).containsExactly("docker");
    }

    @Test
    void theRepositoryMustExist(EcrClient ecr, FakeEcr fake) {
        assertEcrError(catchThrowable(() -> ecr.batchGetImage(r -> r.repositoryName("gone").imageIds(tag("v1")))),
                RepositoryNotFoundException.class, "RepositoryNotFoundException",
                "The repository with name 'gone' does not exist in the registry with id '" + fake.accountId() + "'");
    }

    @Test
    void imageIdsAreRequiredOneToAHundred(EcrClient ecr) {
        assertInvalidParameter(catchThrowable(() -> ecr.batchGetImage(r -> r.repositoryName("app"))),
                "Invalid parameter at 'imageIds' failed to satisfy constraint: 'must not be null'");
        assertInvalidParameter(catchThrowable(() -> ecr.batchGetImage(r -> r.repositoryName("app")
                        .imageIds(Collections.nCopies(101, tag("v1"))))),
                "Invalid parameter at 'imageIds' failed to satisfy constraint: 'must have length less than or equal to 100'");
        assertInvalidParameter(catchThrowable(() -> ecr.batchGetImage(r -> r.repositoryName("app")
                        .imageIds(List.of()))),
                "Invalid parameter at 'imageIds' failed to satisfy constraint: 'must have length greater than or equal to 1'");
    }
}
