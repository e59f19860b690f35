package dev.fakeecr.internal.registry;

import java.util.Objects;

/**
 * An image's signing status with one signing profile (DescribeImageSigningStatus). The fake signs nothing:
 * a matching push starts {@code IN_PROGRESS}, and the test sets the outcome.
 *
 * @param signingProfileArn the profile
 * @param status {@code IN_PROGRESS}, {@code COMPLETE} or {@code FAILED}
 * @param failureCode the failure code, or null
 * @param failureReason the failure reason, or null
 */
public record SigningStatus(String signingProfileArn, String status, String failureCode, String failureReason) {
    /**
     * Requires the profile and status.
     */
    public SigningStatus {
        Objects.requireNonNull(signingProfileArn, "signingProfileArn");
        Objects.requireNonNull(status, "status");
    }
}
