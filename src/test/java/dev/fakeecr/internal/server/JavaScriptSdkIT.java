package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript SDK v3 ({@code @aws-sdk/client-ecr}, pinned in {@code src/test/js/package.json} and
 * installed by the build's {@code npm ci}) against the standalone jar. The scenarios and their assertions
 * are in {@code src/test/js/conformance.test.mjs}; this runs them with Node's test runner.
 */
class JavaScriptSdkIT {
    private static final Path JS = Path.of("src/test/js");

    @Test
    void theJavaScriptSdkSeesWhatTheJavaSdkSees() throws Exception {
        assertThat(JS.resolve("node_modules/@aws-sdk/client-ecr")).as("npm ci in src/test/js (the build runs it;"
                + " it needs Node.js 18+ and npm)").exists();
        try (StandaloneJar jar = StandaloneJar.start()) {
            Path output = Files.createTempFile("node-test", ".txt");
            ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=tap", "conformance.test.mjs")
                    .directory(JS.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            node.environment().put("FAKE_ECR_ENDPOINT", jar.endpoint);
            node.environment().put("AWS_CONFIG_FILE", "/dev/null");
            node.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            Process process = node.start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("node --test finished").isTrue();
            String report = Files.readString(output);
            System.out.println(report);

            assertThat(process.exitValue()).as("node --test failed:%n%s", report).isZero();
            assertThat(report).contains("# pass 7").contains("# fail 0");
        }
    }
}
