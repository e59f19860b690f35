package dev.fakeecr.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.registry.RegistryConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrAsyncClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.Repository;

/** SigV4 as AWS checks it, with the real SDK signing. */
class SigV4Test {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().strictSignatures().build();

    private static EcrClient signedWith(FakeEcr fake, String accessKey, String secret) {
        return fake.clientBuilder().credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKey, secret))).build();
    }

    @Test
    void theSdksSignatureIsVerifiedAndAccepted(EcrClient ecr, EcrAsyncClient async) {
        ecr.createRepository(r -> r.repositoryName("signed"));

        assertThat(ecr.describeRepositories().repositories()).hasSize(1);
        assertThat(async.describeRepositories().join().repositories()).as("Netty's headers sign as well").hasSize(1);
    }

    @Test
    void aWrongSecretIsAnInvalidSignature(FakeEcr fake) {
        try (EcrClient wrong = signedWith(fake, fake.accountId(), "not-the-secret")) {
            EcrException thrown = catchThrowableOfType(EcrException.class, wrong::describeRepositories);

            assertThat(thrown.statusCode()).isEqualTo(400);
            assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
            assertThat(thrown.awsErrorDetails().errorMessage()).isEqualTo("The request signature we calculated does"
                    + " not match the signature you provided. Check your AWS Secret Access Key and signing method."
                    + " Consult the service documentation for details.");
        }
        assertThat(fake.calls()).singleElement().satisfies(c -> assertThat(c.errorCode()).isEqualTo("InvalidSignatureException"));
    }

    @Test
    void aTamperedRequestIsAnInvalidSignature(FakeEcr fake) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(fake.endpoint())
                .header("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories")
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Date", "20261126T120000Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + fake.accountId()
                        + "/20261126/us-east-1/ecr/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature="
                        + "0".repeat(64))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"InvalidSignatureException\"");
    }

    @Nested
    class StrictServer {
        @Test
        void anUnknownAccessKeyIsUnrecognizedAndAKnownOneWorks() {
            try (FakeEcrServer server = FakeEcrServer.builder().strictSigV4().credentials("AKIDKNOWN", "known-secret").start();
                 FakeEcr fake = server.account("123412341234", "us-east-1")) {
                EcrClient stranger = signedWith(fake, "AKIDSTRANGER", "whatever");
                EcrClient known = signedWith(fake, "AKIDKNOWN", "known-secret");

                EcrException thrown = catchThrowableOfType(EcrException.class, stranger::describeRepositories);

                assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                assertThat(thrown.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
                assertThat(known.describeRepositories().repositories()).isEmpty();
                assertThat(fake.client().describeRepositories().repositories()).as("handles' keys are known").isEmpty();
                stranger.close();
                known.close();
            }
        }

        @Test
        void aLenientServerAcceptsAnySecret() {
            try (FakeEcrServer server = FakeEcrServer.start();
                 FakeEcr fake = server.account("123412341234", "us-east-1", RegistryConfig.DEFAULTS)) {
                EcrClient anySecret = signedWith(fake, fake.accountId(), "anything");

                assertThat(anySecret.describeRepositories().repositories()).isEmpty();
                anySecret.close();
            }
        }
    }
}
