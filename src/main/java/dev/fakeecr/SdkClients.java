package dev.fakeecr;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrAsyncClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/**
 * The only place the library builds AWS SDK clients: the layer on top of the SDK-free core, which is why
 * the standalone jar (the core without the SDK) leaves this package out.
 */
final class SdkClients {
    private SdkClients() {}

    static StaticCredentialsProvider credentials(String accessKeyId, String secretAccessKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    /**
     * A builder bound to the endpoint, region and credentials. The HTTP client is explicit, so other
     * implementations on the classpath cannot make the choice ambiguous; a shared one stays open with its
     * owner, a builder's own closes with the EcrClient.
     */
    static EcrClientBuilder builder(URI endpoint, String region, StaticCredentialsProvider credentials,
                                    SdkHttpClient sharedHttpClient) {
        EcrClientBuilder builder = EcrClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials);
        return sharedHttpClient != null
                ? builder.httpClient(sharedHttpClient)
                : builder.httpClientBuilder(Apache5HttpClient.builder());
    }

    /**
     * An async client on the server's shared Netty HTTP client: closing the EcrAsyncClient leaves the shared
     * one open, so a handle's close does not wait out Netty's quiet period (about 2 s per event loop).
     */
    static EcrAsyncClient asyncClient(URI endpoint, String region, StaticCredentialsProvider credentials,
                                      SdkAsyncHttpClient sharedAsyncHttpClient) {
        return EcrAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(sharedAsyncHttpClient)
                .build();
    }

    /** The Netty HTTP client (one event loop group) that a server's handles share for their async clients. */
    static SdkAsyncHttpClient sharedAsyncHttpClient() {
        return NettyNioAsyncHttpClient.builder().build();
    }

    /**
     * Loads and initialises the SDK's client classes on another thread while the server starts on this one,
     * so a test's first client costs less: in a fresh JVM both take hundreds of milliseconds.
     */
    static void warmUpInTheBackground() {
        Thread warmUp = new Thread(() -> {
            try { // building is the work; nothing is sent
                builder(URI.create("http://127.0.0.1:1"), "us-east-1", credentials("warm", "up"), null).build().close();
            } catch (RuntimeException | LinkageError ignoredFailure) {
                // only an optimisation: the real client will report any real problem
            }
        }, "fake-ecr-sdk-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
