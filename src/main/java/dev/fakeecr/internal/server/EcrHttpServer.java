package dev.fakeecr.internal.server;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.requestfilter.AdminRequestFilterV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.client.HttpClientFactory;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import dev.fakeecr.faults.Outcome;
import dev.fakeecr.internal.distribution.RegistryEndpoint;
import dev.fakeecr.internal.protocol.EcrProtocol;
import dev.fakeecr.internal.protocol.WireRequest;
import dev.fakeecr.internal.protocol.WireResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The HTTP engine: an embedded WireMock server whose one request filter hands every request to the
 * router. WireMock types stay inside this class.
 */
public final class EcrHttpServer implements AutoCloseable {
    private static final String EXTENSION_NAME = "fake-ecr";

    private final WireMockServer wireMock;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EcrHttpServer(WireMockServer wireMock, String host) {
        this.wireMock = wireMock;
        // Read once: the port stays known (for messages and tests) after the server stops.
        this.endpoint = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + wireMock.port());
    }

    /**
     * Request threads. A client that sends its body slowly holds one while it lasts (WireMock reads bodies
     * blocking), so there are enough that slow clients leave others served; Jetty starts them only as needed.
     */
    static final int THREADS = 200;

    /**
     * Starts serving on {@code host:port} (port 0 picks a free one) and returns once it accepts requests.
     * A connection that sends nothing for {@code readTimeout} is given up (a stalled body gets a JSON 408).
     */
    static EcrHttpServer start(String host, int port, Duration readTimeout, Function<WireRequest, WireResponse> router,
                               RegistryEndpoint registryEndpoint) {
        WireMockConfiguration options = routedTo(router)
                .bindAddress(host)
                .port(port)
                .containerThreads(THREADS)
                .jettyIdleTimeout(readTimeout.toMillis())
                .httpServerFactory(BodyLimitedJetty.factory(registryEndpoint)) // /v2/ streams; other bodies bounded
                // AWS sends Content-Length, and one write per response is cheaper than chunks.
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
                .asynchronousResponseEnabled(false)
                .http2PlainDisabled(true) // AWS clients speak HTTP/1.1; h2c upgrade checks are wasted work
                .http2TlsDisabled(true);
        WireMockServer server = new WireMockServer(options);
        server.start();
        return new EcrHttpServer(server, host);
    }

    /**
     * WireMock reduced to the one request filter that hands every request to the router, with its own admin
     * API closed.
     */
    private static WireMockConfiguration routedTo(Function<WireRequest, WireResponse> router) {
        Objects.requireNonNull(router, "router");
        return WireMockConfiguration.options()
                .extensions(new RoutingFilter(router), new ClosedAdminApi())
                .mappingSource(NO_FILES) // never load stubs from a "mappings" folder of the user's project
                .notifier(QUIET)
                .disableRequestJournal() // the fake keeps its own, bounded, per-account record
                .stubRequestLoggingDisabled(true)
                .gzipDisabled(true) // AWS answers these APIs uncompressed
                .templatingEnabled(false) // no Handlebars: the fake renders nothing from templates
                // The fake never proxies: without this WireMock builds its proxy client (Apache HttpClient, TLS
                // set-up: ~200 classes) at every start.
                .httpClientFactory(NO_PROXYING)
                .extensionScanningEnabled(false);
    }

    private static final HttpClientFactory NO_PROXYING = (options, trustAll, trusted, useSystemProperties) ->
            request -> {
                throw new IOException("fake-ecr never proxies requests");
            };

    public int port() {
        return endpoint.getPort();
    }

    /** {@code http://<host>:<port>}, what SDK clients take as their endpoint override. */
    public URI endpoint() {
        return endpoint;
    }

    /** Stops the server. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            wireMock.stop();
        }
    }

    /**
     * Answers every request through the router. As a request filter it stops each request before
     * WireMock's stub matching, which the fake does not need.
     */
    private static final class RoutingFilter implements StubRequestFilterV2 {
        private final Function<WireRequest, WireResponse> router;

        RoutingFilter(Function<WireRequest, WireResponse> router) {
            this.router = router;
        }

        @Override
        public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
            return RequestFilterAction.stopWith(answer(request));
        }

        private ResponseDefinition answer(Request request) {
            WireResponse response = router.apply(new WireRequest(request.getMethod().getName(), request.getUrl(),
                    name -> headerValues(request, name), request.getBody()));
            return definition(response);
        }

        private static List<String> headerValues(Request request, String name) {
            HttpHeader header = request.header(name);
            return header.isPresent() ? header.values() : List.of();
        }

        @Override
        public String getName() {
            return EXTENSION_NAME;
        }
    }

    /**
     * WireMock's own admin API (/__admin: shutdown, global delays, stub and file writes) would let any local
     * process stop or slow the fake, or write files; the fake has its own API under /fake-ecr/. Every admin
     * request is refused before WireMock acts on it, as a path the fake does not have.
     */
    private static final class ClosedAdminApi implements AdminRequestFilterV2 {
        @Override
        public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
            String url = request.getUrl(); // relative to WireMock's /__admin context
            String path = url == null ? "" : url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            return RequestFilterAction.stopWith(definition(EcrProtocol.error("NotFoundException", 404,
                    "fake-ecr has no " + request.getMethod().getName() + " /__admin" + path)));
        }

        @Override
        public String getName() {
            return EXTENSION_NAME + "-closed-admin";
        }
    }

    /** The fake's answer as WireMock serves it. */
    private static ResponseDefinition definition(WireResponse response) {
        ResponseDefinitionBuilder answer = new ResponseDefinitionBuilder();
        if (response.connectionFault() != null) {
            answer.withFault(FAULTS.get(response.connectionFault()));
        } else {
            answer.withStatus(response.status())
                    .withHeader("Content-Type", response.contentType())
                    .withHeader(WireResponse.REQUEST_ID_HEADER, response.requestId())
                    .withBody(response.body());
        }
        if (!response.delay().isZero()) {
            answer.withFixedDelay(response.delayMillis());
        }
        return answer.build();
    }

    static final Map<Outcome.ConnectionFault.Kind, Fault> FAULTS = Map.of(
            Outcome.ConnectionFault.Kind.RESET, Fault.CONNECTION_RESET_BY_PEER,
            Outcome.ConnectionFault.Kind.EMPTY_RESPONSE, Fault.EMPTY_RESPONSE,
            Outcome.ConnectionFault.Kind.GARBAGE, Fault.RANDOM_DATA_THEN_CLOSE);

    private static final MappingsSource NO_FILES = new MappingsSource() {
        @Override
        public void loadMappingsInto(StubMappings stubMappings) {}

        @Override
        public void save(List<StubMapping> stubMappings) {}

        @Override
        public void save(StubMapping stubMapping) {}

        @Override
        @SuppressWarnings("removal") // still abstract in WireMock 3's MappingsSource, so it must be implemented
        public void remove(StubMapping stubMapping) {}

        @Override
        public void removeAll() {}
    };

    private static final Notifier QUIET = new Notifier() {
        @Override
        public void info(String message) {}

        @Override
        public void error(String message) {
            System.err.println("fake-ecr: " + message);
        }

        @Override
        public void error(String message, Throwable t) {
            System.err.println("fake-ecr: " + message + ": " + t);
        }
    };
}
