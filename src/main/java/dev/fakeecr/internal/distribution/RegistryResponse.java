package dev.fakeecr.internal.distribution;

import dev.fakeecr.faults.Outcome;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry endpoint's answer: status, headers and a body that is bytes or a stored blob's range, or a
 * connection fault a fault rule asked for. Every answer carries {@code Docker-Distribution-Api-Version}.
 */
public final class RegistryResponse {
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = new byte[0];
    /** A blob's bytes, opened while the blob was known to exist (an open file outlives its deletion). */
    InputStream stream;
    Outcome.ConnectionFault.Kind fault;
    Duration delay = Duration.ZERO;
    /** The registry error code answered, for the journal; null on success. */
    String errorCode;

    RegistryResponse(int status) {
        this.status = status;
        headers.put("Docker-Distribution-Api-Version", "registry/2.0");
    }

    RegistryResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    RegistryResponse json(String json) {
        body = json.getBytes(StandardCharsets.UTF_8);
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Content-Length", Long.toString(body.length));
        return this;
    }

    RegistryResponse bytes(String contentType, byte[] bytes) {
        body = bytes;
        headers.put("Content-Type", contentType);
        headers.put("Content-Length", Long.toString(bytes.length));
        return this;
    }

    /** A blob's headers; {@code in} is its bytes for a GET, or null for a HEAD. */
    RegistryResponse blob(InputStream in, long length) {
        stream = in;
        headers.put("Content-Type", "application/octet-stream");
        headers.put("Content-Length", Long.toString(length));
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The body bytes (empty when the body is a blob's content, or none). */
    public byte[] body() {
        return body;
    }

    /** The body as a stream (a blob's bytes), to be sent and closed; null when the body is {@link #body()}. */
    public InputStream stream() {
        return stream;
    }

    /** The connection fault to answer with instead, or null. */
    public Outcome.ConnectionFault.Kind fault() {
        return fault;
    }

    /** How long to wait before answering. */
    public Duration delay() {
        return delay;
    }
}
