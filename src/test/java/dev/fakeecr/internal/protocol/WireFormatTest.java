package dev.fakeecr.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import dev.fakeecr.ServerPerClass;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.model.EcrException;

/**
 * The awsJson1_1 wire format as raw HTTP shows it (reference §2): what every SDK relies on, checked below
 * the Java SDK so that a lenient client cannot hide a difference.
 */
class WireFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=%s/20261126/%s/ecr/aws4_request,"
            + " SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0123abcd";
    @RegisterExtension
    static final ServerPerClass server =
            ServerPerClass.start(FakeEcrServer.builder().defaultAccountId("999988887777"));
    private static final HttpClient http = HttpClient.newHttpClient();

    private static HttpResponse<String> post(String target, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> call(String operation, String accessKey, String region, String body)
            throws IOException, InterruptedException {
        return post("AmazonEC2ContainerRegistry_V20150921." + operation, String.format(SIGNED, accessKey, region), body);
    }

    private static void assertAwsJsonResponse(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).get().asString()
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        // As AWS answers: a declared length, not chunks.
        assertThat(response.headers().firstValue("Content-Length")).as("Content-Length")
                .hasValue(String.valueOf(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
        // A differing x-amzn-ErrorType would make the Java SDK disagree with botocore and JS (reference §2.3).
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).isEmpty();
    }

    private static JsonNode body(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void putImageEchoesTheManifestItWasSentWhicheverWayTheClientEscapedIt() throws Exception {
        server.account("111122224444", "eu-west-1", dev.fakeecr.registry.RegistryConfig.DEFAULTS.withLayerChecks(false))
                .createRepository("echo");
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":2,"
                + "\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"},"
                + "\"layers\":[],\"annotations\":{\"é\":\"a/b \\\"quoted\\\" line\\nnext\"}}";
        // Spelled as a client may: the slash escaped, é as an escape, a letter as an escape.
        String spelled = JSON.writeValueAsString(manifest).replace("/", "\\/").replace("é", "\\u00e9")
                .replace("schemaVersion", "\\u0073chemaVersion");
        String asciiOnly = "{\"repositoryName\":\"echo\",\"imageTag\":\"a\",\"imageManifest\":" + spelled + "}";
        String utf8 = "{\"repositoryName\":\"echo\",\"imageTag\":\"b\",\"imageManifest\":"
                + JSON.writeValueAsString(manifest).replace("\"schemaVersion", "\"s\u00e7hemaVersion") + "}";

        HttpResponse<String> echoed = call("PutImage", "111122224444", "eu-west-1", asciiOnly);
        HttpResponse<String> rewritten = call("PutImage", "111122224444", "eu-west-1", utf8);
        HttpResponse<String> retagged = call("PutImage", "111122224444", "eu-west-1",
                asciiOnly.replace("\"imageTag\":\"a\"", "\"imageTag\":\"c\""));

        assertAwsJsonResponse(echoed, 200);
        assertThat(body(echoed).at("/image/imageManifest").asText()).isEqualTo(manifest);
        assertThat(echoed.body()).as("the literal as sent").contains("\"imageManifest\":" + spelled + ",");
        assertAwsJsonResponse(rewritten, 200);
        assertThat(body(rewritten).at("/image/imageManifest").asText()).isEqualTo(manifest.replace("schemaVersion", "sçhemaVersion"));
        assertAwsJsonResponse(retagged, 200); // the image kept the first push's manifest: it is written, not echoed
        assertThat(body(retagged).at("/image/imageManifest").asText()).isEqualTo(manifest);
        assertThat(retagged.body()).doesNotContain("\\u0073chemaVersion");
    }

    @Test
    void successIsJsonWithEpochSecondTimestampsAndARequestId() throws Exception {
        HttpResponse<String> response = call("CreateRepository", "111122223333", "eu-west-1",
                "{\"repositoryName\": \"app\"}"); // botocore's spacing

        assertAwsJsonResponse(response, 200);
        JsonNode repository = body(response).get("repository");
        assertThat(repository.get("createdAt").isNumber()).as("createdAt is a JSON number").isTrue();
        assertThat(repository.get("createdAt").asDouble()).isGreaterThan(1.7e9);
        assertThat(repository.get("repositoryArn").asText())
                .isEqualTo("arn:aws:ecr:eu-west-1:111122223333:repository/app");
    }

    @Test
    void errorsAreTypedJsonWithABareTypeAndLowercaseMessage() throws Exception {
        HttpResponse<String> response = call("PutImage", "111122223334", "us-east-1",
                "{\"repositoryName\":\"gone\",\"imageManifest\":\"{}\"}");

        assertAwsJsonResponse(response, 400);
        assertThat(body(response)).isEqualTo(JSON.readTree("{\"__type\":\"RepositoryNotFoundException\","
                + "\"message\":\"The repository with name 'gone' does not exist in the registry with id '111122223334'\"}"));
    }

    @Test
    void theAccessKeyIdIsTheAccountWhenItIsTwelveDigitsAndTheDefaultAccountOtherwise() throws Exception {
        JsonNode own = body(call("CreateRepository", "444455556666", "us-east-1", "{\"repositoryName\":\"a1\"}"));
        JsonNode other = body(call("CreateRepository", "AKIAIOSFODNN7EXAMPLE", "us-east-1", "{\"repositoryName\":\"a1\"}"));

        assertThat(own.at("/repository/registryId").asText()).isEqualTo("444455556666");
        assertThat(other.at("/repository/registryId").asText()).isEqualTo("999988887777");
    }

    @Test
    void stateIsKeptPerRegion() throws Exception {
        call("CreateRepository", "555555555555", "us-west-2", "{\"repositoryName\":\"app\"}");

        JsonNode east = body(call("DescribeRepositories", "555555555555", "us-east-1", "{}"));
        JsonNode west = body(call("DescribeRepositories", "555555555555", "us-west-2", "{}"));

        assertThat(east.get("repositories")).isEmpty();
        assertThat(west.get("repositories")).hasSize(1);
    }

    @Test
    void chinaRegionsUseTheirPartition() throws Exception {
        JsonNode created = body(call("CreateRepository", "666666666666", "cn-north-1", "{\"repositoryName\":\"app\"}"));

        assertThat(created.at("/repository/repositoryArn").asText())
                .isEqualTo("arn:aws-cn:ecr:cn-north-1:666666666666:repository/app");
        assertThat(created.at("/repository/repositoryUri").asText())
                .isEqualTo("666666666666.dkr.ecr.cn-north-1.amazonaws.com.cn/app");
    }

    @Test
    void anUnknownTargetIsAnUnknownOperation() throws Exception {
        HttpResponse<String> response = post("AmazonEC2ContainerRegistry_V20150921.Frobnicate",
                String.format(SIGNED, "111122223333", "us-east-1"), "{}");

        assertAwsJsonResponse(response, 400);
        assertThat(body(response).get("__type").asText()).isEqualTo("com.amazon.coral.service#UnknownOperationException");
    }

    @Test
    void aMissingTargetIsAnUnknownOperation() throws Exception {
        HttpResponse<String> response = post(null, String.format(SIGNED, "111122223333", "us-east-1"), "{}");

        assertAwsJsonResponse(response, 400);
        assertThat(body(response).get("__type").asText()).isEqualTo("com.amazon.coral.service#UnknownOperationException");
    }

    @Test
    void anEcrOperationTheFakeLacksSaysSoByName() throws Exception {
        // A replication backfill operation: in the Java SDK, not in the model, not implemented by the fake.
        HttpResponse<String> response = call("StopReplicationBackfill", "111122223333", "us-east-1", "{}");

        assertAwsJsonResponse(response, 400);
        assertThat(body(response).get("__type").asText()).isEqualTo("com.amazon.coral.service#UnknownOperationException");
        assertThat(body(response).get("Message").asText()).startsWith("fake-ecr does not implement the ECR operation StopReplicationBackfill");
    }

    @Test
    void unparsableJsonIsASerializationException() throws Exception {
        HttpResponse<String> response = call("CreateRepository", "111122223333", "us-east-1", "{\"repositoryName\":");

        assertAwsJsonResponse(response, 400);
        assertThat(body(response).get("__type").asText()).isEqualTo("com.amazon.coral.service#SerializationException");
    }

    @Test
    void aMemberOfTheWrongTypeIsASerializationException() throws Exception {
        HttpResponse<String> number = call("CreateRepository", "111122223333", "us-east-1", "{\"repositoryName\":5}");
        HttpResponse<String> object = call("PutImage", "111122223333", "us-east-1",
                "{\"repositoryName\":\"app\",\"imageManifest\":{\"schemaVersion\":2}}");
        HttpResponse<String> notAList = call("BatchGetImage", "111122223333", "us-east-1",
                "{\"repositoryName\":\"app\",\"imageIds\":\"v1\"}");

        assertThat(body(number)).isEqualTo(JSON.readTree("{\"__type\":\"com.amazon.coral.service#SerializationException\","
                + "\"Message\":\"NUMBER_VALUE can not be converted to a String\"}"));
        assertThat(body(object).get("Message").asText()).isEqualTo("Start of structure or map found where not expected.");
        assertThat(body(notAList).get("__type").asText()).isEqualTo("com.amazon.coral.service#SerializationException");
        assertThat(body(call("DescribeRepositories", "111122223333", "us-east-1", "{}")).get("repositories"))
                .as("nothing was created").isEmpty();
    }

    @Test
    void aBodyThatIsNotAnObjectIsASerializationException() throws Exception {
        HttpResponse<String> response = call("DescribeRepositories", "111122223333", "us-east-1", "[]");

        assertAwsJsonResponse(response, 400);
        assertThat(body(response).get("__type").asText()).isEqualTo("com.amazon.coral.service#SerializationException");
    }

    @Test
    void anUnsignedRequestIsRefusedAsAwsDoes() throws Exception {
        HttpResponse<String> response = post("AmazonEC2ContainerRegistry_V20150921.DescribeRepositories", null, "{}");

        assertAwsJsonResponse(response, 400);
        assertThat(body(response)).isEqualTo(JSON.readTree(
                "{\"__type\":\"MissingAuthenticationTokenException\",\"message\":\"Missing Authentication Token\"}"));
    }

    @Test
    void theJavaSdkSeesAnUnimplementedOperationAsAnErrorCodeWithoutRetrying() {
        try (FakeEcr ecr = server.account("777777777777", "us-east-1")) {
            EcrException thrown = catchThrowableOfType(EcrException.class,
                    () -> ecr.client().stopReplicationBackfill(r -> { }));

            assertThat(thrown.statusCode()).isEqualTo(400);
            assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
            assertThat(thrown.awsErrorDetails().errorMessage()).contains("StopReplicationBackfill");
            assertThat(thrown.numAttempts()).isEqualTo(1);
        }
    }

    @Test
    void nonPostRequestsGetAJsonErrorNotAPage() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/anything"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("a path the fake does not have").isEqualTo(404);
        assertThat(body(response).path("__type").asText()).isEqualTo("NotFoundException");
    }
}
