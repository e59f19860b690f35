package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.FakeEcr;
import dev.fakeecr.Manifests;
import dev.fakeecr.ServerPerClass;
import dev.fakeecr.internal.protocol.EcrProtocol;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.model.EcrException;

/**
 * Bodies over {@link EcrProtocol#MAX_REQUEST_BYTES} are refused with a JSON 413 before they are read; bodies
 * within it, declared or chunked, reach the protocol. The bounded-heap half is {@code OversizedBodyIT}.
 */
class BodyLimitTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LIMIT = EcrProtocol.MAX_REQUEST_BYTES;
    @RegisterExtension
    static final ServerPerClass server = ServerPerClass.start();
    private static FakeEcr fake;

    @BeforeAll
    static void seed() {
        fake = server.account("123456789012", "us-east-1");
        fake.createRepository("app");
        fake.putImage("app", "v1", Manifests.dockerV2("one"));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() throws Exception {
        // Declares 100 MiB but sends only 1 MiB: the answer cannot have waited for the rest.
        RawPost.Answer answer = RawPost.send(server.endpoint(), 100L * 1024 * 1024, 1024 * 1024, false);

        assertTooLarge(answer, "Request body of 104857600 bytes exceeds the maximum of " + LIMIT + " bytes.");
        assertNothingChanged();
    }

    @Test
    void oneByteOverTheLimitIsRefusedAndTheLimitItselfIsRead() throws Exception {
        // Some body bytes go out: Jetty dispatches a request once its body starts arriving.
        assertTooLarge(RawPost.send(server.endpoint(), LIMIT + 1, 1024, false),
                "Request body of " + (LIMIT + 1) + " bytes exceeds the maximum of " + LIMIT + " bytes.");

        RawPost.Answer atLimit = RawPost.send(server.endpoint(), LIMIT, LIMIT, false);
        assertThat(atLimit.status()).as("%s %s", atLimit.headers(), atLimit.body()).isEqualTo(400);
        // Read and answered by the protocol: this unsigned request is refused for its missing signature.
        assertThat(JSON.readTree(atLimit.body()).get("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
        assertNothingChanged();
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
        RawPost.Answer answer = RawPost.send(server.endpoint(), -1, LIMIT + 1024 * 1024, true);

        assertTooLarge(answer, "Request body of more than " + LIMIT + " bytes exceeds the maximum of " + LIMIT + " bytes.");
        assertNothingChanged();
    }

    @Test
    void aChunkedBodyWithinTheLimitIsAnsweredAsIfItsLengthHadBeenDeclared() throws Exception {
        byte[] body = "{\"repositoryName\":\"chunked\"}".getBytes(StandardCharsets.UTF_8);
        // An input-stream publisher has no length, so the JDK client sends it chunked.
        HttpRequest request = HttpRequest.newBuilder(server.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", EcrProtocol.TARGET_PREFIX + "CreateRepository")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=123456789012/20261127/us-east-1/ecr/aws4_request, "
                        + "SignedHeaders=host, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/repository/repositoryName").asText()).isEqualTo("chunked");
        fake.client().deleteRepository(b -> b.repositoryName("chunked"));
    }

    @Test
    void theSdkReportsAnOversizedRequestAsAServiceError() {
        String manifest = "{\"schemaVersion\":2,\"pad\":\"" + "x".repeat((int) LIMIT) + "\"}";

        EcrException error = catchThrowableOfType(EcrException.class, () -> fake.client().putImage(b -> b
                .repositoryName("app").imageTag("huge").imageManifest(manifest)));

        assertThat(error.statusCode()).isEqualTo(413);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLargeException");
        assertThat(error.requestId()).isNotBlank();
        assertNothingChanged();
    }

    private static void assertTooLarge(RawPost.Answer answer, String message) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers()).containsEntry("content-type", "application/x-amz-json-1.1")
                .containsKey("x-amzn-requestid");
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.get("__type").asText()).isEqualTo("RequestEntityTooLargeException");
        assertThat(error.get("message").asText()).isEqualTo(message);
    }

    /** The server still answers, and holds exactly the one image it started with. */
    private static void assertNothingChanged() {
        assertThat(fake.client().describeImages(b -> b.repositoryName("app")).imageDetails())
                .singleElement().satisfies(image -> assertThat(image.imageTags()).containsExactly("v1"));
    }
}
