package dev.fakeecr.internal.server;

import dev.fakeecr.faults.Outcome;
import dev.fakeecr.internal.protocol.WireResponse;
import java.util.List;
import java.util.Map;

/**
 * The answer to a request served in memory ({@link EcrServer#serveInMemory}): what an HTTP client would have
 * read from the socket, or the connection fault it would have met instead.
 *
 * @param status the HTTP status (0 with a connection fault)
 * @param headers the response headers
 * @param body the response body, never null
 * @param connectionFault the connection fault a fault rule asked for, or null for a normal answer
 */
public record DirectAnswer(int status, Map<String, List<String>> headers, byte[] body,
                           Outcome.ConnectionFault.Kind connectionFault) {
    public DirectAnswer {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    static DirectAnswer fault(Outcome.ConnectionFault.Kind kind) {
        return new DirectAnswer(0, Map.of(), new byte[0], kind);
    }

    /** An answer the server gives itself, before the router (the body limit's refusal). */
    static DirectAnswer of(WireResponse response) {
        return new DirectAnswer(response.status(), Map.of(
                "Content-Type", List.of(response.contentType()),
                WireResponse.REQUEST_ID_HEADER, List.of(response.requestId())), response.body(), null);
    }
}
