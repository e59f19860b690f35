package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertEcrError;
import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.junit.FakeEcrExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DeleteLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyResponse;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;

/** Repository and lifecycle policies: checked, then stored, returned and removed as given. */
class PolicyOperationsTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app").build();

    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":[\"ecr:BatchGetImage\"]}]}";
    static final String STATEMENT = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\"}";
    static final String LIFECYCLE = "{\"rules\":[{\"rulePriority\":1,\"description\":\"expire untagged images\","
            + "\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\","
            + "\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}";

    @Test
    void aRepositoryPolicyIsSetReadAndDeleted(EcrClient ecr, FakeEcr fake) {
        String account = fake.accountId();
        assertEcrError(catchThrowable(() -> ecr.getRepositoryPolicy(r -> r.repositoryName("app"))),
                RepositoryPolicyNotFoundException.class, "RepositoryPolicyNotFoundException",
                "Repository policy does not exist for the repository with name 'app' in the registry with id '" + account + "'");

        assertThat(ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(POLICY)).policyText()).isEqualTo(POLICY);
        assertThat(ecr.getRepositoryPolicy(r -> r.repositoryName("app")).policyText()).isEqualTo(POLICY);
        assertThat(ecr.deleteRepositoryPolicy(r -> r.repositoryName("app")).policyText()).isEqualTo(POLICY);

        assertThat(catchThrowable(() -> ecr.deleteRepositoryPolicy(r -> r.repositoryName("app"))))
                .isInstanceOf(RepositoryPolicyNotFoundException.class);
    }

    @Test
    void aLifecyclePolicyIsPutReadAndDeleted(EcrClient ecr, FakeEcr fake) {
        assertEcrError(catchThrowable(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("app"))),
                LifecyclePolicyNotFoundException.class, "LifecyclePolicyNotFoundException",
                "Lifecycle policy does not exist for the repository with name 'app' in the registry with id '"
                        + fake.accountId() + "'");

        ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(LIFECYCLE));

        GetLifecyclePolicyResponse got = ecr.getLifecyclePolicy(r -> r.repositoryName("app"));
        assertThat(got.lifecyclePolicyText()).isEqualTo(LIFECYCLE);
        assertThat(got.lastEvaluatedAt()).as("never evaluated: ECR sends 0.0").isEqualTo(Instant.EPOCH);
        DeleteLifecyclePolicyResponse deleted = ecr.deleteLifecyclePolicy(r -> r.repositoryName("app"));
        assertThat(deleted.registryId()).isEqualTo(fake.accountId());
        assertThat(deleted.lifecyclePolicyText()).isEqualTo(LIFECYCLE);
        assertThat(deleted.lastEvaluatedAt()).isEqualTo(Instant.EPOCH);
        assertThat(catchThrowable(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("app"))))
                .isInstanceOf(LifecyclePolicyNotFoundException.class);
    }

    /** Statements ECR refuses in a repository policy, each in an otherwise valid policy. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Effect\":\"Allow\"}", // no principal, no action
            "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\",\"Resource\":\"*\"}",
            "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\","
                    + "\"NotResource\":\"arn:aws:ecr:us-east-1:123456789012:repository/other\"}",
            "{\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\"}", // no effect
            "{\"Effect\":\"Permit\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\"}",
            "{\"Effect\":\"Allow\",\"Action\":\"ecr:BatchGetImage\"}", // no principal
            "{\"Effect\":\"Allow\",\"Principal\":{},\"Action\":\"ecr:BatchGetImage\"}",
            "{\"Effect\":\"Allow\",\"Principal\":{\"User\":\"bob\"},\"Action\":\"ecr:BatchGetImage\"}",
            "{\"Effect\":\"Allow\",\"Principal\":\"*\"}", // no action
            "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[]}",
            "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}",
            "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"ecr:BatchGetImage\",7]}",
            "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\","
                    + "\"NotAction\":\"ecr:PutImage\"}",
            "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\",\"Condition\":\"yes\"}",
            "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\",\"Colour\":\"blue\"}",
            "\"ecr:BatchGetImage\""})
    void aRepositoryPolicyStatementEcrRefusesIsRefused(String statement, EcrClient ecr) {
        ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(POLICY));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";

        assertInvalidParameter(catchThrowable(() -> ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(policy))),
                "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'");
        assertThat(ecr.getRepositoryPolicy(r -> r.repositoryName("app")).policyText()).as("the policy set before stays")
                .isEqualTo(POLICY);
    }

    /** Documents ECR refuses as a whole. */
    @ParameterizedTest
    @ValueSource(strings = {
            "[]",
            "{\"Version\":\"2012-10-17\"}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":\"Allow\"}",
            "{\"Version\":\"2024-01-01\",\"Statement\":[" + STATEMENT + "]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[" + STATEMENT + "],\"Owner\":\"me\"}"})
    void aRepositoryPolicyDocumentEcrRefusesIsRefused(String policy, EcrClient ecr) {
        assertInvalidParameter(catchThrowable(() -> ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(policy))),
                "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'");
        assertThat(catchThrowable(() -> ecr.getRepositoryPolicy(r -> r.repositoryName("app"))))
                .as("nothing was stored").isInstanceOf(RepositoryPolicyNotFoundException.class);
    }

    /** The forms IAM's policy grammar allows, as real repository policies use them; each is stored as given. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Sid\":\"public pull\",\"Effect\":\"Allow\","
                    + "\"Principal\":\"*\",\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}]}",
            "{\"Version\":\"2012-10-17\",\"Id\":\"ci\",\"Statement\":{\"Effect\":\"Deny\","
                    + "\"NotPrincipal\":{\"AWS\":[\"arn:aws:iam::123456789012:role/ci\",\"123456789012\"]},"
                    + "\"Action\":\"ecr:Put*\"}}",
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"codebuild.amazonaws.com\"},"
                    + "\"NotAction\":\"ecr:Delete*\",\"Condition\":{\"StringEquals\":"
                    + "{\"aws:SourceAccount\":\"123456789012\"}}}]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                    + "\"Action\":\"ecr:*\"},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\"}]}"})
    void aRepositoryPolicyInIamsGrammarIsAccepted(String policy, EcrClient ecr) {
        assertThat(ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText(policy)).policyText()).isEqualTo(policy);
        assertThat(ecr.getRepositoryPolicy(r -> r.repositoryName("app")).policyText()).isEqualTo(policy);
    }

    @Test
    void policiesMustBeJsonWithinTheirLengths(EcrClient ecr) {
        assertInvalidParameter(catchThrowable(() -> ecr.setRepositoryPolicy(r -> r.repositoryName("app").policyText("{not json"))),
                "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'");
        assertInvalidParameter(catchThrowable(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText("{}"))),
                "Invalid parameter at 'lifecyclePolicyText' failed to satisfy constraint: 'must have length greater than or equal to 100'");
        assertThat(catchThrowable(() -> ecr.getRepositoryPolicy(r -> r.repositoryName("app"))))
                .as("nothing was stored").isInstanceOf(RepositoryPolicyNotFoundException.class);
        assertThat(catchThrowable(() -> ecr.setRepositoryPolicy(r -> r.repositoryName("gone").policyText(POLICY))))
                .isInstanceOf(RepositoryNotFoundException.class);
    }
}
