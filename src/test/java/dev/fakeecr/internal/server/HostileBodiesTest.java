package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.FakeEcr;
import dev.fakeecr.ServerPerClass;
import dev.fakeecr.journal.Call;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request bodies cost bounded memory: bounded on their decoded size, on their JSON's shape, and in the
 * journal's copy of them.
 */
class HostileBodiesTest {
    private static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ServerPerClass server = ServerPerClass.start();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aGzipBodyThatInflatesPastTheLimitIsRefusedBeforeParsing() throws Exception {
        // ~40 MiB of JSON once inflated, ~40 KiB on the wire.
        byte[] bomb = gzip(out -> {
            out.write("{\"repositoryName\":\"app\",\"imageManifest\":\"".getBytes(StandardCharsets.US_ASCII));
            byte[] x = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 640; i++) {
                out.write(x);
            }
            out.write("\"}".getBytes(StandardCharsets.US_ASCII));
        });
        try (FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            HttpResponse<String> answer = send("PutImage", bomb, true);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            assertThat(JSON.readTree(answer.body()).path("__type").asText()).isEqualTo("RequestEntityTooLargeException");
            assertThat(answer.headers().firstValue("x-amzn-RequestId")).isPresent();
            assertThat(fake.calls()).as("refused before the protocol saw it").isEmpty();
        }
    }

    @Test
    void aSmallGzipBodyIsDecodedOnce() throws Exception {
        byte[] body = gzip(out -> out.write("{\"repositoryName\":\"zipped\"}".getBytes(StandardCharsets.US_ASCII)));
        try (FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            HttpResponse<String> answer = send("CreateRepository", body, true);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(fake.repository("zipped")).isPresent();
        }
    }

    @Test
    void aGzipBodyInsideAGzipBodyIsNotInflatedTwice() throws Exception {
        byte[] inner = gzip(out -> out.write("{\"repositoryName\":\"twice\"}".getBytes(StandardCharsets.US_ASCII)));
        byte[] outer = gzip(out -> out.write(inner));
        try (FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            HttpResponse<String> answer = send("CreateRepository", outer, true);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("SerializationException");
            assertThat(fake.repository("twice")).isEmpty();
        }
    }

    @Test
    void aPlainBodyUnderAGzipHeaderIsAJson400() throws Exception {
        try (FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            HttpResponse<String> answer = send("CreateRepository",
                    "{\"repositoryName\":\"plain\"}".getBytes(StandardCharsets.US_ASCII), true);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("SerializationException");
            assertThat(fake.repository("plain")).isEmpty();
        }
    }

    @Test
    void aBodyOfTooManyMembersIsRefusedAsUnreadable() throws Exception {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < 120_000; i++) {
            body.append("\"m").append(i).append("\":0,");
        }
        body.append("\"maxResults\":5}");
        try (FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            HttpResponse<String> answer = send("DescribeRepositories",
                    body.toString().getBytes(StandardCharsets.US_ASCII), false);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).path("__type").asText()).endsWith("SerializationException");
        }
    }

    @Test
    void aNumberNoBigDecimalCanHoldIsRefusedAsUnreadableNotAServerError() throws Exception {
        // Its exponent overflows BigDecimal: Jackson throws NumberFormatException, which once became a 500.
        String body = "{\"repositoryName\":\"app\",\"maxResults\":1e9999999999}";
        try (FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            HttpResponse<String> answer = send("DescribeImages", body.getBytes(StandardCharsets.US_ASCII), false);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).path("__type").asText()).endsWith("SerializationException");
            assertThat(fake.calls()).singleElement().satisfies(call -> assertThat(call.status()).isEqualTo(400));
        }
    }

    @Test
    void aBodyNestedTooDeepIsRefusedAsUnreadable() throws Exception {
        String body = "{\"filter\":" + "[".repeat(500) + "]".repeat(500) + "}";
        try (FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            HttpResponse<String> answer = send("DescribeRepositories", body.getBytes(StandardCharsets.US_ASCII), false);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).path("Message").asText()).contains("32 levels of nesting");
        }
    }

    @Test
    void theJournalKeepsABoundedCopyThatSaysWhatItCut() throws Exception {
        // 5 MB of members ECR does not know, in an otherwise refused call.
        StringBuilder body = new StringBuilder("{\"repositoryName\":\"nowhere\",\"junk\":[");
        String element = "\"" + "y".repeat(100) + "\"";
        for (int i = 0; i < 50_000; i++) {
            body.append(i == 0 ? "" : ",").append(element);
        }
        body.append("]}");
        try (FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            HttpResponse<String> answer = send("ListImages", body.toString().getBytes(StandardCharsets.US_ASCII), false);
            assertThat(answer.statusCode()).isEqualTo(400); // RepositoryNotFoundException

            Call call = fake.calls().get(0);
            assertThat(call.request().repositoryName()).isEqualTo("nowhere");
            List<?> junk = (List<?>) call.request().member("junk");
            assertThat(junk).hasSizeLessThan(1_000);
            assertThat((String) junk.get(junk.size() - 1)).matches("…\\(\\d+ more elements cut\\)");
            assertThat(JSON.writeValueAsString(call.request().members())).hasSizeLessThan(80 * 1024);
        }
    }

    private interface Body {
        void write(GZIPOutputStream out) throws Exception;
    }

    private static byte[] gzip(Body body) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            body.write(out);
        }
        return bytes.toByteArray();
    }

    private HttpResponse<String> send(String operation, byte[] body, boolean gzip) throws Exception {
        URI endpoint = server.endpoint();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921." + operation)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCOUNT
                        + "/20261130/us-east-1/ecr/aws4_request, SignedHeaders=host, Signature=00");
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
