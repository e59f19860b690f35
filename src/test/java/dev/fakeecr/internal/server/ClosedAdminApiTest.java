package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WireMock's admin API is not the fake's: a local process cannot stop, slow or write through it. */
class ClosedAdminApiTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POST|/__admin/shutdown|",
            "POST|/__admin/settings|{\"fixedDelay\":3000}",
            "PUT|/__admin/files/planted.txt|planted",
            "POST|/__admin/mappings|{\"request\":{\"method\":\"ANY\"},\"response\":{\"status\":599}}",
            "GET|/__admin/requests|",
            "DELETE|/__admin/mappings|"})
    void everyAdminRequestIsAJson404AndChangesNothing(String method, String path, String body) throws Exception {
        try (FakeEcrServer server = FakeEcrServer.start(); FakeEcr fake = server.account("123456789012", "us-east-1")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.headers().firstValue("x-amzn-RequestId")).isPresent();
            assertThat(answer.body()).isEqualTo("{\"__type\":\"NotFoundException\",\"message\":\"fake-ecr has no "
                    + method + " " + path + "\"}");

            Instant before = Instant.now();
            assertThat(fake.client().describeRepositories().repositories()).as("still serving").isEmpty();
            assertThat(Duration.between(before, Instant.now())).as("no delay was installed")
                    .isLessThan(Duration.ofSeconds(2));
        }
    }
}
