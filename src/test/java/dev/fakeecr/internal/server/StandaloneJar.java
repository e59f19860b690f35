package dev.fakeecr.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The standalone jar run as a user runs it: {@code java -jar … --port 0}, a separate process. */
final class StandaloneJar implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))");
    private final Process process;
    final String endpoint;

    private StandaloneJar(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static Path path() {
        return Path.of(System.getProperty("fakeecr.standaloneJar", "target/fake-ecr-standalone.jar"));
    }

    static StandaloneJar start(String... options) throws Exception {
        return start(List.of(), options);
    }

    /** Starts the jar with options for its JVM, such as a heap limit, before {@code -jar}. */
    static StandaloneJar start(List<String> jvmOptions, String... options) throws Exception {
        assertThat(path()).exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", path().toString(), "--port", "0"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return new StandaloneJar(process, m.group(1));
            }
        }
        throw new AssertionError("the jar exited without printing its endpoint; output was:\n" + seen);
    }

    /** Declares a fault rule through the jar's admin API, as a process without a handle does. */
    void injectFault(String accountId, String operation, String errorCode, int times) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(endpoint + "/fake-ecr/faults")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"accountId\":\"" + accountId + "\",\"region\":\"us-east-1\",\"operation\":\"" + operation
                        + "\",\"errorCode\":\"" + errorCode + "\",\"times\":" + times + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Stops the jar with SIGTERM and checks that it exits. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the jar stops on SIGTERM").isTrue();
    }
}
