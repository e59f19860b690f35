package dev.fakeecr;

import static dev.fakeecr.assertj.EcrAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.junit.FakeEcrExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;

/** The README's "Testing a lifecycle policy" example, compiled and run (ReadmeTest keeps the README the same). */
class LifecyclePolicyReadmeTest {
    @RegisterExtension
    static FakeEcrExtension ecr = FakeEcrExtension.builder().repositories("app").build();

    static final String POLICY = """
            {"rules": [
              {"rulePriority": 1, "description": "keep the last 3 prod images",
               "selection": {"tagStatus": "tagged", "tagPrefixList": ["prod-"],
                             "countType": "imageCountMoreThan", "countNumber": 3},
               "action": {"type": "expire"}},
              {"rulePriority": 2, "description": "expire untagged images after a week",
               "selection": {"tagStatus": "untagged",
                             "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7},
               "action": {"type": "expire"}}
            ]}""";

    @Test
    void keepsTheLastThreeProdImagesAndExpiresUntaggedOnesAfterAWeek(FakeEcr fake, EcrClient client) {
        fake.clock().set(Instant.parse("2026-01-05T09:00:00Z"));
        List<String> builds = new ArrayList<>();
        for (int week = 1; week <= 5; week++) {           // five weeks: a release on Monday, a stray build on Thursday
            fake.putImage("app", "prod-" + week, Manifests.oci("release-" + week));
            fake.clock().advance(Duration.ofDays(3));
            builds.add(fake.putImage("app", null, Manifests.oci("build-" + week), null).digest());
            fake.clock().advance(Duration.ofDays(4));
        }
        client.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(POLICY));

        client.startLifecyclePolicyPreview(r -> r.repositoryName("app"));       // what would it do?
        assertThat(client.getLifecyclePolicyPreview(r -> r.repositoryName("app")).summary()
                .expiringImageTotalCount()).isEqualTo(6);

        fake.applyLifecyclePolicies();                                          // ECR: "within 24 hours"
        assertThat(fake).repository("app").hasOnlyTags("prod-3", "prod-4", "prod-5").hasUntaggedImageCount(1);
        assertThat(fake).lastLifecycleRun("app")
                .expiredExactly("prod-1", "prod-2", builds.get(0), builds.get(1), builds.get(2), builds.get(3))
                .actedOnByRule("prod-1", 1).actedOnByRule(builds.get(0), 2);
    }
}
