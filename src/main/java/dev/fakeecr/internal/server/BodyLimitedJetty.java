package dev.fakeecr.internal.server;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import dev.fakeecr.internal.distribution.RegistryEndpoint;
import dev.fakeecr.internal.protocol.EcrProtocol;
import dev.fakeecr.internal.protocol.WireResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import wiremock.jakarta.servlet.DispatcherType;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ReadListener;
import wiremock.jakarta.servlet.ServletInputStream;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletRequestWrapper;
import wiremock.jakarta.servlet.http.HttpServletResponse;
import wiremock.org.eclipse.jetty.io.EofException;
import wiremock.org.eclipse.jetty.server.Server;
import wiremock.org.eclipse.jetty.servlet.FilterHolder;
import wiremock.org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * WireMock's Jetty server with a limit on request bodies, and with Jetty's own error answers (HTML pages by
 * default) given in ECR's JSON error form by a {@link JsonErrorHandler} on the Server and on both contexts.
 * WireMock reads a whole body into memory before any
 * extension sees the request, so the limit has to sit in front of it, as a servlet filter: a body over
 * {@link EcrProtocol#MAX_REQUEST_BYTES} is refused from its {@code Content-Length} without reading a byte,
 * a chunked body (no length) is read only up to the limit, and a gzip body (which WireMock would inflate
 * without bound) is inflated here only up to the same limit.
 */
final class BodyLimitedJetty extends Jetty11HttpServer {

    /** Hands the registry endpoint to the constructor's hooks, which run before any field of this class is set. */
    private static final ThreadLocal<RegistryEndpoint> PENDING_ENDPOINT = new ThreadLocal<>();

    /** The factory WireMock builds its server with, serving {@code /v2/} through {@code endpoint}. */
    static HttpServerFactory factory(RegistryEndpoint endpoint) {
        return (options, admin, stubs) -> {
            PENDING_ENDPOINT.set(endpoint);
            try {
                return new BodyLimitedJetty(options, admin, stubs);
            } finally {
                PENDING_ENDPOINT.remove();
            }
        };
    }

    private BodyLimitedJetty(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
        super(options, admin, stubs);
    }

    // All these hooks run inside the superclass constructor: they must not touch this class's fields.

    /** Requests refused by Jetty's parser, or failing outside any context, are answered by the Server's. */
    @Override
    protected void applyAdditionalServerConfiguration(Server server, Options options) {
        super.applyAdditionalServerConfiguration(server, options);
        server.setErrorHandler(new JsonErrorHandler());
    }

    /** The registry endpoint first (it streams its bodies: no limit, no WireMock), then the body limit. */
    @Override
    protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
        context.addFilter(new FilterHolder(new RegistryFilter(PENDING_ENDPOINT.get())), RegistryEndpoint.PREFIX + "/*",
                EnumSet.of(DispatcherType.REQUEST));
        limit(context);
    }

    /**
     * Replaces WireMock's error handler (an HTML page, or its "not matched" page for a 404, which the fake
     * never produces: its request filter answers every request) so errors inside the context answer JSON.
     */
    @Override
    protected void decorateMockServiceContextAfterConfig(ServletContextHandler context) {
        super.decorateMockServiceContextAfterConfig(context);
        context.setErrorHandler(new JsonErrorHandler());
    }

    @Override
    protected void decorateAdminServiceContextBeforeConfig(ServletContextHandler context) {
        limit(context);
    }

    @Override
    protected void decorateAdminServiceContextAfterConfig(ServletContextHandler context) {
        super.decorateAdminServiceContextAfterConfig(context);
        context.setErrorHandler(new JsonErrorHandler());
    }

    private static void limit(ServletContextHandler context) {
        context.addFilter(new FilterHolder(new BodyLimit()), "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    private static final class BodyLimit implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            HttpServletResponse answer = (HttpServletResponse) response;
            long length = http.getContentLengthLong();
            if (length > EcrProtocol.MAX_REQUEST_BYTES) {
                refuse(answer, EcrProtocol.requestTooLarge(length));
                return;
            }
            // Every body is read here, within the limit, because WireMock inflates any body that starts like
            // gzip (with or without Content-Encoding) and would do so without bound.
            byte[] body;
            try {
                body = length >= 0 ? readExactly(http.getInputStream(), (int) length)
                        : BoundedRead.readWithin(http.getInputStream(), EcrProtocol.MAX_REQUEST_BYTES);
            } catch (IOException failed) {
                if (!timedOut(failed)) {
                    throw failed;
                }
                refuse(answer, JsonErrorHandler.refusal(408, "the request body stalled: nothing arrived for the"
                        + " server's read timeout"));
                return;
            }
            if (body == null) {
                refuse(answer, EcrProtocol.requestTooLarge(-1));
                return;
            }
            if (!isGzipped(body)) {
                if (body.length > 0 && saysGzip(http)) { // WireMock would fail to inflate it, as a 500
                    refuse(answer, EcrProtocol.undecodableBody("the body is not gzip, though its Content-Encoding"
                            + " says so"));
                    return;
                }
                chain.doFilter(new ReadBody(http, body), response);
                return;
            }
            try {
                body = BoundedRead.readWithin(new GZIPInputStream(new ByteArrayInputStream(body)), EcrProtocol.MAX_REQUEST_BYTES);
            } catch (IOException broken) {
                refuse(answer, EcrProtocol.undecodableBody("the gzip body does not decode: " + broken.getMessage()));
                return;
            }
            if (body == null) {
                refuse(answer, EcrProtocol.decodedRequestTooLarge());
                return;
            }
            if (isGzipped(body)) { // WireMock would inflate it again, without bound
                refuse(answer, EcrProtocol.undecodableBody("a gzip body inside a gzip body is not decoded"));
                return;
            }
            chain.doFilter(new ReadBody(http, body), response);
        }

        /** As WireMock reads it: a Content-Encoding naming gzip. */
        private static boolean saysGzip(HttpServletRequest request) {
            String encoding = request.getHeader("Content-Encoding");
            return encoding != null && encoding.contains("gzip");
        }

        private static boolean isGzipped(byte[] body) {
            return body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
        }

        /** Whether a body read failed because the connection sent nothing for the idle timeout. */
        private static boolean timedOut(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof TimeoutException) {
                    return true;
                }
            }
            return false;
        }

        /** A body of a declared length (within the limit); a body cut short fails as Jetty reports it. */
        private static byte[] readExactly(InputStream in, int length) throws IOException {
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new EofException("the body ended after " + body.length + " of its " + length + " bytes");
            }
            return body;
        }

        private static void refuse(HttpServletResponse response, WireResponse answer) throws IOException {
            response.setStatus(answer.status());
            response.setContentType(answer.contentType());
            response.setHeader(WireResponse.REQUEST_ID_HEADER, answer.requestId());
            // The unread body stays on the connection: close it rather than drain what may be gigabytes.
            response.setHeader("Connection", "close");
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
            response.flushBuffer(); // the client may still be sending: let it see the answer now
        }
    }

    /**
     * A request whose body has already been read (within the limit), and decoded if it was gzip, replayed from
     * memory, without its Content-Encoding: the body is handed on as it now is, and WireMock must not try to
     * decode it again.
     */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(this::hidden);
            return Collections.enumeration(names);
        }

        private boolean hidden(String name) {
            return "Content-Encoding".equalsIgnoreCase(name);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public byte[] readAllBytes() throws IOException {
                    // WireMock reads the body this way: hand over the array itself rather than a second copy.
                    return in.available() == body.length ? skipAll() : super.readAllBytes();
                }

                private byte[] skipAll() {
                    in.skip(body.length);
                    return body;
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the fake reads request bodies synchronously");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
