package dev.fakeecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fakeecr.bench.FirstUse;
import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.internal.server.EcrServer;
import dev.fakeecr.junit.FakeEcrExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrAsyncClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;

/**
 * What is particular to the in-memory transport: no socket for the handle's clients, the HTTP server started
 * only on need, and the same answers as HTTP where the transport itself decides them (body limit, broken
 * connections, a closed server). The behavioural tests run over both transports in the build's second
 * Surefire execution ({@code -Dfakeecr.transport=in-memory}); these pin the transport itself.
 */
class InMemoryTransportTest {
    private static final String ACCOUNT = "123456789012";
    /** The endpoint hosts fixture tests' clients had. */
    static final List<String> observed = new CopyOnWriteArrayList<>();

    /** A test class a user would write with the extension's option; run through JUnit's engine below. */
    static class OptedIn {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().inMemoryTransport().build();

        @Test
        void injected(EcrClient client, EcrAsyncClient async, FakeEcr fake) {
            client.createRepository(r -> r.repositoryName("app"));
            try (EcrClient built = fake.clientBuilder().build()) {
                Stream.of(client.serviceClientConfiguration(), async.serviceClientConfiguration(),
                        built.serviceClientConfiguration()).forEach(c -> observed.add(c.endpointOverride().orElseThrow().getHost()));
            }
        }
    }

    /** The same with every default. */
    @ExtendWith(FakeEcrExtension.class)
    static class ByDefault {
        @Test
        void injected(EcrClient client, EcrAsyncClient async) {
            client.createRepository(r -> r.repositoryName("app"));
            observed.add(client.serviceClientConfiguration().endpointOverride().orElseThrow().getHost());
            observed.add(async.serviceClientConfiguration().endpointOverride().orElseThrow().getHost());
        }
    }

    private static void run(Class<?> fixture, Map<String, String> configuration) {
        observed.clear();
        EngineTestKit.engine("junit-jupiter").configurationParameters(configuration).selectors(selectClass(fixture))
                .execute().testEvents().assertStatistics(s -> s.succeeded(1));
    }

    @Test
    void theExtensionsOptionPutsEveryClientItGivesOnTheInMemoryTransport() {
        run(OptedIn.class, Map.of());

        assertThat(observed).containsExactly(EcrServer.IN_MEMORY_HOST, EcrServer.IN_MEMORY_HOST, EcrServer.IN_MEMORY_HOST);
    }

