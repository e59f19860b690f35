package dev.fakeecr.protocol;

/**
 * An HTTP response to send: status, awsJson body, and the request id for {@code x-amzn-RequestId}.
 *
 * @param errorCode the error code for an error answer, null on success (for logs and the journal)
 */
public record WireResponse(int status, byte[] body, String requestId, String errorCode) {
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
}
