package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Tag;

/** The ARN DescribeRepositories gives is the one the tagging operations take, in every partition. */
class RepositoryArnTest {
    @RegisterExtension
    static final ServerPerClass server = ServerPerClass.start();

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "cn-north-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1",
            "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1"})
    void theRepositoryArnIsTaggable(String region) {
        try (FakeEcr fake = server.account("123456789012", region)) {
            EcrClient ecr = fake.client();
            ecr.createRepository(r -> r.repositoryName("team/app"));
            String arn = ecr.describeRepositories(r -> r.repositoryNames("team/app")).repositories().get(0)
                    .repositoryArn();

            ecr.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("team").value("a").build(),
                    Tag.builder().key("env").value("prod").build()));
            ecr.untagResource(r -> r.resourceArn(arn).tagKeys("env"));

            assertThat(ecr.listTagsForResource(r -> r.resourceArn(arn)).tags())
                    .extracting(Tag::key, Tag::value).containsExactly(tuple("team", "a"));
        }
    }

    @Test
    void aPartitionNoRegionIsInIsRefused() {
        try (FakeEcr fake = server.account("123456789012", "us-east-1")) {
            fake.createRepository("app");
            String arn = "arn:aws-moon:ecr:us-east-1:123456789012:repository/app";

            assertInvalidParameter(catchThrowable(() -> fake.client().listTagsForResource(r -> r.resourceArn(arn))),
                    "Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN: " + arn + "'");
        }
    }
}
