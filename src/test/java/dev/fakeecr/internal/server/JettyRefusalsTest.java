package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.FakeEcrServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests Jetty refuses before WireMock (or the protocol) sees them: each is answered in ECR's error form
 * (JSON body with {@code __type} and {@code message}, {@code x-amzn-RequestId}), never with Jetty's HTML
 * page, and the server stays healthy afterwards. Sent as raw bytes, since no HTTP client sends these.
 */
class JettyRefusalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeEcrServer server;

    @BeforeAll
    static void start() {
        server = FakeEcrServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> refusals() {
        String host = "Host: localhost\r\n";
        return Stream.of(
                Arguments.of("NUL in the path", "GET /%00 HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("path escaping the root", "GET /../ HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("garbage request line", "THIS IS NOT HTTP AT ALL\r\n\r\n", 400),
                Arguments.of("100 KB URL", "GET /" + "a".repeat(100 * 1024) + " HTTP/1.1\r\n" + host + "\r\n", 414),
                Arguments.of("64 KB header", "GET / HTTP/1.1\r\n" + host + "X-Big: " + "b".repeat(64 * 1024)
                        + "\r\n\r\n", 431),
                // Also dispatched: the body-limit filter reads a chunked body, and Jetty reports the bad chunk as
                // an early end of it (a 500 by Jetty's rules, a 400 here).
                Arguments.of("bad chunk size", "POST / HTTP/1.1\r\n" + host
                        + "Content-Type: application/x-amz-json-1.1\r\n"
                        + "X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.DescribeRepositories\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400),
                Arguments.of("control character in a header", "POST / HTTP/1.1\r\n" + host
                        + "Content-Type: application/x-amz-json-1.1\u0001\r\nContent-Length: 2\r\n\r\n{}", 400),
                Arguments.of("no Host header", "GET / HTTP/1.1\r\n\r\n", 400),
                Arguments.of("two Content-Lengths", "POST / HTTP/1.1\r\n" + host
                        + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400),
                Arguments.of("Content-Length and chunked", "POST / HTTP/1.1\r\n" + host
                        + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400),
                Arguments.of("unknown transfer coding", "POST / HTTP/1.1\r\n" + host
                        + "Transfer-Encoding: gzip\r\n\r\n", 400),
                Arguments.of("unknown expectation", "POST / HTTP/1.1\r\n" + host
                        + "Expect: something-else\r\nContent-Length: 2\r\n\r\n{}", 417),
                Arguments.of("HTTP/2 preface without h2c", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 426),
                Arguments.of("unknown HTTP version", "GET / HTTP/1.2\r\n" + host + "\r\n", 505),
                // Headers complete, so the request is dispatched and fails inside WireMock's body read: the
                // error goes through the context's error handler, not the parser's bad-message path. Jetty
                // would answer 500; the client cut the body short, so the fake answers 400.
                Arguments.of("body shorter than its Content-Length", "POST / HTTP/1.1\r\n" + host
                        + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 100\r\n\r\n{}", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void jettysRefusalIsAnEcrJsonError(String name, String request, int status) throws Exception {
        RawPost.Answer answer = exchange(request);
        String shown = answer.head() + "\n" + answer.body();

        assertThat(answer.status()).as(shown).isEqualTo(status);
        assertThat(answer.headers().get("content-type")).as(shown).isEqualTo("application/x-amz-json-1.1");
        assertThat(answer.headers().get("connection")).as(shown).isEqualTo("close");
        assertThat(answer.headers().get("x-amzn-requestid")).as(shown)
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(shown.toLowerCase(Locale.ROOT)).doesNotContain("<html").doesNotContain("<h1").doesNotContain("\tat ");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("__type").asText()).as(shown).isNotBlank();
        assertThat(body.path("message").asText()).as(shown).isNotBlank();
        assertThat(body.size()).as(shown).isEqualTo(2);
    }

    @AfterEach
    void serverIsStillHealthy() throws Exception {
        RawPost.Answer health = exchange("GET /fake-ecr/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(health.status()).as(health.head()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("ok");
    }

    /** Sends the bytes (ISO-8859-1, so control characters go out as they are) and reads one answer. */
    private static RawPost.Answer exchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(10_000);
            // Written by another thread: the server may answer (and stop reading) before it has all the bytes.
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    socket.shutdownOutput(); // a request cut short ends here, and the answer can still come
                } catch (IOException expected) {
                    // refused and closed before everything was sent
                }
            }, "refusal-writer");
            writer.setDaemon(true);
            writer.start();
            return RawPost.read(socket.getInputStream());
        }
    }
}
