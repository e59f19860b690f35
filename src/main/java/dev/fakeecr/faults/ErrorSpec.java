package dev.fakeecr.faults;

import dev.fakeecr.registry.ErrorCode;
import java.util.Objects;

/**
 * An error to inject: a code and its HTTP status. ECR's modelled errors answer 400, {@code ServerException}
 * 500; any other code (an unmodelled AWS error such as {@code ThrottlingException}) answers 400 unless
 * another status is given.
 *
 * @param code the error code, e.g. {@code ServerException} or {@code ThrottlingException}
 * @param status the HTTP status of the answer
 */
public record ErrorSpec(String code, int status) {
    /**
     * Checks the code.
     *
     * @param code the error code
     * @param status the HTTP status
     * @throws IllegalArgumentException if {@code code} is blank
     */
    public ErrorSpec {
        Objects.requireNonNull(code, "code");
        if (code.isBlank()) {
            throw new IllegalArgumentException("an error code is not blank");
        }
    }

    /**
     * The error with this code, at its real status.
     *
     * @param code the error code, e.g. {@code RepositoryNotFoundException}
     * @return the error, at 500 for {@code ServerException} and 400 for every other code
     */
    public static ErrorSpec of(String code) {
        return new ErrorSpec(code, ErrorCode.fromCode(code).map(ErrorCode::httpStatus).orElse(400));
    }

    /**
     * An error with this code and an explicit status, e.g. {@code ("TooManyRequestsException", 429)}.
     *
     * @param code the error code
     * @param status the HTTP status
     * @return the error
     */
    public static ErrorSpec of(String code, int status) {
        return new ErrorSpec(code, status);
    }

    /**
     * The ECR error an SDK exception class stands for; the class's simple name is the error code.
     *
     * @param sdkExceptionClass an exception class of the ECR SDK, e.g. {@code ImageTagAlreadyExistsException.class}
     * @return the error, at its real status
     * @throws IllegalArgumentException if the class's simple name is not an error code the fake knows
     */
    public static ErrorSpec of(Class<? extends RuntimeException> sdkExceptionClass) {
        String code = sdkExceptionClass.getSimpleName();
        if (ErrorCode.fromCode(code).isEmpty()) {
            throw new IllegalArgumentException(sdkExceptionClass.getName() + " is not an ECR error; give an"
                    + " error code instead, e.g. failWith(\"ThrottlingException\")");
        }
        return of(code);
    }

    Outcome.Error toOutcome(String message) {
        return new Outcome.Error(code, status, message);
    }
}
