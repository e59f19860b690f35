package dev.fakeecr.journal;

import java.time.Instant;
import java.util.List;

/**
 * One call the fake received, as the journal recorded it.
 *
 * @param request the operation and its members, a bounded copy: strings over 16 KiB are cut, and a call keeps
 *     about 64 KiB of members at most; what was cut says so in the copy
 *     ({@code …(<n> characters)}, {@code …(<n> more elements cut)}, a member {@code "…"})
 * @param status the HTTP status answered, or 0 when a connection fault answered instead
 * @param errorCode the error code answered, or null on success
 * @param requestId the {@code x-amzn-RequestId} answered
 * @param time when the fake answered, by the system clock (not the registry's
 *     {@link dev.fakeecr.registry.TestClock})
 * @param injected whether a fault rule decided the answer
 * @param connectionFault the connection fault that answered, or null
 * @param failureCodes the {@code failureCode} of each entry of a batch call's {@code failures}, in order
 *     (empty for other calls and for batch calls without failures)
 */
public record Call(EcrRequest request, int status, String errorCode, String requestId, Instant time,
                   boolean injected, String connectionFault, List<String> failureCodes) {

    /**
     * Copies the failure codes.
     *
     * @param request the operation and its members
     * @param status the HTTP status answered, or 0 when a connection fault answered instead
     * @param errorCode the error code answered, or null on success
     * @param requestId the {@code x-amzn-RequestId} answered
     * @param time when the fake answered
     * @param injected whether a fault rule decided the answer
     * @param connectionFault the connection fault that answered, or null
     * @param failureCodes the failure codes of a batch call's {@code failures}; null for none
     */
    public Call {
        failureCodes = failureCodes == null ? List.of() : List.copyOf(failureCodes);
    }

    /**
     * A call without batch failures.
     *
     * @param request the operation and its members
     * @param status the HTTP status answered, or 0 when a connection fault answered instead
     * @param errorCode the error code answered, or null on success
     * @param requestId the {@code x-amzn-RequestId} answered
     * @param time when the fake answered
     * @param injected whether a fault rule decided the answer
     * @param connectionFault the connection fault that answered, or null
     */
    public Call(EcrRequest request, int status, String errorCode, String requestId, Instant time,
                boolean injected, String connectionFault) {
        this(request, status, errorCode, requestId, time, injected, connectionFault, List.of());
    }

    /**
     * The operation, e.g. {@code PutImage}.
     *
     * @return the operation name
     */
    public String operation() {
        return request.operation();
    }

    /**
     * Whether the call was answered with a 2xx status: 200 for the ECR API, 201, 202, 204 or 206 for some of the
     * registry endpoint's answers.
     *
     * @return whether the status is 2xx
     */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /**
     * A short readable line: operation, repository, tag, outcome, and a batch call's failures, e.g.
     * {@code BatchGetImage app:9.9 -> 200 OK, 1 failure: ImageNotFound}.
     */
    @Override
    public String toString() {
        String outcome = connectionFault != null ? "connection " + connectionFault
                : status == 200 ? "200 OK" : succeeded() ? Integer.toString(status) : status + " " + errorCode;
        String failures = failureCodes.isEmpty() ? ""
                : ", " + failureCodes.size() + (failureCodes.size() == 1 ? " failure: " : " failures: ")
                        + String.join(", ", failureCodes);
        return request + " -> " + outcome + failures + (injected ? " (injected)" : "");
    }
}