    @Test
    void theTransportConfigurationParameterFlipsTheExtensionsDefault() {
        run(ByDefault.class, Map.of());
        assertThat(observed).containsExactly("127.0.0.1", "127.0.0.1");

        run(ByDefault.class, Map.of("fakeecr.transport", "in-memory"));
        assertThat(observed).containsExactly(EcrServer.IN_MEMORY_HOST, EcrServer.IN_MEMORY_HOST);
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void theTransportSystemPropertyFlipsTheServersDefaultAndMustNameATransport() {
        String before = System.getProperty("fakeecr.transport");
        try {
            System.setProperty("fakeecr.transport", "in-memory");
            try (FakeEcrServer server = FakeEcrServer.start(); FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
                assertThat(fake.client().serviceClientConfiguration().endpointOverride())
                        .hasValue(URI.create("http://" + EcrServer.IN_MEMORY_HOST));
                assertThat(server.servesHttp()).isFalse();
            }
            System.setProperty("fakeecr.transport", "socket");
            assertThatThrownBy(FakeEcrServer::builder).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("-Dfakeecr.transport is http or in-memory, not 'socket'");
        } finally {
            if (before == null) {
                System.clearProperty("fakeecr.transport");
            } else {
                System.setProperty("fakeecr.transport", before);
            }
        }
    }

    private static FakeEcrServer start(boolean inMemory) {
        FakeEcrServer.Builder settings = FakeEcrServer.builder();
        return inMemory ? settings.inMemoryTransport().start() : settings.start();
    }

    @Test
    void handleClientsReachTheFakeWithoutAnHttpServerWhichStartsOnlyWhenAskedFor() {
        try (FakeEcrServer server = FakeEcrServer.builder().inMemoryTransport().start();
             FakeEcr fake = server.account(ACCOUNT, "eu-west-1")) {
            fake.client().createRepository(r -> r.repositoryName("sync"));
            fake.asyncClient().createRepository(r -> r.repositoryName("async")).join();
            try (EcrClient built = fake.clientBuilder().build()) {
                assertThat(built.describeRepositories().repositories()).hasSize(2);
            }

            assertThat(server.servesHttp()).as("no HTTP server for the handle's clients").isFalse();
            assertThat(fake.calls()).extracting(c -> c.operation())
                    .containsExactly("CreateRepository", "CreateRepository", "DescribeRepositories");

            // Asking for the endpoint starts HTTP, over the same state.
            try (EcrClient overHttp = EcrClient.builder().endpointOverride(server.endpoint())
                    .region(Region.EU_WEST_1).credentialsProvider(fake.credentialsProvider()).build()) {
                assertThat(server.servesHttp()).isTrue();
                assertThat(overHttp.describeRepositories().repositories()).hasSize(2);
            }
        }
    }

    @Test
    void aLayerUrlAnsweredInMemoryNamesTheHttpServerStartedForItAndServesTheLayer() throws Exception {
        try (FakeEcrServer server = FakeEcrServer.builder().inMemoryTransport().start();
             FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            fake.createRepository("app");
            EcrClient ecr = fake.client();
            byte[] layer = "the layer's bytes".getBytes(StandardCharsets.UTF_8);
            byte[] config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
            String digest = upload(ecr, layer);
            ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest("{\"schemaVersion\":2,"
                    + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
                    + "\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length + ",\"digest\":\""
                    + upload(ecr, config) + "\"},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                    + "\"size\":" + layer.length + ",\"digest\":\"" + digest + "\"}]}"));
            assertThat(server.servesHttp()).isFalse();

            String url = ecr.getDownloadUrlForLayer(r -> r.repositoryName("app").layerDigest(digest)).downloadUrl();
            HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(url).startsWith(server.endpoint() + "/fake-ecr/layers/");
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(layer);
        }
    }

    /** Uploads a blob to "app" in one part and returns its digest. */
    private static String upload(EcrClient ecr, byte[] bytes) {
        String uploadId = ecr.initiateLayerUpload(r -> r.repositoryName("app")).uploadId();
        ecr.uploadLayerPart(r -> r.repositoryName("app").uploadId(uploadId).partFirstByte(0L)
                .partLastByte((long) bytes.length - 1).layerPartBlob(SdkBytes.fromByteArray(bytes)));
        return ecr.completeLayerUpload(r -> r.repositoryName("app").uploadId(uploadId).layerDigests(Digests.of(bytes)))
                .layerDigest();
    }

