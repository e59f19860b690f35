package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 100 MiB request body is refused with bounded heap: the standalone jar runs in a JVM whose whole heap
 * (64 MiB) is smaller than the body, so it answers only if it never holds the body. Before the body limit,
 * WireMock read every body into one array, and this JVM ran out of memory.
 */
class OversizedBodyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HUNDRED_MIB = 100L * 1024 * 1024;

    @Test
    void hundredMebibyteBodiesAreRefusedByAServerWithLessHeapThanThat() throws Exception {
        try (StandaloneJar jar = StandaloneJar.start(List.of("-Xmx64m"))) {
            URI endpoint = URI.create(jar.endpoint);
            for (int round = 0; round < 3; round++) {
                assertRefused(RawPost.send(endpoint, HUNDRED_MIB, HUNDRED_MIB, false));
                assertRefused(RawPost.send(endpoint, -1, HUNDRED_MIB, true));
            }

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(jar.endpoint + "/fake-ecr/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("the server still answers").isEqualTo(200);
        }
    }

    private static void assertRefused(RawPost.Answer answer) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(JSON.readTree(answer.body()).get("__type").asText()).isEqualTo("RequestEntityTooLargeException");
    }
}
