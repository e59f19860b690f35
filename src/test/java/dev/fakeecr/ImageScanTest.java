package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.registry.ScanFinding;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.FindingSeverity;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;
import software.amazon.awssdk.services.ecr.model.ScanStatus;
import software.amazon.awssdk.services.ecr.model.StartImageScanResponse;

/** Basic scans: they complete at once and report the findings the test set. */
class ImageScanTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app").build();

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    private EcrClient ecr;
    private FakeEcr fake;

    @BeforeEach
    void setUp(EcrClient ecr, FakeEcr fake) {
        this.ecr = ecr;
        this.fake = fake;
        fake.clock().set(NOW);
        fake.putImage("app", "v1", Manifests.dockerV2("scanned"));
    }

    @Test
    void aScanReportsTheFindingsTheTestSet() {
        fake.setScanFindings("app", "v1", ScanFinding.of("CVE-2026-0001", "CRITICAL"),
                new ScanFinding("CVE-2026-0002", "HIGH", "a heap overflow", "https://example.invalid/CVE-2026-0002"),
                ScanFinding.of("CVE-2026-0003", "HIGH"));

        StartImageScanResponse started = ecr.startImageScan(r -> r.repositoryName("app").imageId(i -> i.imageTag("v1")));
        DescribeImageScanFindingsResponse findings = ecr.describeImageScanFindings(r -> r.repositoryName("app")
                .imageId(i -> i.imageTag("v1")));

        assertThat(started.imageScanStatus().status()).isEqualTo(ScanStatus.IN_PROGRESS);
        assertThat(findings.imageScanStatus().status()).isEqualTo(ScanStatus.COMPLETE);
        assertThat(findings.imageScanFindings().imageScanCompletedAt()).isEqualTo(NOW);
        assertThat(findings.imageScanFindings().findingSeverityCounts())
                .containsEntry(FindingSeverity.CRITICAL, 1).containsEntry(FindingSeverity.HIGH, 2);
        assertThat(findings.imageScanFindings().findings()).extracting(f -> f.name())
                .containsExactly("CVE-2026-0001", "CVE-2026-0002", "CVE-2026-0003");
        assertThat(findings.imageScanFindings().findings().get(1).uri()).isEqualTo("https://example.invalid/CVE-2026-0002");
        ImageDetail detail = ecr.describeImages(r -> r.repositoryName("app")).imageDetails().get(0);
        assertThat(detail.imageScanStatus().status()).isEqualTo(ScanStatus.COMPLETE);
        assertThat(detail.imageScanFindingsSummary().findingSeverityCounts()).containsEntry(FindingSeverity.CRITICAL, 1);
    }

    @Test
    void anImageIsScannedOncePerDay() {
        ecr.startImageScan(r -> r.repositoryName("app").imageId(i -> i.imageTag("v1")));

        assertThat(catchThrowable(() -> ecr.startImageScan(r -> r.repositoryName("app").imageId(i -> i.imageTag("v1")))))
                .isInstanceOf(LimitExceededException.class);
        fake.clock().advance(Duration.ofHours(24));
        ecr.startImageScan(r -> r.repositoryName("app").imageId(i -> i.imageTag("v1")));
    }

    @Test
    void scanOnPushScansEveryNewImage() {
        ecr.putImageScanningConfiguration(r -> r.repositoryName("app").imageScanningConfiguration(c -> c.scanOnPush(true)));
        fake.setScanFindings("app", Manifests.digest(Manifests.dockerV2("second")), ScanFinding.of("CVE-1", "LOW"));

        fake.putImage("app", "v2", Manifests.dockerV2("second"));

        assertThat(ecr.describeRepositories().repositories().get(0).imageScanningConfiguration().scanOnPush()).isTrue();
        assertThat(ecr.describeImageScanFindings(r -> r.repositoryName("app").imageId(i -> i.imageTag("v2")))
                .imageScanFindings().findingSeverityCounts()).containsEntry(FindingSeverity.LOW, 1);
    }

    @Test
    void findingsOfAnImageNeverScannedOrMissing() {
        assertEcrError(catchThrowable(() -> ecr.describeImageScanFindings(r -> r.repositoryName("app").imageId(i -> i.imageTag("v1")))),
                ScanNotFoundException.class, "ScanNotFoundException", "Image scan does not exist for the image with"
                        + " '{imageDigest:'null', imageTag:'v1'}' in the repository with name 'app' in the registry with id '"
                        + fake.accountId() + "'");
        assertThat(catchThrowable(() -> ecr.startImageScan(r -> r.repositoryName("app").imageId(i -> i.imageTag("nope")))))
                .isInstanceOf(ImageNotFoundException.class);
    }
}
