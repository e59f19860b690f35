package dev.fakeecr;

import dev.fakeecr.internal.journal.CallJournal;
import dev.fakeecr.internal.protocol.ClientScopes;
import dev.fakeecr.internal.protocol.EcrProtocol;
import dev.fakeecr.internal.protocol.SigningKeys;
import dev.fakeecr.internal.registry.Registries;
import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.RegistryConfig;
import dev.fakeecr.registry.TestClock;
import dev.fakeecr.internal.server.EcrHttpServer;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The fake ECR endpoint: an HTTP server on loopback holding one registry per (account, region). Usable
 * without JUnit; the JUnit extension shares one of these across a whole test run.
 *
 * <pre>{@code
 * try (FakeEcrServer server = FakeEcrServer.start()) {
 *     FakeEcr ecr = server.account("111122223333", "eu-west-1");
 *     EcrClient client = ecr.client();
 * }
 * }</pre>
 */
public final class FakeEcrServer implements AutoCloseable {
    private final Registries registries;
    private final ClientScopes clientScopes;
    private final SigningKeys signingKeys;
    private final EcrHttpServer http;

    private FakeEcrServer(Builder builder) {
        warmUpSdkInTheBackground();
        this.registries = new Registries(builder.clock, builder.config);
        this.clientScopes = new ClientScopes(builder.journalCapacity);
        this.signingKeys = new SigningKeys(builder.strictSigV4);
        builder.credentials.forEach((key, secret) -> signingKeys.register(key, secret, false));
        this.http = EcrHttpServer.start(builder.host, builder.port,
                new EcrProtocol(registries, clientScopes, signingKeys, builder.defaultAccountId));
    }

    /**
     * Loads and initialises the SDK's client classes on another thread while WireMock starts on this
     * one, so a test's first client costs less: in a fresh JVM both take hundreds of milliseconds.
     */
    private static void warmUpSdkInTheBackground() {
        Thread warmUp = new Thread(() -> {
            try {
                // Building is the work; nothing is sent.
                EcrClient.builder().endpointOverride(URI.create("http://127.0.0.1:1"))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("warm", "up")))
                        .httpClientBuilder(Apache5HttpClient.builder()).build()
                        .close();
            } catch (RuntimeException | LinkageError ignoredFailure) {
                // only an optimisation: the real client will report any real problem
            }
        }, "fake-ecr-sdk-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * Starts a server on 127.0.0.1 on a free port with ECR's default quotas.
     *
     * @return the running server
     */
    public static FakeEcrServer start() {
        return builder().start();
    }

    /**
     * Settings for a server; {@code builder().start()} is the same as {@link #start()}.
     *
     * @return a builder with every default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The endpoint to give SDK clients, e.g. {@code http://127.0.0.1:41234}.
     *
     * @return the endpoint
     */
    public URI endpoint() {
        return http.endpoint();
    }

    /**
     * The port the server listens on.
     *
     * @return the port; a free one the system chose unless {@link Builder#port} set one
     */
    public int port() {
        return http.port();
    }

    /**
     * A handle on one account's registry in one region, which starts empty (anything held there before
     * is dropped). Closing the handle closes its clients and drops the account's state.
     *
     * @param accountId a 12-digit account id
     * @param region the region, e.g. {@code eu-west-1}
     * @return a handle on the account's empty registry
     * @throws IllegalArgumentException if {@code accountId} is not 12 digits
     */
    public FakeEcr account(String accountId, String region) {
        return account(accountId, region, RegistryConfig.DEFAULTS);
    }

    /**
     * As {@link #account(String, String)}, with this account's quotas.
     *
     * @param accountId a 12-digit account id
     * @param region the region
     * @param config the registry's quotas and layer checks
     * @return a handle on the account's empty registry
     * @throws IllegalArgumentException if {@code accountId} is not 12 digits
     */
    public FakeEcr account(String accountId, String region, RegistryConfig config) {
        return account(accountId, region, config, null);
    }

    /**
     * As {@link #account(String, String, RegistryConfig)}, with the handle's synchronous SDK clients built on
     * {@code httpClient}, which the caller shares across handles and closes. Null gives each client its own.
     *
     * @param accountId a 12-digit account id
     * @param region the region
     * @param config the registry's quotas and layer checks
     * @param httpClient the HTTP client of the handle's {@link EcrClient}s, or null
     * @return a handle on the account's empty registry
     * @throws IllegalArgumentException if {@code accountId} is not 12 digits
     */
    public FakeEcr account(String accountId, String region, RegistryConfig config, SdkHttpClient httpClient) {
        return account(accountId, region, config, httpClient, false);
    }

