package dev.fakeecr.internal.protocol;

import dev.fakeecr.faults.Outcome;
import java.time.Duration;
import java.util.Objects;

/**
 * What to send back: an HTTP response (status, awsJson body, request id for {@code x-amzn-RequestId}),
 * possibly after a delay, or a broken connection instead.
 *
 * @param errorCode the error code for an error answer, null on success
 * @param delay how long to wait before answering ({@link Duration#ZERO} for no wait)
 * @param connectionFault the connection fault to produce instead of a response, or null
 */
public record WireResponse(int status, String contentType, byte[] body, String requestId, String errorCode,
                           Duration delay, Outcome.ConnectionFault.Kind connectionFault) {
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    public WireResponse {
        Objects.requireNonNull(delay, "delay");
    }

    public static WireResponse of(int status, byte[] body, String requestId, String errorCode) {
        return new WireResponse(status, CONTENT_TYPE, body, requestId, errorCode, Duration.ZERO, null);
    }

    public static WireResponse bytes(int status, String contentType, byte[] body, String requestId) {
        return new WireResponse(status, contentType, body, requestId, null, Duration.ZERO, null);
    }

    /**
     * The delay in milliseconds, at most {@link Integer#MAX_VALUE} (what WireMock takes): both ways in wait the same.
     *
     * @return how many milliseconds to wait before answering
     */
    public int delayMillis() {
        try {
            return (int) Math.min(Integer.MAX_VALUE, delay.toMillis());
        } catch (ArithmeticException longerThanALong) {
            return Integer.MAX_VALUE;
        }
    }

    WireResponse after(Duration wait) {
        return new WireResponse(status, contentType, body, requestId, errorCode, wait, connectionFault);
    }

    static WireResponse brokenConnection(Outcome.ConnectionFault.Kind kind, String requestId) {
        return new WireResponse(0, CONTENT_TYPE, new byte[0], requestId, null, Duration.ZERO, kind);
    }
}
