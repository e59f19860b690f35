package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** /fake-ecr/health reports what the server holds, and the server-wide layer heap budget holds across accounts. */
class HealthReportTest {
    private static JsonNode health(FakeEcrServer server) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.endpoint() + "/fake-ecr/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(answer.body());
    }

    @Test
    void layersPastTheBudgetGoToDiskAndReleasedAccountsGiveEverythingBack() throws Exception {
        try (FakeEcrServer server = FakeEcrServer.builder().layerHeapBudget(1000).start()) {
            try (FakeEcr first = server.account("111111111111", "us-east-1");
                 FakeEcr second = server.account("222222222222", "us-east-1")) {
                first.createRepository("app");
                second.createRepository("app");
                first.putLayer("app", new byte[800]);
                second.putLayer("app", new byte[800]); // would pass 1000 across the two accounts

                JsonNode held = health(server);
                assertThat(held.get("status").asText()).isEqualTo("ok");
                assertThat(held.get("accountsHeld").asInt()).isEqualTo(2);
                assertThat(held.get("layerHeapBytes").asLong()).isEqualTo(800);
                assertThat(held.get("layerFileBytes").asLong()).isEqualTo(800);
                assertThat(held.get("layerHeapBudgetBytes").asLong()).isEqualTo(1000);
            }

            JsonNode released = health(server);
            assertThat(released.get("accountsHeld").asInt()).isZero();
            assertThat(released.get("layerHeapBytes").asLong()).isZero();
            assertThat(released.get("layerFileBytes").asLong()).isZero();
        }
    }
}
