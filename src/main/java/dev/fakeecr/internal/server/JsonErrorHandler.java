package dev.fakeecr.internal.server;

import dev.fakeecr.internal.protocol.EcrProtocol;
import dev.fakeecr.internal.protocol.WireResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import wiremock.jakarta.servlet.RequestDispatcher;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletResponse;
import wiremock.org.eclipse.jetty.http.HttpFields;
import wiremock.org.eclipse.jetty.http.HttpHeader;
import wiremock.org.eclipse.jetty.http.HttpStatus;
import wiremock.org.eclipse.jetty.io.EofException;
import wiremock.org.eclipse.jetty.server.Request;
import wiremock.org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's error answers in ECR's error form instead of HTML: the status Jetty chose, {@code Content-Type:
 * application/x-amz-json-1.1}, an {@code x-amzn-RequestId} and {@code {"__type":...,"message":...}} naming
 * Jetty's reason, never a stack trace. It covers both ways Jetty answers on its own:
 * <ul>
 *   <li>requests its HTTP parser refuses before any handler runs (a malformed request line, an illegal
 *       character, a URI or header block over the buffer, an ambiguous path such as {@code /%00}): Jetty 11's
 *       {@code HttpChannel.onBadMessage} asks the Server's error handler bean for
 *       {@link #badMessageError(int, String, HttpFields.Mutable)} and then closes the connection;</li>
 *   <li>errors raised while a request is handled (an exception out of a servlet, a {@code sendError}): Jetty
 *       dispatches them to the error handler of the request's context (the Server's when there is none),
 *       which calls {@link #handle(String, Request, HttpServletRequest, HttpServletResponse)}. One such
 *       error is the client's, though Jetty answers it 500: a request body that ends early or has a malformed
 *       chunk (Jetty's parser reports both to the body's reader as an {@link EofException}). That one is
 *       answered 400.</li>
 * </ul>
 * The {@code __type} codes are the fake's own: real ECR's answer to such requests is not documented (its
 * front end refuses them before the service sees them). They are chosen so an SDK reports a service error
 * with a readable code: {@code URITooLongException} (414), {@code RequestHeaderFieldsTooLargeException}
 * (431), {@code RequestEntityTooLargeException} (413, as the body limit answers),
 * {@code HttpVersionNotSupportedException} (505), {@code ServerException} (any other 5xx: ECR's own
 * server-fault code, which SDKs retry) and {@code BadRequestException} for any other status.
 */
final class JsonErrorHandler extends ErrorHandler {

    /** The answer for a request Jetty refused with {@code status}, Jetty's {@code reason} (may be null). */
    static WireResponse refusal(int status, String reason) {
        String why = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        String what = status >= 500 && status != 505 ? "could not handle" : "refused";
        return EcrProtocol.error(code(status), status, "fake-ecr's HTTP server " + what
                + " the request (" + status + "): " + why);
    }

    private static String code(int status) {
        return switch (status) {
            case 408 -> "RequestTimeoutException"; // a stalled or too slow body; SDKs retry this code
            case 413 -> "RequestEntityTooLargeException";
            case 414 -> "URITooLongException";
            case 431 -> "RequestHeaderFieldsTooLargeException";
            case 505 -> "HttpVersionNotSupportedException"; // the client's fault, unlike other 5xx: no retry
            default -> status >= 500 ? "ServerException" : "BadRequestException";
        };
    }

    private static boolean endedEarly(Object failure) {
        Throwable cause = failure instanceof Throwable thrown ? thrown : null;
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            if (cause instanceof EofException) {
                return true;
            }
        }
        return false;
    }

    /** Every method's error gets a body (Jetty's default gives one to GET, POST and HEAD only). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        WireResponse answer = refusal(status, reason);
        fields.put(WireResponse.REQUEST_ID_HEADER, answer.requestId());
        if (HttpStatus.hasNoBody(status)) {
            return ByteBuffer.allocate(0);
        }
        fields.put(HttpHeader.CONTENT_TYPE, answer.contentType());
        return ByteBuffer.wrap(answer.body());
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        if (response.isCommitted()) {
            return; // too late for any answer: Jetty aborts the connection
        }
        int status = response.getStatus();
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String reason = message == null ? null : message.toString();
        if (status == 500 && endedEarly(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
            // Jetty's parser reports a body cut short, and a malformed chunk (a bad size, a missing CRLF),
            // to the body's reader as an early EOF, which Jetty then answers 500: it is the client's fault.
            status = 400;
            response.setStatus(status);
            reason = "the request body ended before it was complete, or its chunked encoding is malformed"
                    + " (Early EOF)";
        }
        WireResponse answer = refusal(status, reason);
        response.setHeader(WireResponse.REQUEST_ID_HEADER, answer.requestId());
        if (HttpStatus.hasNoBody(status)) {
            return;
        }
        response.setContentType(answer.contentType());
        response.setContentLength(answer.body().length);
        // Jetty's own output, not getOutputStream(): the failed handler may already have taken the writer.
        baseRequest.getResponse().getHttpOutput().write(answer.body());
    }
}
