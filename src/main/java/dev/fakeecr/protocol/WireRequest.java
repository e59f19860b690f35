package dev.fakeecr.protocol;

/**
 * An HTTP request as the protocol needs it, independent of the server that received it.
 *
 * @param target the {@code X-Amz-Target} header, or null
 * @param authorization the {@code Authorization} header, or null
 * @param host the {@code Host} header (for URLs the fake hands out), or null
 * @param body the request body, never null
 */
public record WireRequest(String target, String authorization, String host, byte[] body) {
    public WireRequest {
        body = body == null ? new byte[0] : body;
    }
}
