package dev.fakeecr.protocol;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as the protocol needs it, independent of the server that received it.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param url the path and query, as received
 * @param headers every header, by lower-case name
 * @param body the request body, never null
 */
public record WireRequest(String method, String url, Map<String, List<String>> headers, byte[] body) {
    public WireRequest {
        Map<String, List<String>> lowerCased = new TreeMap<>();
        headers.forEach((name, values) -> lowerCased.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                k -> new java.util.ArrayList<>()).addAll(values));
        headers = lowerCased;
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
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
