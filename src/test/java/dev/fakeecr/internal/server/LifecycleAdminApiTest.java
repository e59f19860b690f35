package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.FakeEcr;
import dev.fakeecr.Manifests;
import dev.fakeecr.ServerPerClass;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin API's clock and lifecycle paths, for tests in other languages that hold no handle. */
class LifecycleAdminApiTest {
    @RegisterExtension
    static final ServerPerClass server = ServerPerClass.start();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = "{\"rules\":[{\"rulePriority\":1,\"description\":\"expire images older than a week\","
            + "\"selection\":{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\","
            + "\"countNumber\":7},\"action\":{\"type\":\"expire\"}}]}";
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTestElsewhereMovesTheClockAndRunsThePolicies() throws Exception {
        try (FakeEcr fake = server.account("111122223333", "eu-west-1")) {
            fake.clock().set(Instant.parse("2026-01-01T00:00:00Z"));
            fake.createRepository("app");
            fake.putImage("app", "old", Manifests.oci("old"));
            fake.client().putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(POLICY));

            HttpResponse<String> moved = post("/fake-ecr/clock", "{\"accountId\":\"111122223333\",\"region\":\"eu-west-1\","
                    + "\"advance\":\"P6D\"}");
            assertThat(moved.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(moved.body()).get("now").asText()).isEqualTo("2026-01-07T00:00:00Z");
            assertThat(fake.image("app", "old")).as("moving the clock alone runs nothing").isPresent();

            HttpResponse<String> ranNothing = post("/fake-ecr/lifecycle/apply",
                    "{\"accountId\":\"111122223333\",\"region\":\"eu-west-1\",\"repositoryName\":\"app\"}");
            assertThat(JSON.readTree(ranNothing.body()).get("runs").get(0).get("actions")).isEmpty();

            HttpResponse<String> ran = post("/fake-ecr/clock", "{\"accountId\":\"111122223333\",\"region\":\"eu-west-1\","
                    + "\"set\":\"2026-01-09T00:00:00Z\",\"applyLifecyclePolicies\":true}");
            JsonNode action = JSON.readTree(ran.body()).get("runs").get(0).get("actions").get(0);
            assertThat(action.get("imageTags").get(0).asText()).isEqualTo("old");
            assertThat(action.get("action").asText()).isEqualTo("EXPIRE");
            assertThat(action.get("appliedRulePriority").asInt()).isEqualTo(1);
            assertThat(fake.image("app", "old")).isEmpty();
            assertThat(fake.lifecycleRuns()).hasSize(2);
            HttpResponse<String> runs = http.send(HttpRequest.newBuilder(URI.create(server.endpoint()
                    + "/fake-ecr/lifecycle/runs?accountId=111122223333&region=eu-west-1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(runs.body()).get("runs")).hasSize(2);
            assertThat(JSON.readTree(runs.body()).get("runs").get(1).get("evaluatedAt").asText())
                    .isEqualTo("2026-01-09T00:00:00Z");
        }
    }

    @Test
    void errorsAreEcrsOrTheAdminApis() throws Exception {
        HttpResponse<String> noPolicy = post("/fake-ecr/lifecycle/apply",
                "{\"accountId\":\"111122223334\",\"region\":\"eu-west-1\",\"repositoryName\":\"none\"}");
        assertThat(noPolicy.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noPolicy.body()).get("__type").asText()).isEqualTo("RepositoryNotFoundException");

        HttpResponse<String> badDuration = post("/fake-ecr/clock",
                "{\"accountId\":\"111122223334\",\"region\":\"eu-west-1\",\"advance\":\"8 days\"}");
        assertThat(badDuration.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badDuration.body()).get("message").asText()).isEqualTo("not an ISO-8601 time or duration: 8 days");

        HttpResponse<String> backwards = post("/fake-ecr/clock",
                "{\"accountId\":\"111122223334\",\"region\":\"eu-west-1\",\"advance\":\"-P1D\"}");
        assertThat(backwards.statusCode()).isEqualTo(400);
    }
}
