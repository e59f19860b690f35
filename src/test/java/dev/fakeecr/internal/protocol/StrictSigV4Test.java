package dev.fakeecr.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.FakeEcrServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * {@code --strict-sigv4} checks what AWS checks besides the signature itself: the signing date within 15
 * minutes of real time, the credential scope's service and region, and the payload hash against the body
 * received. Requests are signed by the SDK's own SigV4 signer, at the dates the tests choose.
 */
class StrictSigV4Test {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{}";
    private static FakeEcrServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        // The registry's clock is a test's clock, years away: the signature window follows real time regardless.
        server = FakeEcrServer.builder().strictSigV4().credentials("AKIDSTRICT", "strict-secret")
                .clock(Clock.fixed(Instant.parse("2019-06-01T00:00:00Z"), ZoneOffset.UTC)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRequestSignedNowIsAccepted() throws Exception {
        HttpResponse<String> answer = send(sign(Instant.now(), "us-east-1", "ecr", BODY, false), BODY);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void aSignatureFromTheFarPastHasExpired() throws Exception {
        HttpResponse<String> answer = send(sign(Instant.parse("2019-01-01T00:00:00Z"), "us-east-1", "ecr", BODY, false), BODY);

        assertRefused(answer, "Signature expired: 20190101T000000Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 15 min\\.\\)");
    }

    @Test
    void aSignatureFromTheFarFutureIsNotYetCurrent() throws Exception {
        HttpResponse<String> answer = send(sign(Instant.parse("2099-01-01T00:00:00Z"), "us-east-1", "ecr", BODY, false), BODY);

        assertRefused(answer, "Signature not yet current: 20990101T000000Z is still later than \\d{8}T\\d{6}Z"
                + " \\(\\d{8}T\\d{6}Z \\+ 15 min\\.\\)");
    }

    @Test
    void aScopeNamingAnotherServiceIsRefused() throws Exception {
        HttpResponse<String> answer = send(sign(Instant.now(), "us-east-1", "s3", BODY, false), BODY);

        assertRefused(answer, "Credential should be scoped to correct service: 'ecr'\\. ");
    }

    @Test
    void aScopeNamingNoRegionIsRefused() throws Exception {
        HttpResponse<String> answer = send(sign(Instant.now(), "nowhere", "ecr", BODY, false), BODY);

        assertRefused(answer, "Credential should be scoped to a valid region, not 'nowhere'\\. ");
    }

    @Test
    void aBodySwappedAfterSigningIsRefusedEvenWithAPayloadHashHeader() throws Exception {
        String signedBody = "{\"repositoryName\":\"signed\"}";
        Map<String, List<String>> headers = sign(Instant.now(), "us-east-1", "ecr", signedBody, true);
        HttpResponse<String> answer = send(headers, "{\"repositoryName\":\"swapped\"}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(send(headers, signedBody).statusCode()).as("the body it was signed for passes").isEqualTo(200);
    }

    private static void assertRefused(HttpResponse<String> answer, String messagePattern) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(body.path("message").asText()).matches(messagePattern);
    }

    /** The headers the SDK's signer produces for a CreateRepository-shaped call, signed at {@code at}. */
    private static Map<String, List<String>> sign(Instant at, String region, String service, String body,
                                                  boolean payloadHashHeader) throws Exception {
        URI endpoint = server.endpoint();
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .encodedPath("/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921."
                        + (body.equals(BODY) ? "DescribeRepositories" : "CreateRepository"));
        if (payloadHashHeader) {
            request.putHeader("x-amz-content-sha256", HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8))));
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("AKIDSTRICT", "strict-secret"))
                .request(request.build())
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return signed.request().headers();
    }

    private HttpResponse<String> send(Map<String, List<String>> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint()).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
