package dev.fakeecr.assertj;

import org.assertj.core.api.AbstractThrowableAssert;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Assertions on the SDK exception a call threw: error code, status, ECR's message, request id, attempts. */
public class EcrExceptionAssert extends AbstractThrowableAssert<EcrExceptionAssert, AwsServiceException> {

    /**
     * Assertions on {@code actual}.
     *
     * @param actual the exception
     */
    public EcrExceptionAssert(AwsServiceException actual) {
        super(actual, EcrExceptionAssert.class);
    }

    /**
     * The error code, e.g. {@code ImageTagAlreadyExistsException}.
     *
     * @param errorCode the expected error code
     * @return this assertion object
     */
    public EcrExceptionAssert hasErrorCode(String errorCode) {
        isNotNull();
        String code = actual.awsErrorDetails() == null ? null : actual.awsErrorDetails().errorCode();
        if (!errorCode.equals(code)) {
            failWithMessage("%nExpecting error code %s, but it was %s (%s)", errorCode, code, actual.getMessage());
        }
        return this;
    }

    /**
     * The HTTP status of the error answer.
     *
     * @param status the expected HTTP status
     * @return this assertion object
     */
    public EcrExceptionAssert hasStatusCode(int status) {
        isNotNull();
        if (actual.statusCode() != status) {
            failWithMessage("%nExpecting status %s, but it was %s (%s)", status, actual.statusCode(), actual.getMessage());
        }
        return this;
    }

    /**
     * The service's message, without the SDK's "(Service: …, Request ID: …)" suffix.
     *
     * @param message the expected message
     * @return this assertion object
     */
    public EcrExceptionAssert hasErrorMessage(String message) {
        isNotNull();
        String actualMessage = actual.awsErrorDetails() == null ? null : actual.awsErrorDetails().errorMessage();
        if (!message.equals(actualMessage)) {
            failWithMessage("%nExpecting the message%n  %s%nbut it was%n  %s", message, actualMessage);
        }
        return this;
    }

    /**
     * The service's message contains {@code part}.
     *
     * @param part the text the message must contain
     * @return this assertion object
     */
    public EcrExceptionAssert hasErrorMessageContaining(String part) {
        isNotNull();
        String actualMessage = actual.awsErrorDetails() == null ? null : actual.awsErrorDetails().errorMessage();
        if (actualMessage == null || !actualMessage.contains(part)) {
            failWithMessage("%nExpecting the message to contain%n  %s%nbut it was%n  %s", part, actualMessage);
        }
        return this;
    }

    /**
     * The answer carried a request id.
     *
     * @return this assertion object
     */
    public EcrExceptionAssert hasRequestId() {
        isNotNull();
        if (actual.requestId() == null || actual.requestId().isBlank()) {
            failWithMessage("%nExpecting a request id, but there was none (%s)", actual.getMessage());
        }
        return this;
    }

    /**
     * The answer carried this request id.
     *
     * @param requestId the expected request id
     * @return this assertion object
     */
    public EcrExceptionAssert hasRequestId(String requestId) {
        isNotNull();
        if (!requestId.equals(actual.requestId())) {
            failWithMessage("%nExpecting request id %s, but it was %s", requestId, actual.requestId());
        }
        return this;
    }

    /**
     * The SDK made this many attempts (1 when it did not retry).
     *
     * @param attempts the expected number of attempts
     * @return this assertion object
     */
    public EcrExceptionAssert wasAttempted(int attempts) {
        isNotNull();
        if (actual.numAttempts() == null || actual.numAttempts() != attempts) {
            failWithMessage("%nExpecting %s attempts, but the SDK made %s", attempts, actual.numAttempts());
        }
        return this;
    }
}
