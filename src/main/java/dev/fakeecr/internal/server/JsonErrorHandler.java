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
 *       which calls {@link #handle(String, Request, HttpServletRequest, HttpServletResponse)}.</li>
 * </ul>
 * The {@code __type} codes are the fake's own: real ECR's answer to such requests is not documented (its
 * front end refuses them before the service sees them). They are chosen so an SDK reports a service error
 * with a readable code: {@code URITooLongException} (414), {@code RequestHeaderFieldsTooLargeException}
 * (431), {@code RequestEntityTooLargeException} (413, as the body limit answers), {@code ServerException}
 * (5xx: ECR's own server-fault code, which SDKs retry) and {@code BadRequestException} for any other status.
 */
final class JsonErrorHandler extends ErrorHandler {

    /** The answer for a request Jetty refused with {@code status}, Jetty's {@code reason} (may be null). */
    static WireResponse refusal(int status, String reason) {
        String why = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        return EcrProtocol.errorResponse(code(status), status, "fake-ecr's HTTP server refused the request ("
                + status + "): " + why);
    }

    private static String code(int status) {
        return switch (status) {
            case 413 -> "RequestEntityTooLargeException";
            case 414 -> "URITooLongException";
            case 431 -> "RequestHeaderFieldsTooLargeException";
            default -> status >= 500 ? "ServerException" : "BadRequestException";
        };
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
        WireResponse answer = refusal(status, message == null ? null : message.toString());
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
