package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.registry.ImageStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageStatusFilter;
import software.amazon.awssdk.services.ecr.model.ImageStorageClassUpdateNotSupportedException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;

/** UpdateImageStorageClass, and the status of archived and restoring images in DescribeImages and ListImages. */
class ImageStorageClassTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app").build();

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private EcrClient ecr;
    private FakeEcr fake;
    private String digest;

    @BeforeEach
    void setUp(EcrClient ecr, FakeEcr fake) {
        this.ecr = ecr;
        this.fake = fake;
        fake.clock().set(NOW);
        digest = fake.putImage("app", "v1", Manifests.oci("v1")).digest();
        fake.putImage("app", "v2", Manifests.oci("v2"));
    }

    private String update(String target) {
        return ecr.updateImageStorageClass(r -> r.repositoryName("app").imageId(i -> i.imageTag("v1"))
                .targetStorageClass(target)).imageStatusAsString();
    }

    @Test
    void anImageIsArchivedAndRestoredOnTheRegistrysClock() {
        var archived = ecr.updateImageStorageClass(r -> r.repositoryName("app").imageId(i -> i.imageTag("v1"))
                .targetStorageClass("ARCHIVE"));
        assertThat(archived.imageId().imageDigest()).isEqualTo(digest);
        assertThat(archived.imageId().imageTag()).isEqualTo("v1");
        assertThat(archived.imageStatusAsString()).isEqualTo("ARCHIVED");
        assertThat(update("ARCHIVE")).as("archiving again changes nothing").isEqualTo("ARCHIVED");

        assertThat(ecr.listImages(r -> r.repositoryName("app")).imageIds()).extracting(i -> i.imageTag()).containsExactly("v2");
        assertThat(ecr.listImages(r -> r.repositoryName("app").filter(f -> f.imageStatus(ImageStatusFilter.ARCHIVED))).imageIds())
                .extracting(i -> i.imageTag()).containsExactly("v1");
        assertThat(ecr.describeImages(r -> r.repositoryName("app").imageIds(i -> i.imageTag("v1"))).imageDetails())
                .as("by id, an archived image is described").singleElement()
                .satisfies(d -> assertThat(d.lastArchivedAt()).isEqualTo(NOW));

        fake.clock().advance(Duration.ofDays(3));
        assertThat(update("STANDARD")).isEqualTo("ACTIVATING");
        assertThat(update("STANDARD")).isEqualTo("ACTIVATING");
        assertEcrError(catchThrowable(() -> update("ARCHIVE")), ImageStorageClassUpdateNotSupportedException.class,
                "ImageStorageClassUpdateNotSupportedException", "The image with digest '" + digest
                        + "' in the repository with name 'app' in the registry with id '" + fake.accountId()
                        + "' is being restored and cannot be archived");
        assertThat(ecr.listImages(r -> r.repositoryName("app").filter(f -> f.imageStatus(ImageStatusFilter.ACTIVATING))).imageIds())
                .extracting(i -> i.imageTag()).containsExactly("v1");

        fake.clock().advance(Duration.ofMinutes(19));
        assertThat(fake.image("app", "v1").orElseThrow().status()).isEqualTo(ImageStatus.ACTIVATING);
        fake.clock().advance(Duration.ofMinutes(1));
        var restored = ecr.describeImages(r -> r.repositoryName("app").imageIds(i -> i.imageTag("v1"))).imageDetails().get(0);
        assertThat(restored.imageStatusAsString()).isEqualTo("ACTIVE");
        assertThat(restored.lastArchivedAt()).isEqualTo(NOW);
        assertThat(restored.lastActivatedAt()).isEqualTo(NOW.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(20)));
        assertThat(update("STANDARD")).as("restoring an active image changes nothing").isEqualTo("ACTIVE");
    }

    @Test
    void badRequestsAreRefused() {
        assertThat(catchThrowable(() -> ecr.updateImageStorageClass(r -> r.repositoryName("app")
                .imageId(i -> i.imageTag("nope")).targetStorageClass("ARCHIVE")))).isInstanceOf(ImageNotFoundException.class);
        assertThat(catchThrowable(() -> update("GLACIER"))).isInstanceOf(InvalidParameterException.class);
        assertThat(fake.image("app", "v1").orElseThrow().status()).isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void pushingAnArchivedImageAgainRestoresIt() {
        update("ARCHIVE");
        fake.clock().advance(Duration.ofDays(1));
        var pushed = ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(Manifests.oci("v1")));
        assertThat(pushed.image().imageId().imageDigest()).isEqualTo(digest);
        var image = fake.image("app", "v1").orElseThrow();
        assertThat(image.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(image.lastActivatedAt()).isEqualTo(NOW.plus(Duration.ofDays(1)));
        assertThat(image.pushedAt()).as("still the first push").isEqualTo(NOW);
        assertThat(catchThrowable(() -> ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(Manifests.oci("v1")))))
                .as("once active, the same push twice is refused again")
                .isInstanceOf(software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException.class);
    }
}