    /**
     * As {@link #account(String, String, RegistryConfig, SdkHttpClient)}; with {@code strictSignatures},
     * requests signed with this account's access key must carry a valid SigV4 signature (made with
     * {@link FakeEcr#SECRET_ACCESS_KEY}), or are refused with {@code InvalidSignatureException}.
     *
     * @param accountId a 12-digit account id
     * @param region the region
     * @param config the registry's quotas and layer checks
     * @param httpClient the HTTP client of the handle's {@link EcrClient}s, or null
     * @param strictSignatures whether to verify the signature of requests signed with this account's key
     * @return a handle on the account's empty registry
     * @throws IllegalArgumentException if {@code accountId} is not 12 digits
     */
    public FakeEcr account(String accountId, String region, RegistryConfig config, SdkHttpClient httpClient,
                           boolean strictSignatures) {
        AccountIds.require(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        TestClock clock = registries.newClock();
        registries.reset(accountId, region, Objects.requireNonNull(config, "config"), clock);
        ClientScopes.ClientScope calls = clientScopes.reset(accountId, region);
        signingKeys.register(accountId, FakeEcr.SECRET_ACCESS_KEY, strictSignatures);
        return new FakeEcr(this, accountId, region, registries, clock, calls, () -> {
            registries.remove(accountId, region);
            clientScopes.remove(accountId, region);
            signingKeys.forget(accountId);
        }, httpClient);
    }

    /**
     * How many accounts the server holds state for (registries, call journals, keys): handles release
     * theirs when closed, so after a suite this is back to what is still open.
     *
     * @return the number of accounts held
     */
    public int accountsHeld() {
        return Math.max(registries.size(), Math.max(clientScopes.size(), signingKeys.size()));
    }

    /** Stops the server. Idempotent. */
    @Override
    public void close() {
        http.close();
    }

    /** Server settings. Every setting has a default, so {@code builder().start()} is a working server. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private String defaultAccountId = "000000000000";
        private Clock clock = Clock.systemUTC();
        private RegistryConfig config = RegistryConfig.DEFAULTS;
        private int journalCapacity = CallJournal.DEFAULT_CAPACITY;
        private boolean strictSigV4;
        private final Map<String, String> credentials = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Verifies every request's SigV4 signature as AWS does: an unknown access key gets
         * {@code UnrecognizedClientException}, a wrong signature {@code InvalidSignatureException}.
         * Handles' keys are known; add others with {@link #credentials}.
         *
         * @return this builder
         */
        public Builder strictSigV4() {
            this.strictSigV4 = true;
            return this;
        }

        /**
         * A key pair the fake knows, for clients not built by a handle.
         *
         * @param accessKeyId the access key id
         * @param secretAccessKey its secret key
         * @return this builder
         */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            credentials.put(Objects.requireNonNull(accessKeyId, "accessKeyId"),
                    Objects.requireNonNull(secretAccessKey, "secretAccessKey"));
            return this;
        }

        /**
         * How many calls each account's journal keeps (the oldest go first); default 1,000.
         *
         * @param calls how many calls, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code calls} is below 1
         */
        public Builder journalCapacity(int calls) {
            if (calls < 1) {
                throw new IllegalArgumentException("journalCapacity must be at least 1: " + calls);
            }
            this.journalCapacity = calls;
            return this;
        }

        /**
         * The address to bind; default {@code 127.0.0.1}.
         *
         * @param host a host name or IP address
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port to bind; default 0, a free port.
         *
         * @param port the port, or 0 for a free one
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The account of requests signed with an access key id that is not a 12-digit account id.
         *
         * @param accountId a 12-digit account id
         * @return this builder
         * @throws IllegalArgumentException if {@code accountId} is not 12 digits
         */
        public Builder defaultAccountId(String accountId) {
            this.defaultAccountId = AccountIds.require(accountId, "accountId");
            return this;
        }

        /**
         * The clock for push and creation times; default the system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The quotas of accounts that no handle configured; default ECR's.
         *
         * @param config the quotas and layer checks
         * @return this builder
         */
        public Builder config(RegistryConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Starts a server with these settings.
         *
         * @return the running server
         */
        public FakeEcrServer start() {
            return new FakeEcrServer(this);
        }
    }
}
