package dev.fakeecr;

import static org.assertj.core.api.Assertions.assertThat;

import software.amazon.awssdk.services.ecr.model.EcrException;

/** Checks an SDK exception the way a user's code would see it. */
final class EcrErrors {
    private EcrErrors() {}

    static void assertEcrError(Throwable thrown, Class<? extends EcrException> type, String code, String message) {
        assertThat(thrown).isInstanceOf(type);
        EcrException e = (EcrException) thrown;
        assertThat(e.statusCode()).as("status").isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).as("error code").isEqualTo(code);
        assertThat(e.awsErrorDetails().errorMessage()).as("message").isEqualTo(message);
        assertThat(e.requestId()).as("request id").isNotBlank();
    }

    static void assertInvalidParameter(Throwable thrown, String message) {
        assertEcrError(thrown, software.amazon.awssdk.services.ecr.model.InvalidParameterException.class,
                "InvalidParameterException", message);
    }
}
