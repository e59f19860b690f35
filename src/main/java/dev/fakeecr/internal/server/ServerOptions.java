package dev.fakeecr.internal.server;

import dev.fakeecr.internal.journal.CallJournal;
import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.RegistryConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every setting of a fake ECR server, with its default. The one description both front doors fill in: the
 * library's {@code FakeEcrServer.Builder} and the standalone jar's command line.
 */
public final class ServerOptions {
    String host = "127.0.0.1";
    int port = 0;
    String defaultAccountId = "000000000000";
    Clock clock = Clock.systemUTC();
    RegistryConfig config = RegistryConfig.DEFAULTS;
    int journalCapacity = CallJournal.DEFAULT_CAPACITY;
    boolean strictSigV4;
    final Map<String, String> credentials = new LinkedHashMap<>();
    Path seedFile;
    Duration readTimeout = DEFAULT_READ_TIMEOUT;
    long layerHeapBudget = DEFAULT_LAYER_HEAP_BUDGET;
    Duration releaseIdleAccountsAfter;
    String adminToken;

    /** The layer bytes all accounts together keep on the heap, by default (256 MiB); the rest go to temporary files. */
    public static final long DEFAULT_LAYER_HEAP_BUDGET = 256L * 1024 * 1024;

    /** How long a connection may send nothing, mid-request or between requests, by default. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);

    /** Every default: 127.0.0.1, a free port, account 000000000000, the system clock, ECR's quotas. */
    public ServerOptions() {}

    /**
     * The address to bind.
     *
     * @param host a host name or IP address
     * @return these options
     */
    public ServerOptions host(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /**
     * The port to bind; 0 picks a free one.
     *
     * @param port the port
     * @return these options
     * @throws IllegalArgumentException outside 0..65535
     */
    public ServerOptions port(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("a port is 0..65535: " + port);
        }
        this.port = port;
        return this;
    }

    /**
     * The account of requests signed with an access key id that is not a 12-digit account id.
     *
     * @param accountId a 12-digit account id
     * @return these options
     * @throws IllegalArgumentException if it is not 12 digits
     */
    public ServerOptions defaultAccountId(String accountId) {
        this.defaultAccountId = AccountIds.require(accountId, "accountId");
        return this;
    }

    /**
     * The clock every registry's clock follows until a test moves it.
     *
     * @param clock the clock
     * @return these options
     */
    public ServerOptions clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * The quotas and layer checks of accounts that requests create (handles bring their own).
     *
     * @param config the quotas
     * @return these options
     */
    public ServerOptions config(RegistryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return this;
    }

    /**
     * The quotas and layer checks, as they are now.
     *
     * @return the config
     */
    public RegistryConfig config() {
        return config;
    }

    /**
     * How many calls each account's journal keeps.
     *
     * @param calls at least 1
     * @return these options
     * @throws IllegalArgumentException below 1
     */
    public ServerOptions journalCapacity(int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("journalCapacity must be at least 1: " + calls);
        }
        this.journalCapacity = calls;
        return this;
    }

    /**
     * Verify every request's signature; unknown access keys are refused.
     *
     * @return these options
     */
    public ServerOptions strictSigV4() {
        this.strictSigV4 = true;
        return this;
    }

    /**
     * A key pair the server knows, for clients no handle built.
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey its secret
     * @return these options
     */
    public ServerOptions credentials(String accessKeyId, String secretAccessKey) {
        credentials.put(Objects.requireNonNull(accessKeyId, "accessKeyId"),
                Objects.requireNonNull(secretAccessKey, "secretAccessKey"));
        return this;
    }

    /**
     * Repositories and images to load before the server answers (see {@code SeedFile}).
     *
     * @param file a seed file
     * @return these options
     */
    public ServerOptions seedFile(Path file) {
        this.seedFile = Objects.requireNonNull(file, "file");
        return this;
    }

    /**
     * One bound for the whole server on the layer bytes all accounts keep on the heap, beside each registry's
     * own {@code layerBytesRetained}: past it, blobs go to temporary files, however many accounts callers make.
     *
     * @param bytes the budget, at least 0
     * @return these options
     * @throws IllegalArgumentException if it is negative
     */
    public ServerOptions layerHeapBudget(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("layerHeapBudget must not be negative: " + bytes);
        }
        this.layerHeapBudget = bytes;
        return this;
    }

    /**
     * How long a connection may send nothing before the server gives up on it: a request whose body stalls
     * this long is answered with a JSON 408, an idle connection is closed.
     *
     * @param timeout a positive duration
     * @return these options
     * @throws IllegalArgumentException if it is not positive
     */
    public ServerOptions readTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive: " + timeout);
        }
        this.readTimeout = timeout;
        return this;
    }

    /**
     * Releases the state of accounts and regions that no handle holds and no seed loaded once nothing has
     * reached them for {@code idle} (by default never): for a long-running standalone server.
     *
     * @param idle a positive duration
     * @return these options
     * @throws IllegalArgumentException if it is not positive
     */
    public ServerOptions releaseIdleAccountsAfter(Duration idle) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("releaseIdleAccountsAfter must be positive: " + idle);
        }
        this.releaseIdleAccountsAfter = idle;
        return this;
    }

    /**
     * A token every admin path but health ({@code /fake-ecr/faults}, {@code /fake-ecr/calls}, ...) requires in an
     * {@code X-Fake-Ecr-Admin-Token} header (by default none needs one).
     *
     * @param token a non-blank token
     * @return these options
     * @throws IllegalArgumentException if it is blank
     */
    public ServerOptions adminToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("adminToken must not be blank");
        }
        this.adminToken = token;
        return this;
    }

    /**
     * The account of requests whose key is not an account id.
     *
     * @return the default account id
     */
    public String defaultAccountId() {
        return defaultAccountId;
    }
}
