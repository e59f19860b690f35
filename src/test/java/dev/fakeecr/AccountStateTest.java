package dev.fakeecr;

import static dev.fakeecr.assertj.EcrAssertions.assertThatEcrThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.registry.RegistryConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * One account's state in one region, whoever reaches it: handles, requests, other accounts. Each test here
 * reproduces a way the state used to be split, shared or leaked (issue 14).
 */
class AccountStateTest {
    private static final String ACCOUNT = "123456789012";
    private static final String OTHER = "999900001111";

    private FakeEcrServer server;

    @BeforeEach
    void startServer() {
        server = FakeEcrServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private EcrClient signedWith(FakeEcr fake, String secret) {
        return fake.clientBuilder().credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(fake.accountId(), secret))).build();
    }

    @Test
    void aLenientHandleInAnotherRegionLeavesStrictSignaturesOn() {
        try (FakeEcr strict = server.account(ACCOUNT, "us-east-1", RegistryConfig.DEFAULTS, null, true);
             FakeEcr lenient = server.account(ACCOUNT, "eu-west-1", RegistryConfig.DEFAULTS, null, false);
             EcrClient wrongSecretInStrictRegion = signedWith(strict, "not-the-secret");
             EcrClient wrongSecretInLenientRegion = signedWith(lenient, "not-the-secret")) {

            assertThatEcrThrownBy(wrongSecretInStrictRegion::describeRepositories)
                    .hasErrorCode("InvalidSignatureException").hasStatusCode(400);
            assertThat(wrongSecretInLenientRegion.describeRepositories().repositories()).isEmpty();
            assertThat(strict.client().describeRepositories().repositories()).isEmpty();
        }
    }

    @Test
    void closingOneOfTwoHandlesLeavesTheOtherItsRegistryAndQuota() {
        FakeEcr first = server.account(ACCOUNT, "us-east-1");
        try (FakeEcr second = server.account(ACCOUNT, "us-east-1",
                RegistryConfig.DEFAULTS.withMaxImagesPerRepository(1).withLayerChecks(false))) {
            second.createRepository("app");
            first.close();

            second.putImage("app", "v1", Manifests.dockerV2("one"));
            assertThatEcrThrownBy(() -> second.client().putImage(r -> r.repositoryName("app").imageTag("v2")
                    .imageManifest(Manifests.dockerV2("two"))))
                    .hasErrorCode("LimitExceededException");
            assertThat(second.images("app")).hasSize(1);
            assertThat(server.accountsHeld()).isEqualTo(1);
        }
        assertThat(server.accountsHeld()).isZero();
    }

    @Test
    void twoOpenHandlesShareTheLaterOnesState() {
        try (FakeEcr first = server.account(ACCOUNT, "us-east-1");
             FakeEcr second = server.account(ACCOUNT, "us-east-1")) {
            second.createRepository("app");

            assertThat(first.repositories()).extracting(r -> r.name()).containsExactly("app");
            first.client().createRepository(r -> r.repositoryName("other"));
            assertThat(second.repositories()).hasSize(2);
        }
    }

    @Test
    void aRegistryIdNamingAnAccountNobodyHoldsIsRefusedAndCreatesNothing() {
        try (FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            assertThatEcrThrownBy(() -> fake.client().createRepository(r -> r.registryId(OTHER).repositoryName("shared")))
                    .hasErrorCode("AccessDeniedException").hasStatusCode(400)
                    .hasErrorMessage("User: arn:aws:iam::" + ACCOUNT + ":root is not authorized to perform:"
                            + " ecr:CreateRepository on resource: arn:aws:ecr:us-east-1:" + OTHER + ":repository/shared"
                            + " because no resource-based policy allows the ecr:CreateRepository action");
            assertThatEcrThrownBy(() -> fake.client().describeRepositories(r -> r.registryId(OTHER)))
                    .hasErrorCode("AccessDeniedException");

            assertThat(server.accountsHeld()).as("only the handle's own account").isEqualTo(1);
        }
        assertThat(server.accountsHeld()).isZero();
    }

    @Test
    void aRegistryIdReachesAnotherAccountsRepositoryOnlyAsItsPolicyAllows() {
        try (FakeEcr fake = server.account(ACCOUNT, "us-east-1");
             FakeEcr other = server.account(OTHER, "us-east-1")) {
            other.client().createRepository(r -> r.repositoryName("shared"));
            other.client().setRepositoryPolicy(r -> r.repositoryName("shared").policyText("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT
                    + ":root\"},\"Action\":\"ecr:Describe*\"}]}"));

            Repository shared = fake.client().describeRepositories(r -> r.registryId(OTHER).repositoryNames("shared"))
                    .repositories().get(0);

            assertThat(shared.registryId()).isEqualTo(OTHER);
            assertThat(shared.repositoryArn()).isEqualTo("arn:aws:ecr:us-east-1:" + OTHER + ":repository/shared");
            assertThatEcrThrownBy(() -> fake.client().createRepository(r -> r.registryId(OTHER).repositoryName("mine")))
                    .hasErrorCode("AccessDeniedException");
            assertThatEcrThrownBy(() -> fake.client().deleteRepository(r -> r.registryId(OTHER).repositoryName("shared")
                    .force(true))).hasErrorCode("AccessDeniedException");
            assertThat(fake.repositories()).as("not in the caller's own registry").isEmpty();
            assertThat(other.repositories()).extracting(r -> r.name()).containsExactly("shared");
        }
        assertThat(server.accountsHeld()).isZero();
    }

    @Test
    @SuppressWarnings("deprecation") // registryIds is deprecated in the SDK; ECR still accepts it
    void getAuthorizationTokenForOtherRegistriesCreatesNothing() {
        try (FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            assertThat(fake.client().getAuthorizationToken(r -> r.registryIds(OTHER)).authorizationData())
                    .singleElement().satisfies(data -> assertThat(data.proxyEndpoint())
                            .isEqualTo("https://" + OTHER + ".dkr.ecr.us-east-1.amazonaws.com"));
            assertThat(server.accountsHeld()).isEqualTo(1);
        }
    }

    @Test
    void aLayerUrlThisServerDidNotSignIsAJson403AndCreatesNothing() throws Exception {
        String digest = "sha256:" + "a".repeat(64);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.endpoint() + "/fake-ecr/layers/" + OTHER + "/us-east-1/" + digest + "/app")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(answer.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(answer.body()).contains("\"__type\":\"AccessDeniedException\"");
        assertThat(server.accountsHeld()).isZero();
    }

    @Test
    void requestsFromClientsNoHandleBuiltGetStateTheServerOwnsUntilItStops() {
        try (EcrClient stranger = EcrClient.builder().endpointOverride(server.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(OTHER, "x"))).build()) {
            stranger.createRepository(r -> r.repositoryName("kept"));
            assertThat(stranger.describeRepositories().repositories()).hasSize(1);
            assertThat(server.accountsHeld()).isEqualTo(1);

            try (FakeEcr handle = server.account(OTHER, "eu-west-1")) {
                assertThat(handle.repositories()).as("a handle starts the account afresh").isEmpty();
            }
            assertThat(server.accountsHeld()).isZero();
        }
    }
}
