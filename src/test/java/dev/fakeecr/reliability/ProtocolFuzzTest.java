package dev.fakeecr.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import dev.fakeecr.Manifests;
import dev.fakeecr.internal.protocol.EcrProtocol;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.RepositoryInfo;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed requests over HTTP: every answer is an AWS JSON error (never a 5xx, never a
 * page, never a hang), the server keeps answering, and the registry is exactly as it was.
 */
class ProtocolFuzzTest {
    private static final int REQUESTS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] MEMBERS = {"repositoryName", "registryId", "imageTag", "imageManifest", "imageDigest",
        "imageIds", "maxResults", "nextToken", "force", "tags", "resourceArn", "layerDigests", "uploadId",
        "partFirstByte", "partLastByte", "layerPartBlob", "filter", "imageTagMutability", "repositoryNames",
        "imageManifestMediaType", "acceptedMediaTypes", "registryIds", "tagKeys", "layerDigest",
        "imageTagMutabilityExclusionFilters", "encryptionConfiguration", "unknownMember"};

    private final Random random = new Random(20261126);

    @Test
    void malformedRequestsGetJsonErrorsAndChangeNothing() throws Exception {
        try (FakeEcrServer server = FakeEcrServer.start(); FakeEcr fake = server.account("123456789012", "us-east-1")) {
            fake.createRepository("app");
            fake.putImage("app", "v1", Manifests.dockerV2("one"));
            fake.putImage("app", "latest", Manifests.dockerV2("one"));
            fake.putImage("app", null, Manifests.oci("two"));
            List<RepositoryInfo> repositoriesBefore = fake.repositories();
            List<ImageInfo> imagesBefore = fake.images("app");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<String> operations = new ArrayList<>(EcrProtocol.ECR_OPERATIONS);
            operations.add("Frobnicate");
            int errors = 0;

            for (int i = 0; i < REQUESTS; i++) {
                HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body()));
                int t = random.nextInt(10);
                if (t > 0) {
                    request.header("X-Amz-Target", t == 1 ? "Garbage.Target"
                            : EcrProtocol.TARGET_PREFIX + operations.get(random.nextInt(operations.size())));
                }
                int a = random.nextInt(10);
                if (a > 1) {
                    request.header("Authorization", "AWS4-HMAC-SHA256 Credential=123456789012/20261126/us-east-1/ecr/"
                            + "aws4_request, SignedHeaders=host, Signature=00");
                } else if (a == 1) {
                    request.header("Authorization", random.nextBoolean() ? "Bearer " + random.nextLong()
                            : "AWS4-HMAC-SHA256 Credential=" + random.nextInt() + ", Signature=");
                }
                String[] types = {"application/x-amz-json-1.1", "application/json", "text/plain", "application/xml"};
                request.header("Content-Type", types[random.nextInt(types.length)]);
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as("request %s", i).isLessThan(500);
                assertThat(response.headers().firstValue("x-amzn-RequestId")).as("request id of %s", i).isPresent();
                if (response.statusCode() != 200) {
                    errors++;
                    JsonNode error = JSON.readTree(response.body());
                    assertThat(error.get("__type").isTextual()).as("__type of %s: %s", i, response.body()).isTrue();
                    assertThat(error.has("message") || error.has("Message")).as("message of %s", i).isTrue();
                }
            }

            assertThat(errors).as("nearly all malformed requests are refused").isGreaterThan(REQUESTS * 9 / 10);
            assertThat(fake.repositories()).isEqualTo(repositoriesBefore);
            assertThat(fake.images("app")).isEqualTo(imagesBefore);
            assertThat(fake.client().describeRepositories().repositories()).hasSize(1);
        }
    }

    private byte[] body() throws Exception {
        switch (random.nextInt(10)) {
            case 0: { // bytes, invalid UTF-8 included
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 1: { // truncated JSON
                String json = JSON.writeValueAsString(members());
                return json.substring(0, random.nextInt(Math.max(1, json.length()))).getBytes(StandardCharsets.UTF_8);
            }
            case 2: { // JSON that is not an object
                String[] values = {"[]", "[1,2]", "42", "\"text\"", "null", "true", "", "{}}", "{\"a\":}", "[".repeat(2000)};
                return values[random.nextInt(values.length)].getBytes(StandardCharsets.UTF_8);
            }
            default:
                return JSON.writeValueAsBytes(members());
        }
    }

    /** Random members with random types; a repository name, when a string, is never a valid one. */
    private java.util.Map<String, Object> members() {
        java.util.Map<String, Object> members = new java.util.LinkedHashMap<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            String member = MEMBERS[random.nextInt(MEMBERS.length)];
            Object value = value(0);
            if (member.equals("repositoryName") || member.equals("resourceArn")) {
                value = value instanceof String text ? "X" + text : value; // upper case: never a valid name or ARN
            }
            members.put(member, value);
        }
        if (!members.containsKey("repositoryName") && random.nextBoolean()) {
            members.put("repositoryName", random.nextBoolean() ? "a" : "Not_Valid");
        }
        return members;
    }

    private Object value(int depth) {
        switch (random.nextInt(depth > 2 ? 5 : 8)) {
            case 0: return randomText(random.nextInt(40));
            case 1: return random.nextInt();
            case 2: return random.nextBoolean();
            case 3: return null;
            case 4: return random.nextInt(500) == 0 ? "x".repeat(5_000_000) : randomText(300);
            case 5: return java.util.Arrays.asList(value(depth + 1), value(depth + 1));
            case 6: {
                java.util.Map<String, Object> id = new java.util.HashMap<>();
                id.put("imageTag", value(depth + 1));
                id.put("imageDigest", value(depth + 1));
                return id;
            }
            default: return random.nextDouble() * 1e12;
        }
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextInt(0x2FF) + 1));
        }
        return text.toString();
    }
}
