package dev.fakeecr.internal.server;

import dev.fakeecr.internal.distribution.RegistryEndpoint;
import dev.fakeecr.internal.distribution.RegistryRequest;
import dev.fakeecr.internal.distribution.RegistryResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletResponse;
import wiremock.org.eclipse.jetty.io.EndPoint;
import wiremock.org.eclipse.jetty.server.Request;

/**
 * Serves the registry endpoint ({@code /v2/...}) at the servlet level, ahead of WireMock, which would read
 * every body into memory: blob bodies stream from the socket into the blob store, and blobs stream back.
 * Only the Jetty/servlet adaptation lives here; {@link RegistryEndpoint} does the rest.
 */
final class RegistryFilter implements Filter {
    private final RegistryEndpoint endpoint;

    RegistryFilter(RegistryEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        RegistryResponse answer = endpoint.handle(new RegistryRequest(request.getMethod(), request.getRequestURI(),
                request.getQueryString(), name -> header(request, name), request.getContentLengthLong(),
                request::getInputStream));
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer.fault() != null) {
            breakConnection(request, answer);
            return;
        }
        response.setStatus(answer.status());
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        if (request.getMethod().equals("HEAD")) {
            return;
        }
        OutputStream out = response.getOutputStream();
        if (answer.stream() != null) {
            try (InputStream in = answer.stream()) {
                in.transferTo(out);
            }
        } else {
            out.write(answer.body());
        }
    }

    /** All values of a header, joined as one (clients send Accept several times). */
    private static String header(HttpServletRequest request, String name) {
        var values = Collections.list(request.getHeaders(name));
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** A fault rule's connection fault: reset (RST), closed without an answer, or garbage then closed. */
    private static void breakConnection(HttpServletRequest request, RegistryResponse answer) throws IOException {
        EndPoint endPoint = Request.getBaseRequest(request).getHttpChannel().getEndPoint();
        Object transport = endPoint.getTransport();
        if (transport instanceof SocketChannel channel) {
            switch (answer.fault()) {
                case RESET -> channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                case GARBAGE -> {
                    byte[] garbage = new byte[64];
                    ThreadLocalRandom.current().nextBytes(garbage);
                    channel.write(ByteBuffer.wrap(garbage));
                }
                case EMPTY_RESPONSE -> { }
            }
        }
        endPoint.close();
    }
}
