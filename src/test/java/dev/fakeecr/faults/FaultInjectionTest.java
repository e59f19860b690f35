package dev.fakeecr.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.Manifests;
import dev.fakeecr.journal.Call;
import dev.fakeecr.junit.FakeEcrExtension;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.KmsException;
import software.amazon.awssdk.services.ecr.model.PutImageRequest;
import software.amazon.awssdk.services.ecr.model.ServerException;

/** Every kind of injected fault, seen through the real EcrClient and its retry policy. */
class FaultInjectionTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app", "other")
            .withoutLayerChecks() // these tests push synthetic manifests; layer checks have their own tests
            .build();

    private EcrClient ecr;
    private FakeEcr fake;

    @BeforeEach
    void setUp(EcrClient ecr, FakeEcr fake) {
        this.ecr = ecr;
        this.fake = fake;
    }

    private static PutImageRequest push(String repository, String tag, String seed) {
        return PutImageRequest.builder().repositoryName(repository).imageTag(tag).imageManifest(Manifests.dockerV2(seed)).build();
    }

    /** A client that does not retry, for faults whose retries would only slow the test down. */
    private EcrClient noRetries() {
        return fake.clientBuilder().overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)
                .retryStrategy(b -> b.maxAttempts(1))).build();
    }

    @Test
    void aServerErrorTwiceIsRetriedByTheSdkAndTheThirdAttemptSucceeds() {
        FaultRule rule = fake.onCall("PutImage").times(2).failWith(ServerException.class);

        ecr.putImage(push("app", "v1", "x"));

        assertThat(rule.timesFired()).isEqualTo(2);
        assertThat(fake.calls("PutImage")).extracting(Call::status, Call::errorCode, Call::injected).containsExactly(
                org.assertj.core.groups.Tuple.tuple(500, "ServerException", true),
                org.assertj.core.groups.Tuple.tuple(500, "ServerException", true),
                org.assertj.core.groups.Tuple.tuple(200, null, false));
        assertThat(fake.images("app")).singleElement().satisfies(i -> assertThat(i.tags()).containsExactly("v1"));
    }

    @Test
    void throttlingTwiceIsRetriedWithBackOffThenSucceeds() {
        fake.onCall("DescribeRepositories").times(2).throttle();

        assertThat(ecr.describeRepositories().repositories()).hasSize(2);

        assertThat(fake.calls("DescribeRepositories")).extracting(Call::errorCode)
                .containsExactly("ThrottlingException", "ThrottlingException", null);
    }

    @Test
    void aServerErrorOnEveryAttemptReachesTheCallerAsServerException() {
        fake.onCall("PutImage").always().failWith(ServerException.class);

        ServerException thrown = catchThrowableOfType(ServerException.class, () -> ecr.putImage(push("app", "v1", "x")));

        assertThat(thrown.statusCode()).isEqualTo(500);
        assertThat(thrown.numAttempts()).isEqualTo(4);
        assertThat(thrown.awsErrorDetails().errorMessage()).isEqualTo("These errors are usually caused by a server-side issue.");
        assertThat(fake.images("app")).isEmpty();
    }

    @Test
    void anInjectedEcrErrorIsTypedCarriesEcrsWordingAndChangesNothing() {
        fake.onCall("PutImage").failWith("ImageTagAlreadyExistsException");

        Throwable thrown = catchThrowable(() -> ecr.putImage(push("app", "v1", "x")));

        assertThat(thrown).isInstanceOf(ImageTagAlreadyExistsException.class);
        EcrException e = (EcrException) thrown;
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.numAttempts()).isEqualTo(1);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The image tag 'v1' already exists in the 'app'"
                + " repository and cannot be overwritten because the tag is immutable.");
        assertThat(fake.images("app")).isEmpty();
        assertThat(fake.calls()).singleElement().satisfies(c -> {
            assertThat(c.injected()).isTrue();
            assertThat(c.requestId()).isEqualTo(e.requestId());
        });
    }

    @Test
    void aMessageCanBeGiven() {
        fake.onCall("CreateRepository").failWith(KmsException.class, "KMS key arn:aws:kms:us-east-1:1:key/x is disabled");

        KmsException thrown = catchThrowableOfType(KmsException.class, () -> ecr.createRepository(r -> r.repositoryName("enc")));

        assertThat(thrown.awsErrorDetails().errorMessage()).isEqualTo("KMS key arn:aws:kms:us-east-1:1:key/x is disabled");
        assertThat(fake.repository("enc")).isEmpty();
    }

    @Test
    void unmodelledAwsErrorsReachTheSdkAsErrorCodes() {
        fake.onCall("DescribeRepositories").failWith("AccessDeniedException",
                "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecr:DescribeRepositories");
        fake.onCall("ListImages").failWith(ErrorSpec.of("TooManyRequestsException", 429));

        EcrException denied = catchThrowableOfType(EcrException.class, () -> ecr.describeRepositories());
        EcrException tooMany = catchThrowableOfType(EcrException.class, () -> noRetries().listImages(r -> r.repositoryName("app")));

        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(denied.statusCode()).isEqualTo(400);
        assertThat(denied.numAttempts()).isEqualTo(1);
        assertThat(tooMany.statusCode()).isEqualTo(429);
        assertThat(tooMany.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
    }

    @Test
    void conditionsNarrowARuleToTheCallsItNames() {
        fake.onCall("PutImage").forRepository("app").forTag("latest").always().failWith(ServerException.class);

        ecr.putImage(push("other", "latest", "a"));
        ecr.putImage(push("app", "v1", "b"));
        assertThat(catchThrowable(() -> noRetries().putImage(push("app", "latest", "c")))).isInstanceOf(ServerException.class);
        fake.onCall("PutImage").where(r -> r.member("imageDigest") != null).failWith("ImageDigestDoesNotMatchException");
        assertThat(catchThrowable(() -> ecr.putImage(push("other", "v2", "d").toBuilder().imageDigest(Manifests.digest("d")).build())))
                .isInstanceOf(software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException.class);

        assertThat(fake.images("other")).hasSize(1);
        assertThat(fake.images("app")).hasSize(1);
    }

    @Test
    void rulesFireInTheOrderDeclaredSoTheFirstCallCanPassAndTheSecondFail() {
        fake.onCall("PutImage").answerNormally();
        fake.onCall("PutImage").always().resetConnection();

        ecr.putImage(push("app", "v1", "x"));
        Throwable second = catchThrowable(() -> ecr.putImage(push("app", "v2", "y")));

        assertThat(second).isInstanceOf(SdkClientException.class);
        assertThat(fake.calls("PutImage")).hasSize(5) // the passed call, then the SDK's 4 attempts
                .extracting(Call::connectionFault).containsExactly(null, "RESET", "RESET", "RESET", "RESET");
        assertThat(fake.images("app")).singleElement().satisfies(i -> assertThat(i.tags()).containsExactly("v1"));
    }

    @Test
    void anEmptyResponseOrGarbageFailsTheCall() {
        fake.onCall("DescribeRepositories").emptyResponse();
        fake.onCall("DescribeRepositories").garbage();
        EcrClient once = noRetries();

        assertThat(catchThrowable(once::describeRepositories)).isInstanceOf(SdkClientException.class);
        assertThat(catchThrowable(once::describeRepositories)).isInstanceOf(SdkClientException.class);
        assertThat(once.describeRepositories().repositories()).hasSize(2);
        assertThat(fake.calls()).extracting(Call::connectionFault).containsExactly("EMPTY_RESPONSE", "GARBAGE", null);
        once.close();
    }

    @Test
    void aDelayLongerThanTheClientsTimeoutTimesOutButTheCallStillTakesEffect() {
        fake.onCall("CreateRepository").delay(Duration.ofMillis(1500));
        EcrClient impatient = fake.clientBuilder().overrideConfiguration(c -> c.apiCallTimeout(Duration.ofMillis(300))
                .retryStrategy(b -> b.maxAttempts(1))).build();

        Throwable thrown = catchThrowable(() -> impatient.createRepository(r -> r.repositoryName("slow")));

        assertThat(thrown).isInstanceOf(ApiCallTimeoutException.class);
        assertThat(fake.repository("slow")).as("the fake acted before answering late").isPresent();
        impatient.close();
    }

    @Test
    void onlyEcrOperationsAndEcrErrorsCanBeNamed() {
        assertThatThrownBy(() -> fake.onCall("PutImages")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'PutImages' is not an ECR operation");
        assertThatThrownBy(() -> ErrorSpec.of(EcrException.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an ECR error");
        assertThat(ErrorSpec.of(ServerException.class)).isEqualTo(new ErrorSpec("ServerException", 500));
        assertThat(ErrorSpec.of("ThrottlingException")).isEqualTo(new ErrorSpec("ThrottlingException", 400));
    }
}
