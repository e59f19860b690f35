package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.FakeEcr;
import dev.fakeecr.ServerPerClass;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Only the fake's own paths answer: ECR's protocol is {@code POST /}; any other method there is a 405 and any
 * path that is not the fake's ({@code /}, {@code /v2/}, {@code /fake-ecr/}) a 404, both in the protocol's JSON error form with a request id, and neither runs an operation.
 */
class RouterTest {
    private static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ServerPerClass server = ServerPerClass.start();

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @CsvSource({
            "PUT, /other/path, 404, NotFoundException",
            "POST, /other/path, 404, NotFoundException",
            "POST, //, 404, NotFoundException",
            "PUT, /, 405, MethodNotAllowedException",
            "GET, /, 405, MethodNotAllowedException",
            "DELETE, /, 405, MethodNotAllowedException"})
    void anythingButPostSlashIsRefusedAndRunsNoOperation(String method, String path, int status, String type)
            throws Exception {
        try (FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            HttpResponse<String> answer = send(method, path);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
            assertThat(answer.headers().firstValue("x-amzn-RequestId")).isPresent();
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.path("__type").asText()).isEqualTo(type);
            assertThat(body.path("message").asText()).contains(method);
            assertThat(fake.client().describeRepositories().repositories()).as("no repository was created").isEmpty();
        }
    }

    @Test
    void postSlashRunsTheOperation() throws Exception {
        try (FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            HttpResponse<String> answer = send("POST", "/");

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(fake.client().describeRepositories().repositories()).singleElement()
                    .satisfies(r -> assertThat(r.repositoryName()).isEqualTo("routed"));
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        URI endpoint = server.endpoint();
        return http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint.getHost() + ":" + endpoint.getPort() + path))
                .method(method, HttpRequest.BodyPublishers.ofString("{\"repositoryName\":\"routed\"}"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.CreateRepository")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCOUNT
                        + "/20261130/us-east-1/ecr/aws4_request, SignedHeaders=host, Signature=00")
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
