package dev.fakeecr.internal.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * One request to the registry endpoint, as the HTTP engine received it; the body is a stream, read only by the
 * operations that take one (blob bodies are never held whole).
 *
 * @param method the HTTP method
 * @param rawPath the path as sent (percent-encoded)
 * @param rawQuery the query as sent, or null
 * @param header a header's value by name, or null
 * @param contentLength the declared body length, or -1
 * @param body the body
 */
public record RegistryRequest(String method, String rawPath, String rawQuery, Function<String, String> header,
                              long contentLength, Body body) {

    /** The request body, opened on demand. */
    @FunctionalInterface
    public interface Body {
        InputStream open() throws IOException;
    }
}
