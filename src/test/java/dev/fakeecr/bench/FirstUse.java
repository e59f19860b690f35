package dev.fakeecr.bench;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import dev.fakeecr.registry.RegistryConfig;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * One first use in this fresh JVM: server start, client build, first PutImage. Prints the milliseconds;
 * {@link EcrBenchmark} runs it as a child process. {@code fake} over HTTP, {@code fake-in-memory} through
 * the in-memory transport, {@code canned} the floor (the SDK against a canned JDK server).
 */
public final class FirstUse {
    private FirstUse() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1,"
                + "\"digest\":\"sha256:00\"},\"layers\":[]}";
        if (args[0].startsWith("fake")) {
            FakeEcrServer.Builder settings = FakeEcrServer.builder();
            if (args[0].equals("fake-in-memory")) {
                settings.inMemoryTransport();
            }
            try (FakeEcrServer server = settings.start();
                 FakeEcr fake = server.account("123456789012", "us-east-1", RegistryConfig.DEFAULTS.withLayerChecks(false))) {
                fake.createRepository("app");
                fake.client().putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(manifest));
                System.out.println((System.nanoTime() - start) / 1_000_000.0);
            }
        } else {
            try (Floors.CannedServer server = new Floors.CannedServer(1);
                 EcrClient client = client(server.endpoint())) {
                client.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(manifest));
                System.out.println((System.nanoTime() - start) / 1_000_000.0);
            }
        }
    }

    private static EcrClient client(URI endpoint) {
        return EcrClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "x")))
                .httpClientBuilder(Apache5HttpClient.builder()).build();
    }
}
