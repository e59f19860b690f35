package dev.fakeecr.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import dev.fakeecr.Manifests;
import dev.fakeecr.internal.server.RawPost;
import dev.fakeecr.internal.server.RawPost.Answer;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.RepositoryInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Transport-level garbage over raw sockets: requests cut, flipped, padded and re-framed at random (request
 * lines, headers, chunk framing, encodings, methods, paths). Whatever comes back is an HTTP answer in ECR's
 * JSON error form (the OCI form from the registry endpoint, /v2/) with a request id (never an HTML page, a stack trace or a 5xx other than 505), the
 * server keeps answering, and the registry is exactly as it was. Bounded in time.
 */
@Timeout(180)
class TransportFuzzTest {
    private static final int CONNECTIONS = 400;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Authorization: AWS4-HMAC-SHA256 Credential=123456789012/20261130/us-east-1/ecr"
            + "/aws4_request, SignedHeaders=host, Signature=00\r\n";

    private final Random random = new Random(18_2026);

    /** One answer off the wire, or null when the server closed without one. */

    @Test
    void garbageOnTheWireGetsJsonErrorsAndChangesNothing() throws Exception {
        try (FakeEcrServer server = FakeEcrServer.builder().readTimeout(Duration.ofSeconds(2)).start();
             FakeEcr fake = server.account("123456789012", "us-east-1")) {
            fake.createRepository("app");
            fake.putImage("app", "v1", Manifests.dockerV2("one"));
            List<RepositoryInfo> repositoriesBefore = fake.repositories();
            List<ImageInfo> imagesBefore = fake.images("app");
            int answered = 0;

            for (int i = 0; i < CONNECTIONS; i++) {
                byte[] request = mutate(template(i));
                Answer answer = exchange(server.port(), request);
                if (answer == null) {
                    continue; // closed without an answer: allowed for bytes that are not HTTP at all
                }
                answered++;
                String shown = "request " + i + ":\n" + new String(request, StandardCharsets.ISO_8859_1)
                        + "\n--- answer:\n" + answer.head() + answer.body();
                assertThat(answer.status()).as(shown).isBetween(200, 599);
                assertThat(answer.status() < 500 || answer.status() == 505).as(shown).isTrue();
                String head = answer.head().toLowerCase(Locale.ROOT);
                assertThat(head).as(shown).contains("x-amzn-requestid:");
                assertThat(answer.body().toLowerCase(Locale.ROOT)).as(shown).doesNotContain("<html").doesNotContain("\tat ");
                if (answer.status() != 200 && !answer.body().isEmpty()) {
                    // ECR's error form, or the OCI distribution form where the registry endpoint (/v2/) answered
                    JsonNode error = JSON.readTree(answer.body());
                    assertThat(error.hasNonNull("__type") || error.path("errors").isArray()).as(shown).isTrue();
                }
            }

            assertThat(answered).as("most garbage is answered").isGreaterThan(CONNECTIONS / 2);
            assertThat(fake.client().describeRepositories().repositories()).as("still serving").hasSize(1);
            assertThat(fake.repositories()).isEqualTo(repositoriesBefore);
            assertThat(fake.images("app")).isEqualTo(imagesBefore);
        }
    }

    /** A well-formed request to start from: the protocol (declared or chunked body), the admin API, a layer URL. */
    private byte[] template(int i) {
        String body = switch (random.nextInt(3)) {
            case 0 -> "{}";
            case 1 -> "{\"repositoryName\":\"app\",\"maxResults\":1}";
            default -> "{\"repositoryName\":\"app\",\"imageIds\":[{\"imageTag\":\"v1\"}]}";
        };
        String target = "X-Amz-Target: AmazonEC2ContainerRegistry_V20150921."
                + List.of("DescribeRepositories", "ListImages", "BatchDeleteImage", "DeleteRepository").get(random.nextInt(4)) + "\r\n";
        return (switch (i % 4) {
            case 0 -> "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.1\r\n" + target + AUTH
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
            case 1 -> "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.1\r\n" + target + AUTH
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(body.length())
                    + "\r\n" + body + "\r\n0\r\n\r\n";
            case 2 -> "GET /fake-ecr/calls?accountId=123456789012&region=us-east-1 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n";
            default -> "GET /fake-ecr/layers/123456789012/us-east-1/sha256%3A" + "a".repeat(64)
                    + "/app?caller=1&expires=1&signature=00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        }).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One to three random damages. The body stays ECR-harmless: a mutation may not turn a call into a valid write. */
    private byte[] mutate(byte[] request) {
        byte[] bytes = request;
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            bytes = switch (random.nextInt(12)) {
                case 0 -> Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)); // cut anywhere
                case 1 -> flip(bytes);
                case 2 -> insert(bytes, new byte[] {(byte) random.nextInt(32)}); // a control character
                case 3 -> insert(bytes, ("X-Junk: " + "j".repeat(random.nextInt(70_000)) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                case 4 -> replaceFirst(bytes, "HTTP/1.1", List.of("HTTP/1.0", "HTTP/9.9", "HTTP/1.1 extra", "", "HTTQ/1.1").get(random.nextInt(5)));
                case 5 -> replaceFirst(bytes, "POST", List.of("PUT", "DELETE", "PATCH", "OPTIONS", "P\u0000ST", "").get(random.nextInt(6)));
                case 6 -> replaceFirst(bytes, " / ", List.of(" /%00 ", " /../ ", " //x ", " /v2/ ", " /__admin/shutdown ", " *").get(random.nextInt(6)));
                case 7 -> replaceFirst(bytes, "Connection: close\r\n", "Content-Encoding: gzip\r\nConnection: close\r\n");
                case 8 -> replaceFirst(bytes, "Content-Length: ", "Content-Length: " + random.nextInt(10) + "");
                case 9 -> replaceFirst(bytes, "\r\n\r\n", "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
                case 10 -> insert(bytes, randomBytes(1 + random.nextInt(64)));
                default -> replaceFirst(bytes, "\r\n", "\n");
            };
        }
        return bytes;
    }

    private byte[] flip(byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        return copy;
    }

    private byte[] insert(byte[] bytes, byte[] inserted) {
        int at = random.nextInt(bytes.length + 1);
        byte[] result = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
        return result;
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] replaceFirst(byte[] bytes, String from, String to) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(from);
        return at < 0 ? bytes : (text.substring(0, at) + to + text.substring(at + from.length()))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends the bytes, ends the output (so nothing waits for more) and reads one answer. */
    private static Answer exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(request);
                    out.flush();
                    socket.shutdownOutput();
                } catch (IOException refusedEarly) {
                    // answered and closed before everything was sent
                }
            }, "fuzz-writer");
            writer.setDaemon(true);
            writer.start();
            try {
                return read(socket.getInputStream());
            } catch (SocketTimeoutException hung) {
                throw new AssertionError("no answer within 15 s to:\n" + new String(request, StandardCharsets.ISO_8859_1), hung);
            } catch (IOException reset) {
                return null; // the server reset the connection: no answer, nothing shown
            }
        }
    }

    /** One answer, read as RawPost reads it; null when the server closed without answering. */
    private static Answer read(InputStream in) throws IOException {
        Answer answer = RawPost.read(in);
        if (answer.head().isEmpty()) {
            return null;
        }
        assertThat(answer.head()).as("an HTTP/1.1 answer").startsWith("HTTP/1.1 ");
        return answer;
    }
}
