package dev.fakeecr.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.registry.EcrError;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The credential scope read by hand, against the regular expression that defined it before: the same scope,
 * or the same refusal, for headers made of the pieces that matter.
 */
class RequestScopeTest {
    private static final Pattern DEFINITION =
            Pattern.compile("Credential=([^/,\\s]+)/[^/,\\s]*/([^/,\\s]+)/[^/,\\s]+/aws4_request");
    private static final String[] PIECES = {"Credential=", "AKID", "123456789012", "/", "/", "20261130", "us-east-1",
        "ecr", "aws4_request", ",", " ", "\t", "\u2003", "x", "", "SignedHeaders=host", "aws4_requestx"};

    @Test
    void readsTheScopeOfAnSdkSignature() {
        RequestScope scope = RequestScope.of("AWS4-HMAC-SHA256 Credential=123456789012/20261130/eu-west-1/ecr/"
                + "aws4_request, SignedHeaders=host;x-amz-date, Signature=abc", "000000000000");

        assertThat(scope).isEqualTo(new RequestScope("123456789012", "123456789012", "eu-west-1"));
        assertThat(RequestScope.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE//us-west-2/ecr/aws4_request",
                "000000000000")).isEqualTo(new RequestScope("AKIDEXAMPLE", "000000000000", "us-west-2"));
    }

    @Test
    void agreesWithTheRegularExpressionOnGeneratedHeaders() {
        Random random = new Random(7);
        int matched = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder header = new StringBuilder("AWS4-HMAC-SHA256 ");
            if (random.nextBoolean()) { // a well-formed start, often spoilt by what follows
                header.append("Credential=AKID/20261130/us-east-1/ecr/");
            }
            for (int p = random.nextInt(14); p > 0; p--) {
                header.append(PIECES[random.nextInt(PIECES.length)]);
            }
            Matcher expected = DEFINITION.matcher(header);
            Throwable refused = catchThrowable(() -> RequestScope.of(header.toString(), "000000000000"));
            if (expected.find()) {
                matched++;
                assertThat(refused).as(header.toString()).isNull();
                RequestScope scope = RequestScope.of(header.toString(), "000000000000");
                assertThat(scope.accessKeyId()).as(header.toString()).isEqualTo(expected.group(1));
                assertThat(scope.region()).as(header.toString()).isEqualTo(expected.group(2));
            } else {
                assertThat(refused).as(header.toString()).isInstanceOf(EcrError.class);
            }
        }
        assertThat(matched).as("both outcomes are exercised").isBetween(1_000, 99_000);
    }
}
