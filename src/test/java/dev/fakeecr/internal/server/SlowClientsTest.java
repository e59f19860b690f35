package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slow or stalled clients cannot hold the server: their bodies time out with a JSON 408, and while they
 * last other clients are served. Bounded in time, as the fuzz tests are.
 */
@Timeout(60)
class SlowClientsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStalledBodyIsAnsweredWithAJson408WhenItsTimeIsUp() throws Exception {
        try (EcrServer server = EcrServer.start(new ServerOptions().readTimeout(Duration.ofMillis(500)));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(stalledRequest(server.endpoint()).getBytes(StandardCharsets.US_ASCII));
            out.flush(); // and then nothing more

            RawPost.Answer answer = RawPost.read(socket.getInputStream());

            assertThat(answer.status()).as(answer.head() + answer.body()).isEqualTo(408);
            assertThat(answer.headers().get("content-type")).isEqualTo("application/x-amz-json-1.1");
            assertThat(answer.headers().get("x-amzn-requestid")).isNotBlank();
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.path("__type").asText()).isEqualTo("RequestTimeoutException");
            assertThat(body.path("message").asText()).contains("stalled");
        }
    }

    @Test
    void stalledConnectionsLeaveOtherClientsServed() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try (EcrServer server = EcrServer.start(new ServerOptions())) {
            try {
                for (int i = 0; i < 40; i++) {
                    Socket socket = new Socket("127.0.0.1", server.port());
                    stalled.add(socket);
                    socket.getOutputStream().write(stalledRequest(server.endpoint()).getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> probe = http.send(HttpRequest.newBuilder(
                                URI.create(server.endpoint() + "/fake-ecr/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(probe.statusCode()).isEqualTo(200);
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    /** An ECR call that declares a 1,000-byte body and sends 10 bytes of it. */
    private static String stalledRequest(URI endpoint) {
        return "POST / HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort() + "\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\n"
                + "X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.DescribeRepositories\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=123456789012/20261130/us-east-1/ecr/aws4_request,"
                + " SignedHeaders=host, Signature=00\r\n"
                + "Content-Length: 1000\r\n\r\n{\"maxResul";
    }
}
