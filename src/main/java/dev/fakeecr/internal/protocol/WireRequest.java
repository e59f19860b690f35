package dev.fakeecr.internal.protocol;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An HTTP request as the protocol needs it, independent of the server that received it.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param url the path and query, as received
 * @param headers the values of a header by name, case-insensitively (an empty list when absent); a
 *     lookup rather than a map, so that only the headers the protocol reads are ever read
 * @param body the request body, never null
 */
public record WireRequest(String method, String url, Function<String, List<String>> headers, byte[] body) {
    public WireRequest {
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.apply(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    String target() {
        return header("X-Amz-Target");
    }

    String authorization() {
        return header("Authorization");
    }

    String host() {
        return header("Host");
    }
}