    /** The classes a fresh JVM loads for one first use (server, handle, client, PutImage): {@link FirstUse}. */
    private static List<String> classesLoadedByFirstUse(String mode) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"), FirstUse.class.getName(), mode)
                .redirectErrorStream(true).start();
        List<String> loaded = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("class,load")).map(line -> line.replaceAll("^.*\\] (\\S+).*$", "$1"))
                .collect(Collectors.toList());
        if (!child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the child JVM did not finish in 120 s");
        }
        assertThat(child.exitValue()).isZero();
        return loaded;
    }

    @Test
    void aColdFirstUseInMemoryLoadsNeitherWireMockNorJettyNorAnHttpClient() throws Exception {
        List<String> overHttp = classesLoadedByFirstUse("fake");
        List<String> inMemory = classesLoadedByFirstUse("fake-in-memory");

        Predicate<String> jettyServer = name -> name.startsWith("wiremock.org.eclipse.jetty.server.");
        Predicate<String> httpClient = name -> name.startsWith("software.amazon.awssdk.http.apache5.")
                || name.startsWith("org.apache.hc.") || name.startsWith("software.amazon.awssdk.http.nio.netty.");
        Predicate<String> wireMock = name -> name.startsWith("com.github.tomakehurst.wiremock.")
                || name.startsWith("wiremock.");
        assertThat(overHttp).as("the check sees what HTTP loads").anyMatch(jettyServer).anyMatch(httpClient)
                .anyMatch(wireMock);
        assertThat(inMemory).as("a first PutImage in memory").contains(InMemoryHttpClient.class.getName())
                .noneMatch(jettyServer).noneMatch(httpClient).noneMatch(wireMock);
    }

    @ParameterizedTest(name = "in memory: {0}")
    @ValueSource(booleans = {false, true})
    void aBodyOverTheLimitIsRefusedAlikeByBothTransportsAndChangesNothing(boolean inMemory) {
        String manifest = "{\"schemaVersion\":2,\"padding\":\"" + "x".repeat(33 * 1024 * 1024) + "\"}";
        try (FakeEcrServer server = start(inMemory); FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            fake.createRepository("app");

            EcrException sync = catchThrowableOfType(EcrException.class,
                    () -> fake.client().putImage(r -> r.repositoryName("app").imageTag("big").imageManifest(manifest)));
            Throwable async = catchThrowable(() -> fake.asyncClient()
                    .putImage(r -> r.repositoryName("app").imageTag("big").imageManifest(manifest)).join());

            for (Throwable refused : new Throwable[] {sync, async instanceof CompletionException ? async.getCause() : async}) {
                assertThat(refused).isInstanceOf(EcrException.class);
                EcrException e = (EcrException) refused;
                assertThat(e.statusCode()).isEqualTo(413);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLargeException");
                assertThat(e.awsErrorDetails().errorMessage()).endsWith("exceeds the maximum of 33554432 bytes.");
                assertThat(e.requestId()).isNotBlank();
            }
            assertThat(fake.images("app")).isEmpty();
            assertThat(fake.calls()).as("refused before the protocol, as over HTTP").isEmpty();
        }
    }

    @ParameterizedTest(name = "in memory: {0}")
    @ValueSource(booleans = {false, true})
    void aResetConnectionIsTheSameRetriedSdkClientExceptionOverBothTransports(boolean inMemory) {
        try (FakeEcrServer server = start(inMemory); FakeEcr fake = server.account(ACCOUNT, "us-east-1")) {
            fake.onCall("DescribeRepositories").always().resetConnection();

            SdkClientException sync = catchThrowableOfType(SdkClientException.class, () -> fake.client().describeRepositories());
            Throwable async = catchThrowable(() -> fake.asyncClient().describeRepositories().join());

            assertThat(sync.getCause()).isInstanceOf(IOException.class);
            assertThat(sync.numAttempts()).isEqualTo(4);
            assertThat(async).isInstanceOf(CompletionException.class).hasCauseInstanceOf(SdkClientException.class);
            assertThat(fake.calls("DescribeRepositories")).hasSize(8).allSatisfy(c -> {
                assertThat(c.connectionFault()).isEqualTo("RESET");
                assertThat(c.injected()).isTrue();
            });
        }
    }

    @Test
    void closingTheServerWhileADelayedAnswerWaitsFailsTheCallAsAClosedConnectionWould() throws Exception {
        FakeEcrServer server = start(true);
        FakeEcr fake = server.account(ACCOUNT, "us-east-1");
        fake.onCall("DescribeRepositories").delay(java.time.Duration.ofMillis(800));
        try (EcrClient ecr = fake.clientBuilder().overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))).build()) {
            java.util.concurrent.CompletableFuture<Throwable> call = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> catchThrowable(ecr::describeRepositories));
            Thread.sleep(200); // the call is (most likely) waiting out its delay; if not, it meets a closed server
            server.close();

            assertThat(call.get(30, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(SdkClientException.class);
        } finally {
            fake.close();
        }
    }

    @ParameterizedTest(name = "in memory: {0}")
    @ValueSource(booleans = {false, true})
    void aClosedServerFailsCallsAsAnSdkClientExceptionOverBothTransports(boolean inMemory) {
        FakeEcrServer server = start(inMemory);
        FakeEcr fake = server.account(ACCOUNT, "us-east-1");
        try (EcrClient ecr = fake.clientBuilder().overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1))).build();
             EcrAsyncClient async = fake.asyncClient()) {
            ecr.describeRepositories();
            server.close();

            assertThat(catchThrowable(ecr::describeRepositories)).isInstanceOf(SdkClientException.class);
            assertThat(catchThrowable(() -> async.describeRepositories().join()))
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(SdkClientException.class);
        } finally {
            fake.close();
        }
    }
}
