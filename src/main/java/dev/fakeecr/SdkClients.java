package dev.fakeecr;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrAsyncClient;
import software.amazon.awssdk.services.ecr.EcrAsyncClientBuilder;
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

    /** An async client on the shared HTTP client if given (it stays open with its owner), else its own Netty one. */
    static EcrAsyncClient asyncClient(URI endpoint, String region, StaticCredentialsProvider credentials,
                                      SdkAsyncHttpClient sharedHttpClient) {
        EcrAsyncClientBuilder builder = EcrAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials);
        return (sharedHttpClient != null
                ? builder.httpClient(sharedHttpClient)
                : builder.httpClientBuilder(NettyNioAsyncHttpClient.builder())).build();
    }

    /**
     * Loads and initialises the SDK's client classes on another thread while the server starts on this one,
     * so a test's first client costs less: in a fresh JVM both take hundreds of milliseconds. For the
     * in-memory transport it leaves the Apache HTTP client out, as the clients to come will.
     */
    /** The warm-up client's HTTP client when the real ones will be in memory: nothing is ever sent through it. */
    private static final SdkHttpClient NEVER_SENDS = new SdkHttpClient() {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            throw new UnsupportedOperationException("the warm-up client sends nothing");
        }

        @Override
        public void close() {}
    };

    static void warmUpInTheBackground(boolean inMemory) {
        Thread warmUp = new Thread(() -> {
            try { // building is the work; nothing is sent
                builder(URI.create("http://127.0.0.1:1"), "us-east-1", credentials("warm", "up"),
                        inMemory ? NEVER_SENDS : null).build().close();
            } catch (RuntimeException | LinkageError ignoredFailure) {
                // only an optimisation: the real client will report any real problem
            }
        }, "fake-ecr-sdk-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
