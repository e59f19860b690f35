package dev.fakeecr.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/** The floors the fake is measured against: a canned JDK HTTP server, and the SDK with no HTTP at all. */
final class Floors {
    static final String PUT_IMAGE_RESPONSE = "{\"image\":{\"registryId\":\"123456789012\",\"repositoryName\":\"app\","
            + "\"imageId\":{\"imageDigest\":\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\","
            + "\"imageTag\":\"v1\"},\"imageManifest\":\"{}\",\"imageManifestMediaType\":"
            + "\"application/vnd.docker.distribution.manifest.v2+json\"}}";
    static final String BATCH_GET_IMAGE_RESPONSE = "{\"images\":[" + PUT_IMAGE_RESPONSE.substring(9, PUT_IMAGE_RESPONSE.length() - 1)
            + "],\"failures\":[]}";

    private Floors() {}

    static byte[] cannedAnswer(String target) {
        String body = target != null && target.endsWith("BatchGetImage") ? BATCH_GET_IMAGE_RESPONSE
                : target != null && target.endsWith("CreateRepository") ? "{\"repository\":{\"repositoryName\":\"app\"}}"
                : PUT_IMAGE_RESPONSE;
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** WireMock answering every request with the canned PutImage response from one static stub: WireMock's floor. */
    static com.github.tomakehurst.wiremock.WireMockServer staticWireMockStub() {
        com.github.tomakehurst.wiremock.WireMockServer server = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().bindAddress("127.0.0.1").port(0)
                        .disableRequestJournal().stubRequestLoggingDisabled(true).gzipDisabled(true)
                        .http2PlainDisabled(true).http2TlsDisabled(true));
        server.start();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withHeader("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
                        .withBody(PUT_IMAGE_RESPONSE)));
        return server;
    }

    /** A JDK HttpServer that answers every request with a fixed valid response and no logic. */
    static final class CannedServer implements AutoCloseable {
        final HttpServer server;
        private final ExecutorService threads;

        CannedServer(int threads) throws IOException {
            // Read once when the HttpServer classes initialise: without it every call pays ~45 ms of Nagle delay.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            this.threads = Executors.newFixedThreadPool(threads);
            server.setExecutor(this.threads);
            server.createContext("/", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    body.readAllBytes();
                }
                byte[] answer = cannedAnswer(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.getResponseHeaders().add("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    /**
     * A PutImage answer of the size the fake gives for the benchmark's manifests (the manifest echoed, escaped),
     * where {@link #PUT_IMAGE_RESPONSE} echoes {@code {}}: what the SDK's own work on a real answer costs.
     */
    static byte[] realSizeAnswer(String manifest) {
        String escaped = manifest.replace("\\", "\\\\").replace("\"", "\\\"");
        return PUT_IMAGE_RESPONSE.replace("\"imageManifest\":\"{}\"", "\"imageManifest\":\"" + escaped + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An SDK HTTP client that answers in memory: what the SDK alone costs per call. */
    static final class InMemoryHttpClient implements SdkHttpClient {
        private final java.util.function.Function<String, byte[]> answers;

        /** Answering {@link #cannedAnswer}. */
        InMemoryHttpClient() {
            this(Floors::cannedAnswer);
        }

        /** Answering by {@code X-Amz-Target} with {@code answers}. */
        InMemoryHttpClient(java.util.function.Function<String, byte[]> answers) {
            this.answers = answers;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    Optional<software.amazon.awssdk.http.ContentStreamProvider> body = request.contentStreamProvider();
                    if (body.isPresent()) {
                        try (InputStream in = body.get().newStream()) {
                            in.readAllBytes();
                        }
                    }
                    byte[] answer = answers.apply(request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(null));
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                                    .putHeader("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
                                    .putHeader("Content-Length", String.valueOf(answer.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    }
}
