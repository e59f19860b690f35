package dev.fakeecr;

import dev.fakeecr.internal.account.AccountKey;
import dev.fakeecr.internal.account.Accounts;
import dev.fakeecr.internal.server.EcrServer;
import dev.fakeecr.internal.server.ServerOptions;
import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.RegistryConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
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
    /**
     * The system property that sets the default transport of handles' clients: {@code http} (the default) or
     * {@code in-memory}, as {@link Builder#inMemoryTransport()}; for running a whole test suite both ways.
     */
    static final String TRANSPORT_PROPERTY = "fakeecr.transport";

    private final EcrServer core;
    private final InMemoryHttpClient inMemory;
    /** Built on the first async client: Netty's event loop is costly to start and to stop, so handles share it. */
    private SdkAsyncHttpClient sharedAsyncHttpClient;
    private boolean closed;

    private FakeEcrServer(Builder builder) {
        SdkClients.warmUpInTheBackground(builder.inMemoryTransport);
        if (builder.inMemoryTransport) {
            this.core = EcrServer.startInMemory(builder.options); // HTTP on first need: endpoint(), port(), a link
            this.inMemory = new InMemoryHttpClient(core);
        } else {
            this.core = EcrServer.start(builder.options);
            this.inMemory = null;
        }
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
     * The endpoint to give SDK clients, e.g. {@code http://127.0.0.1:41234}. With the in-memory transport,
     * the HTTP server starts on the first call of this or {@link #port()}.
     *
     * @return the endpoint
     * @throws IllegalStateException if the server is closed and never served HTTP
     */
    public URI endpoint() {
        return core.endpoint();
    }

    /** The core the handles act on. */
    EcrServer core() {
        return core;
    }

    /**
     * The port the server listens on.
     *
     * @return the port; a free one the system chose unless {@link Builder#port} set one
     * @throws IllegalStateException if the server is closed and never served HTTP
     */
    public int port() {
        return core.port();
    }

    /**
     * A handle on one account's registry in one region, which starts empty (anything held there before
     * is dropped). Closing the handle closes its clients and drops the account's state, unless another
     * handle opened later on the same account and region is still open: the two share the later one's
     * state, which goes when the last of them closes.
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
        AccountKey key = new AccountKey(accountId, Objects.requireNonNull(region, "region"));
        return new FakeEcr(this, core.accounts().open(key, Objects.requireNonNull(config, "config"), strictSignatures),
                httpClient);
    }

    /**
     * A handle on the account and region's current state (for {@link FakeEcr#region} and
     * {@link FakeEcr#account}), fresh with ECR's defaults if there is none.
     */
    FakeEcr attach(String accountId, String region, SdkHttpClient httpClient) {
        AccountIds.require(accountId, "accountId");
        AccountKey key = new AccountKey(accountId, Objects.requireNonNull(region, "region"));
        return new FakeEcr(this, core.accounts().attach(key, RegistryConfig.DEFAULTS, false), httpClient);
    }

    /** The server's account store, for the handles' hooks that span accounts (replication). */
    Accounts accounts() {
        return core.accounts();
    }

    /**
     * How many accounts (each in one region) the server holds state for: those open handles hold, plus those
     * that requests from clients no handle built created (the server keeps these until it stops). A request
     * that only names another account ({@code registryId}, a layer URL) creates none.
     *
     * @return the number of account states held
     */
    public int accountsHeld() {
        return core.accounts().size();
    }

    /** Whether the HTTP server has started (for tests of the in-memory transport, which starts it on need). */
    boolean servesHttp() {
        return core.servesHttp();
    }

    /** The in-memory transport of handles' clients, or null if they use HTTP. */
    InMemoryHttpClient inMemoryTransport() {
        return inMemory;
    }

    synchronized SdkAsyncHttpClient sharedAsyncHttpClient() {
        if (closed) {
            throw new IllegalStateException("this FakeEcrServer is closed");
        }
        if (sharedAsyncHttpClient == null) {
            sharedAsyncHttpClient = SdkClients.sharedAsyncHttpClient();
        }
        return sharedAsyncHttpClient;
    }

    /** Stops the server and closes the HTTP clients its handles share (async, in-memory). Idempotent. */
    @Override
    public void close() {
        SdkAsyncHttpClient asyncHttp;
        synchronized (this) {
            closed = true;
            asyncHttp = sharedAsyncHttpClient;
            sharedAsyncHttpClient = null;
        }
        try {
            core.close();
        } finally {
            try {
                if (inMemory != null) {
                    inMemory.close();
                }
            } finally {
                if (asyncHttp != null) {
                    asyncHttp.close();
                }
            }
        }
    }

    /** Server settings. Every setting has a default, so {@code builder().start()} is a working server. */
    public static final class Builder {
        private final ServerOptions options = new ServerOptions();
        private boolean inMemoryTransport = inMemoryByDefault();

        private Builder() {}

        private static boolean inMemoryByDefault() {
            String transport = System.getProperty(TRANSPORT_PROPERTY, "http");
            if (!transport.equals("http") && !transport.equals("in-memory")) {
                throw new IllegalArgumentException("-D" + TRANSPORT_PROPERTY + " is http or in-memory, not '"
                        + transport + "'");
            }
            return transport.equals("in-memory");
        }

        /**
         * Handles' clients ({@link FakeEcr#client()}, {@link FakeEcr#asyncClient()},
         * {@link FakeEcr#clientBuilder()}) reach the fake in memory, by a method call into the same router,
         * instead of over HTTP: same answers, faults and journal, no socket, a fraction of the cost. The HTTP
         * server still starts, on first need ({@link FakeEcrServer#endpoint()}, {@link FakeEcrServer#port()}, a layer URL), for clients
         * the application builds and other processes. A handle given its own HTTP client uses HTTP.
         *
         * @return this builder
         */
        public Builder inMemoryTransport() {
            this.inMemoryTransport = true;
            return this;
        }

        /**
         * Verifies every request's SigV4 signature as AWS does: an unknown access key gets
         * {@code UnrecognizedClientException}, a wrong signature {@code InvalidSignatureException}.
         * Handles' keys are known; add others with {@link #credentials}.
         *
         * @return this builder
         */
        public Builder strictSigV4() {
            options.strictSigV4();
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
            options.credentials(accessKeyId, secretAccessKey);
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
            options.journalCapacity(calls);
            return this;
        }

        /**
         * The address to bind; default {@code 127.0.0.1}.
         *
         * @param host a host name or IP address
         * @return this builder
         */
        public Builder host(String host) {
            options.host(host);
            return this;
        }

        /**
         * The port to bind; default 0, a free port.
         *
         * @param port the port, or 0 for a free one
         * @return this builder
         */
        public Builder port(int port) {
            options.port(port);
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
            options.defaultAccountId(accountId);
            return this;
        }

        /**
         * The clock for push and creation times; default the system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            options.clock(clock);
            return this;
        }

        /**
         * The quotas of accounts that no handle configured; default ECR's.
         *
         * @param config the quotas and layer checks
         * @return this builder
         */
        public Builder config(RegistryConfig config) {
            options.config(config);
            return this;
        }

        /**
         * How long a connection may send nothing before the server gives up on it; default 20 seconds. A
         * request whose body stalls this long is answered with HTTP 408 {@code RequestTimeoutException}.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is not positive
         */
        public Builder readTimeout(Duration timeout) {
            options.readTimeout(timeout);
            return this;
        }

        /**
         * One bound for the whole server on the layer bytes all its accounts keep on the heap (default 256 MiB),
         * beside each account's {@code layerBytesRetained}: past either, blob bytes go to temporary files, so
         * however many accounts callers make, layers never fill the heap.
         *
         * @param bytes the budget, at least 0
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder layerHeapBudget(long bytes) {
            options.layerHeapBudget(bytes);
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
