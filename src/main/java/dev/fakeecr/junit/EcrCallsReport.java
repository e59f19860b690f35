package dev.fakeecr.junit;

/**
 * Attached (as a suppressed exception) to a failing test's error: the ECR calls that test made, one
 * line each, so the failure shows what the code under test did to ECR.
 */
public final class EcrCallsReport extends RuntimeException {
    EcrCallsReport(String accountId, String region, String calls) {
        super("ECR calls made by this test (account " + accountId + ", " + region + "):\n" + calls,
                null, false, false); // a report, not an error: no stack trace
    }
}
