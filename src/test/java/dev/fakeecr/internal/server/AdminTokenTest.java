package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** With an admin token, the admin API's fault rules and journals need it; health stays open. */
class AdminTokenTest {
    private static final String RULE = "{\"accountId\":\"123456789012\",\"region\":\"us-east-1\","
            + "\"operation\":\"PutImage\",\"errorCode\":\"ServerException\"}";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void faultsAndCallsNeedTheTokenAndHealthDoesNot() throws Exception {
        try (EcrServer server = EcrServer.start(new ServerOptions().adminToken("s3cret"))) {
            URI faults = URI.create(server.endpoint() + "/fake-ecr/faults");
            URI calls = URI.create(server.endpoint() + "/fake-ecr/calls?accountId=123456789012&region=us-east-1");

            HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(faults)
                    .POST(HttpRequest.BodyPublishers.ofString(RULE)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> wrongToken = http.send(HttpRequest.newBuilder(calls).header("X-Fake-Ecr-Admin-Token", "guess")
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(noToken.statusCode()).isEqualTo(403);
            assertThat(noToken.body()).startsWith("{\"__type\":\"AccessDeniedException\"");
            assertThat(wrongToken.statusCode()).isEqualTo(403);
            assertThat(server.accounts().size()).as("the refused rule created nothing").isZero();

            assertThat(http.send(HttpRequest.newBuilder(faults).header("X-Fake-Ecr-Admin-Token", "s3cret")
                    .POST(HttpRequest.BodyPublishers.ofString(RULE)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/fake-ecr/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }
}
