package dev.fakeecr;

import static dev.fakeecr.assertj.EcrAssertions.assertThatEcrThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/**
 * A request naming another account's registry is decided by that repository's policy: allowed only when a
 * statement names the caller's account (or {@code *}) with the operation's action, and no statement denies
 * it; otherwise AccessDeniedException, with nothing changed.
 */
class CrossAccountAccessTest {
    private static final String CALLER = "123456789012";
    private static final String OWNER = "999900001111";
    private static final String DENIED = "User: arn:aws:iam::" + CALLER + ":root is not authorized to perform:"
            + " ecr:DescribeImages on resource: arn:aws:ecr:us-east-1:" + OWNER + ":repository/app";

    @RegisterExtension
    static final ServerPerClass server = ServerPerClass.start();

    private static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements).replace('\'', '"') + "]}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "the caller's account id|{'Effect':'Allow','Principal':{'AWS':'" + CALLER + "'},'Action':'ecr:DescribeImages'}",
            "the caller's root ARN in a list|{'Effect':'Allow','Principal':{'AWS':['arn:aws:iam::333333333333:root','arn:aws:iam::" + CALLER + ":root']},'Action':['ecr:BatchGetImage','ecr:DescribeImages']}",
            "anyone with a wildcard action|{'Effect':'Allow','Principal':'*','Action':'ecr:*'}",
            "an action in another case and a prefix wildcard|{'Effect':'Allow','Principal':{'AWS':'*'},'Action':'ECR:describe*'}"})
    void aPolicyNamingTheCallerAndTheActionAllows(String name, String statement) {
        try (FakeEcr caller = server.account(CALLER, "us-east-1"); FakeEcr owner = server.account(OWNER, "us-east-1")) {
            owner.createRepository("app");
            owner.client().setRepositoryPolicy(r -> r.repositoryName("app").policyText(policy(statement)));

            assertThat(caller.client().describeImages(r -> r.registryId(OWNER).repositoryName("app")).imageDetails())
                    .isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "another account|{'Effect':'Allow','Principal':{'AWS':'333333333333'},'Action':'ecr:*'}",
            "another action|{'Effect':'Allow','Principal':'*','Action':'ecr:BatchGetImage'}",
            "a role of the caller's account (the caller is its root)|{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::" + CALLER + ":role/ci'},'Action':'ecr:*'}",
            "a condition (not evaluated: an Allow with one does not apply)|{'Effect':'Allow','Principal':'*','Action':'ecr:*','Condition':{'StringEquals':{'aws:PrincipalOrgID':'o-1'}}}"})
    void aPolicyThatDoesNotNameTheCallerAndTheActionDenies(String name, String statement) {
        try (FakeEcr caller = server.account(CALLER, "us-east-1"); FakeEcr owner = server.account(OWNER, "us-east-1")) {
            owner.createRepository("app");
            owner.client().setRepositoryPolicy(r -> r.repositoryName("app").policyText(policy(statement)));

            assertThatEcrThrownBy(() -> caller.client().describeImages(r -> r.registryId(OWNER).repositoryName("app")))
                    .hasErrorCode("AccessDeniedException").hasStatusCode(400)
                    .hasErrorMessage(DENIED + " because no resource-based policy allows the ecr:DescribeImages action");
        }
    }

    @Test
    void withoutAPolicyAnotherAccountsRepositoryCannotBeReadChangedOrDeleted() {
        try (FakeEcr caller = server.account(CALLER, "us-east-1"); FakeEcr owner = server.account(OWNER, "us-east-1")) {
            owner.createRepository("app");

            assertThatEcrThrownBy(() -> caller.client().describeImages(r -> r.registryId(OWNER).repositoryName("app")))
                    .hasErrorCode("AccessDeniedException");
            assertThatEcrThrownBy(() -> caller.client().putImageTagMutability(r -> r.registryId(OWNER)
                    .repositoryName("app").imageTagMutability(ImageTagMutability.IMMUTABLE)))
                    .hasErrorCode("AccessDeniedException");
            assertThatEcrThrownBy(() -> caller.client().deleteRepository(r -> r.registryId(OWNER).repositoryName("app")
                    .force(true))).hasErrorCode("AccessDeniedException");

            assertThat(owner.repository("app")).get().satisfies(repository ->
                    assertThat(repository.tagMutability().name()).isEqualTo("MUTABLE"));
        }
    }

    @Test
    void aDenyWinsOverAnAllow() {
        try (FakeEcr caller = server.account(CALLER, "us-east-1"); FakeEcr owner = server.account(OWNER, "us-east-1")) {
            owner.createRepository("app");
            owner.client().setRepositoryPolicy(r -> r.repositoryName("app").policyText(policy(
                    "{'Effect':'Allow','Principal':'*','Action':'ecr:*'}",
                    "{'Effect':'Deny','Principal':{'AWS':'" + CALLER + "'},'Action':'ecr:Describe*'}")));

            assertThatEcrThrownBy(() -> caller.client().describeImages(r -> r.registryId(OWNER).repositoryName("app")))
                    .hasErrorCode("AccessDeniedException")
                    .hasErrorMessage(DENIED + " with an explicit deny in a resource-based policy");
            assertThat(caller.client().listImages(r -> r.registryId(OWNER).repositoryName("app")).imageIds())
                    .as("the Allow still covers what the Deny does not").isEmpty();
        }
    }

    @Test
    void aPolicyOpensOnlyItsOwnRepository() {
        try (FakeEcr caller = server.account(CALLER, "us-east-1"); FakeEcr owner = server.account(OWNER, "us-east-1")) {
            owner.createRepository("app");
            owner.createRepository("private");
            owner.client().setRepositoryPolicy(r -> r.repositoryName("app").policyText(policy(
                    "{'Effect':'Allow','Principal':'*','Action':'ecr:*'}")));

            assertThat(caller.client().listImages(r -> r.registryId(OWNER).repositoryName("app")).imageIds()).isEmpty();
            assertThatEcrThrownBy(() -> caller.client().listImages(r -> r.registryId(OWNER).repositoryName("private")))
                    .hasErrorCode("AccessDeniedException");
        }
    }

    @Test
    void theRegistryPolicyAllowsTooAndCoversRegistryWideListings() {
        try (FakeEcr caller = server.account(CALLER, "us-east-1"); FakeEcr owner = server.account(OWNER, "us-east-1")) {
            owner.createRepository("app");
            owner.client().putRegistryPolicy(r -> r.policyText(policy("{'Sid':'reader','Effect':'Allow','Principal':"
                    + "{'AWS':'arn:aws:iam::" + CALLER + ":root'},'Action':['ecr:DescribeImages','ecr:DescribeRepositories'],"
                    + "'Resource':'arn:aws:ecr:us-east-1:" + OWNER + ":repository/*'}")));

            assertThat(caller.client().describeImages(r -> r.registryId(OWNER).repositoryName("app")).imageDetails())
                    .isEmpty();
            assertThat(caller.client().describeRepositories(r -> r.registryId(OWNER)).repositories()).hasSize(1);
            assertThatEcrThrownBy(() -> caller.client().listImages(r -> r.registryId(OWNER).repositoryName("app")))
                    .as("an action the policy does not name").hasErrorCode("AccessDeniedException");
        }
    }
}
