package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.FakeEcrServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The admin API acts on the account its request is signed for, as an ECR call does: a signed request may not
 * read or change another account; a server that verifies every signature takes only signed admin requests.
 */
class AdminApiAccountTest {
    private final HttpClient http = HttpClient.newHttpClient();

    /** An Authorization header whose SigV4 scope names {@code account} (the default server does not verify it). */
    private static String signedFor(String account) {
        return "AWS4-HMAC-SHA256 Credential=" + account + "/20261130/us-east-1/ecr/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000";
    }

    private HttpResponse<String> calls(FakeEcrServer server, String account, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.endpoint()
                + "/fake-ecr/calls?accountId=" + account + "&region=us-east-1"));
        if (authorization != null) {
            request.header("Authorization", authorization).header("X-Amz-Date", "20261130T000000Z");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> addFault(FakeEcrServer server, String account, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.endpoint() + "/fake-ecr/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"accountId\":\"" + account + "\",\"region\":\"us-east-1\","
                        + "\"operation\":\"PutImage\",\"errorCode\":\"ServerException\"}"));
        if (authorization != null) {
            request.header("Authorization", authorization).header("X-Amz-Date", "20261130T000000Z");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedRequestActsOnItsOwnAccountOnly() throws Exception {
        try (FakeEcrServer server = FakeEcrServer.start()) {
            assertThat(calls(server, "111111111111", signedFor("111111111111")).statusCode()).isEqualTo(200);

            HttpResponse<String> other = calls(server, "222222222222", signedFor("111111111111"));
            HttpResponse<String> otherFault = addFault(server, "222222222222", signedFor("111111111111"));

            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(other.body()).contains("AccessDeniedException").contains("may not act on account 222222222222");
            assertThat(otherFault.statusCode()).isEqualTo(403);
            assertThat(server.accountsHeld()).as("the refused fault rule created nothing").isZero();
            assertThat(calls(server, "222222222222", null).statusCode()).as("unsigned, without --strict-sigv4")
                    .isEqualTo(200);
            HttpResponse<String> garbled = calls(server, "111111111111", "Basic not-sigv4");
            assertThat(garbled.statusCode()).as(garbled.body()).isBetween(400, 499);
            assertThat(garbled.body()).contains("__type");
        }
    }

    @Test
    void aServerThatVerifiesSignaturesTakesOnlySignedAdminRequests() throws Exception {
        try (FakeEcrServer server = FakeEcrServer.builder().strictSigV4().credentials("AKIDADMIN", "secret").start()) {
            HttpResponse<String> unsigned = calls(server, "111111111111", null);

            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.body()).contains("must be signed");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/fake-ecr/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("health stays open").isEqualTo(200);
            assertThat(calls(server, "111111111111", signedFor("111111111111")).statusCode())
                    .as("a bad signature is refused as the API refuses it").isBetween(400, 403);
        }
    }
}
