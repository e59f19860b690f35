package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.junit.FakeEcrExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;

/** The images-per-repository quota, lowered so a test reaches it. */
class ImageQuotaTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app").maxImagesPerRepository(2)
            .withoutLayerChecks().build();

    @Test
    void aNewImageBeyondTheQuotaIsRefusedButTaggingExistingImagesIsNot(EcrClient ecr, FakeEcr fake) {
        ecr.putImage(r -> r.repositoryName("app").imageTag("1").imageManifest(Manifests.dockerV2("1")));
        ecr.putImage(r -> r.repositoryName("app").imageTag("2").imageManifest(Manifests.dockerV2("2")));

        Throwable thrown = catchThrowable(() ->
                ecr.putImage(r -> r.repositoryName("app").imageTag("3").imageManifest(Manifests.dockerV2("3"))));

        assertEcrError(thrown, LimitExceededException.class, "LimitExceededException",
                "The maximum number of images per repository has been reached");
        assertThat(fake.images("app")).hasSize(2);
        ecr.putImage(r -> r.repositoryName("app").imageTag("also-1").imageManifest(Manifests.dockerV2("1")));
        assertThat(fake.image("app", "also-1")).isPresent();
    }
}
