package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static dev.fakeecr.LifecycleEvaluationTest.ANY;
import static dev.fakeecr.LifecycleEvaluationTest.ARCHIVE;
import static dev.fakeecr.LifecycleEvaluationTest.EXPIRE;
import static dev.fakeecr.LifecycleEvaluationTest.UNTAGGED;
import static dev.fakeecr.LifecycleEvaluationTest.count;
import static dev.fakeecr.LifecycleEvaluationTest.policy;
import static dev.fakeecr.LifecycleEvaluationTest.prefixes;
import static dev.fakeecr.LifecycleEvaluationTest.rule;
import static dev.fakeecr.LifecycleEvaluationTest.since;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.junit.FakeEcrExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyPreviewResponse;
import software.amazon.awssdk.services.ecr.model.ImageActionType;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewInProgressException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewStatus;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyStorageClass;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyTargetStorageClass;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/** StartLifecyclePolicyPreview and GetLifecyclePolicyPreview: every field ECR returns, paging, filters, errors. */
class LifecyclePreviewTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app").withoutLayerChecks().build();

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    /** Keeps two prod images, archives untagged ones after a week, expires everything else after 30 days. */
    static final String POLICY = policy(rule(1, count(prefixes("prod"), 2), EXPIRE),
            rule(2, since(UNTAGGED, "sinceImagePushed", 7), ARCHIVE),
            rule(3, since(ANY, "sinceImagePushed", 30), EXPIRE));

    private EcrClient ecr;
    private FakeEcr fake;

    @BeforeEach
    void setUp(EcrClient ecr, FakeEcr fake) {
        this.ecr = ecr;
        this.fake = fake;
        push(40, "prod-1", "x");
        push(30.5, "prod-2");
        push(20, "prod-3");
        push(10, "prod-4");
        push(8, (String) null);
        push(31, "dev-1");
        push(2, "dev-2");
        fake.clock().set(NOW);
    }

    private void push(double daysAgo, String... tags) {
        fake.clock().set(NOW.minus(Duration.ofHours(Math.round(daysAgo * 24))));
        String manifest = Manifests.oci("image-" + daysAgo);
        fake.putImage("app", tags[0], manifest, null);
        for (int i = 1; i < tags.length; i++) {
            fake.putImage("app", tags[i], manifest);
        }
    }

    @Test
    void aPreviewReportsEveryFieldAndTheSummary() {
        var started = ecr.startLifecyclePolicyPreview(r -> r.repositoryName("app").lifecyclePolicyText(POLICY));
        assertThat(started.registryId()).isEqualTo(fake.accountId());
        assertThat(started.repositoryName()).isEqualTo("app");
        assertThat(started.lifecyclePolicyText()).isEqualTo(POLICY);
        assertThat(started.status()).isEqualTo(LifecyclePolicyPreviewStatus.IN_PROGRESS);

        GetLifecyclePolicyPreviewResponse preview = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app"));
        assertThat(preview.status()).isEqualTo(LifecyclePolicyPreviewStatus.COMPLETE);
        assertThat(preview.lifecyclePolicyText()).isEqualTo(POLICY);
        assertThat(preview.registryId()).isEqualTo(fake.accountId());
        assertThat(preview.nextToken()).isNull();
        // By rule priority, then push time: prod-1 and prod-2 beyond the newest two, the untagged image, dev-1.
        assertThat(preview.previewResults()).extracting(r -> r.imageTags().isEmpty() ? "untagged" : r.imageTags().get(0))
                .containsExactly("prod-1", "prod-2", "untagged", "dev-1");
        var first = preview.previewResults().get(0);
        assertThat(first.imageTags()).containsExactly("prod-1", "x");
        assertThat(first.imagePushedAt()).isEqualTo(NOW.minus(Duration.ofDays(40)));
        assertThat(first.action().type()).isEqualTo(ImageActionType.EXPIRE);
        assertThat(first.action().targetStorageClass()).isNull();
        assertThat(first.appliedRulePriority()).isEqualTo(1);
        assertThat(first.storageClass()).isEqualTo(LifecyclePolicyStorageClass.STANDARD);
        var archived = preview.previewResults().get(2);
        assertThat(archived.action().type()).isEqualTo(ImageActionType.TRANSITION);
        assertThat(archived.action().targetStorageClass()).isEqualTo(LifecyclePolicyTargetStorageClass.ARCHIVE);
        assertThat(archived.appliedRulePriority()).isEqualTo(2);
        assertThat(preview.summary().expiringImageTotalCount()).isEqualTo(3);
        assertThat(preview.summary().transitioningImageTotalCounts()).singleElement().satisfies(t -> {
            assertThat(t.targetStorageClass()).isEqualTo(LifecyclePolicyTargetStorageClass.ARCHIVE);
            assertThat(t.imageTotalCount()).isEqualTo(1);
        });
        assertThat(fake.images("app")).as("the preview changed nothing").hasSize(7);
    }

    @Test
    void resultsPageAndFilterButTheSummaryCountsThemAll() {
        ecr.startLifecyclePolicyPreview(r -> r.repositoryName("app").lifecyclePolicyText(POLICY));
        var page1 = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app").maxResults(3));
        assertThat(page1.previewResults()).hasSize(3);
        var page2 = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app").maxResults(3).nextToken(page1.nextToken()));
        assertThat(page2.previewResults()).hasSize(1);
        assertThat(page2.nextToken()).isNull();
        assertThat(page2.summary().expiringImageTotalCount()).isEqualTo(3);

        var untagged = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app").filter(f -> f.tagStatus(TagStatus.UNTAGGED)));
        assertThat(untagged.previewResults()).singleElement().satisfies(r -> assertThat(r.imageTags()).isEmpty());
        assertThat(untagged.summary().expiringImageTotalCount()).isEqualTo(3);

        var byTag = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app").imageIds(i -> i.imageTag("dev-1")));
        assertThat(byTag.previewResults()).singleElement().satisfies(r -> assertThat(r.appliedRulePriority()).isEqualTo(3));
    }

    @Test
    void withoutATextThePreviewUsesTheRepositorysPolicy() {
        assertEcrError(catchThrowable(() -> ecr.startLifecyclePolicyPreview(r -> r.repositoryName("app"))),
                LifecyclePolicyNotFoundException.class, "LifecyclePolicyNotFoundException",
                "Lifecycle policy does not exist for the repository with name 'app' in the registry with id '"
                        + fake.accountId() + "'");
        String stored = ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(POLICY)).lifecyclePolicyText();
        assertThat(ecr.startLifecyclePolicyPreview(r -> r.repositoryName("app")).lifecyclePolicyText()).isEqualTo(stored);
        assertThat(ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app")).summary().expiringImageTotalCount()).isEqualTo(3);
    }

    @Test
    void aPreviewNotYetReadIsInProgress() {
        assertEcrError(catchThrowable(() -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app"))),
                LifecyclePolicyPreviewNotFoundException.class, "LifecyclePolicyPreviewNotFoundException",
                "Lifecycle policy preview does not exist for the repository with name 'app' in the registry with id '"
                        + fake.accountId() + "'");
        ecr.startLifecyclePolicyPreview(r -> r.repositoryName("app").lifecyclePolicyText(POLICY));
        assertEcrError(catchThrowable(() -> ecr.startLifecyclePolicyPreview(r -> r.repositoryName("app").lifecyclePolicyText(POLICY))),
                LifecyclePolicyPreviewInProgressException.class, "LifecyclePolicyPreviewInProgressException",
                "The previous lifecycle policy preview request has not completed for the repository with name 'app'"
                        + " in the registry with id '" + fake.accountId() + "'. Wait and try again.");
        ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app"));
        assertThat(ecr.startLifecyclePolicyPreview(r -> r.repositoryName("app").lifecyclePolicyText(POLICY)).status())
                .isEqualTo(LifecyclePolicyPreviewStatus.IN_PROGRESS);
    }

    @Test
    void badParametersAreRefused() {
        ecr.startLifecyclePolicyPreview(r -> r.repositoryName("app").lifecyclePolicyText(POLICY));
        assertInvalidParameter(catchThrowable(() -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app").maxResults(101))),
                "Invalid parameter at 'maxResults' failed to satisfy constraint: 'must have value less than or equal to 100'");
        assertInvalidParameter(catchThrowable(() -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app").maxResults(5)
                        .imageIds(i -> i.imageTag("dev-1")))),
                "Invalid parameter at 'maxResults' failed to satisfy constraint: 'cannot be used together with an explicit list'");
    }

    @Test
    void previewAndApplyAgree() {
        ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(POLICY));
        ecr.startLifecyclePolicyPreview(r -> r.repositoryName("app"));
        var previewed = ecr.getLifecyclePolicyPreview(r -> r.repositoryName("app")).previewResults().stream()
                .map(r -> r.imageDigest() + " " + r.action().typeAsString() + " " + r.appliedRulePriority()).toList();
        var applied = fake.applyLifecyclePolicy("app").actions().stream()
                .map(a -> a.digest() + " " + a.type() + " " + a.rulePriority()).toList();
        assertThat(applied).isEqualTo(previewed);
        assertThat(fake.images("app")).extracting(i -> i.tags().isEmpty() ? "untagged" : i.tags().get(0))
                .containsExactlyInAnyOrder("prod-3", "prod-4", "untagged", "dev-2");
    }
}
