package dev.fakeecr.internal.server;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.direct.DirectCallHttpServer;
import com.github.tomakehurst.wiremock.direct.DirectCallHttpServerFactory;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.Response;
import dev.fakeecr.faults.Outcome;
import dev.fakeecr.internal.protocol.WireRequest;
import dev.fakeecr.internal.protocol.WireResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The in-memory engine: WireMock's direct-call server, which takes a request object and returns WireMock's
 * response without Jetty or a socket, configured like {@link EcrHttpServer} (the same request filter hands
 * every request to the same router). WireMock types stay inside this class.
 */
final class EcrDirectServer implements AutoCloseable {
    private final WireMockServer wireMock;
    private final DirectCallHttpServer direct;

    private EcrDirectServer(WireMockServer wireMock, DirectCallHttpServer direct) {
        this.wireMock = wireMock;
        this.direct = direct;
    }

    static EcrDirectServer start(Function<WireRequest, WireResponse> router) {
        DirectCallHttpServerFactory factory = new DirectCallHttpServerFactory();
        WireMockServer server = new WireMockServer(EcrHttpServer.routedTo(router).httpServerFactory(factory));
        server.start(); // binds nothing: the direct-call server only takes calls
        return new EcrDirectServer(server, factory.getHttpServer());
    }

    /**
     * Serves one request; WireMock waits out a fault rule's delay before returning.
     *
     * @param url the path and query
     * @param body the whole body, already within the body limit
     */
    DirectAnswer serve(String method, String host, String url, Map<String, List<String>> headers, byte[] body) {
        ImmutableRequest.Builder request = ImmutableRequest.create()
                .withMethod(RequestMethod.fromString(method))
                .withAbsoluteUrl("http://" + host + url)
                .withProtocol("HTTP/1.1")
                .withBody(body);
        headers.forEach(request::withHeader);
        Response response = direct.stubRequest(request.build());
        if (response.getFault() != null) {
            return DirectAnswer.fault(FAULT_KINDS.get(response.getFault()));
        }
        Map<String, List<String>> answerHeaders = new LinkedHashMap<>();
        for (HttpHeader header : response.getHeaders().all()) {
            answerHeaders.put(header.key(), header.values());
        }
        return new DirectAnswer(response.getStatus(), answerHeaders, response.getBody(), null);
    }

    @Override
    public void close() {
        wireMock.stop();
    }

    private static final Map<Fault, Outcome.ConnectionFault.Kind> FAULT_KINDS = new java.util.EnumMap<>(Fault.class);

    static {
        EcrHttpServer.FAULTS.forEach((kind, fault) -> FAULT_KINDS.put(fault, kind));
    }
}
