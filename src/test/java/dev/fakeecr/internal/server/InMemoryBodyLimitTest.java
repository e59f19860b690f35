package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeecr.internal.protocol.EcrProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import dev.fakeecr.internal.protocol.WireResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-memory engine's body limit, where the SDK never takes it: a body of unknown length is read only as far
 * as the limit, and refused past it with the same answer as a chunked body over HTTP ({@code BodyLimitTest}).
 */
class InMemoryBodyLimitTest {
    private static final long LIMIT = EcrProtocol.MAX_REQUEST_BYTES;
    private static final Function<String, List<String>> NO_HEADERS = name -> List.of();
    private static EcrServer server;

    @BeforeAll
    static void start() {
        server = EcrServer.startInMemory(new ServerOptions());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBodyOfUnknownLengthIsReadOnlyUpToTheLimitAndRefusedPastIt() throws Exception {
        Zeros endless = new Zeros(Long.MAX_VALUE);

        WireResponse answer = server.serveInMemory("POST", "/", NO_HEADERS, -1, endless);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(new ObjectMapper().readTree(answer.body()).get("message").asText())
                .isEqualTo("Request body of more than " + LIMIT + " bytes exceeds the maximum of " + LIMIT + " bytes.");
        assertThat(answer.requestId()).isNotBlank();
        assertThat(endless.read).isLessThanOrEqualTo(LIMIT + 64 * 1024);
        assertThat(server.servesHttp()).isFalse();
    }

    @Test
    void aBodyOfUnknownLengthAtTheLimitReachesTheProtocol() throws Exception {
        WireResponse answer = server.serveInMemory("POST", "/", name -> name.equalsIgnoreCase("X-Amz-Target")
                ? List.of("AmazonEC2ContainerRegistry_V20150921.DescribeRepositories") : List.of(), -1, new Zeros(LIMIT));

        assertThat(answer.status()).isEqualTo(400);
        // Read and answered by the protocol: this unsigned request is refused for its missing signature.
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("MissingAuthenticationTokenException");
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() throws Exception {
        Zeros body = new Zeros(LIMIT + 1);

        WireResponse answer = server.serveInMemory("POST", "/", NO_HEADERS, LIMIT + 1, body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(body.read).isZero();
    }

    /** {@code length} zero bytes, counting how many were read. */
    private static final class Zeros extends InputStream {
        private final long length;
        long read;

        Zeros(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            if (read >= length) {
                return -1;
            }
            read++;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (read >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - read);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            read += n;
            return n;
        }
    }
}
