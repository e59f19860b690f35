package dev.fakeecr.internal.server;

import dev.fakeecr.internal.account.Accounts;
import dev.fakeecr.internal.admin.AdminApi;
import dev.fakeecr.internal.admin.LayerDownloads;
import dev.fakeecr.internal.distribution.RegistryEndpoint;
import dev.fakeecr.internal.protocol.EcrProtocol;
import dev.fakeecr.internal.protocol.LayerUrls;
import dev.fakeecr.internal.protocol.SigningKeys;
import dev.fakeecr.internal.protocol.WireRequest;
import dev.fakeecr.internal.protocol.WireResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The composition root: builds the one account store, the handlers of every path and the HTTP engine from
 * {@link ServerOptions}, and routes each request by its path. The library's {@code FakeEcrServer} and the
 * standalone jar both start the fake through here and nowhere else; it needs no AWS SDK.
 *
 * <pre>
 * /v2/...               the registry endpoint (OCI distribution), served ahead of WireMock: it streams
 * POST /                ECR's JSON protocol (any other method on / is a 405)
 * /fake-ecr/layers/...  layer downloads (GetDownloadUrlForLayer's URLs)
 * /fake-ecr/...         the admin API (health, fault rules, call journal)
 * anything else         a 404
 * </pre>
 * Every refusal is in the protocol's JSON error form with a request id.
 */
public final class EcrServer implements AutoCloseable {
    private final Accounts accounts;
    private final EcrHttpServer http;
    /** Releases idle server-owned accounts, when the options ask for it; else null. */
    private final ScheduledExecutorService idleRelease;

    private EcrServer(ServerOptions options) throws IOException {
        this.accounts = new Accounts(options.clock, options.config, options.journalCapacity);
        if (options.seedFile != null) {
            SeedFile.load(options.seedFile, accounts, options.defaultAccountId);
        }
        EcrProtocol protocol = new EcrProtocol(accounts,
                new SigningKeys(options.strictSigV4, options.credentials), options.defaultAccountId, this::endpoint);
        AdminApi admin = new AdminApi(accounts);
        LayerDownloads downloads = new LayerDownloads(accounts);
        RegistryEndpoint registryEndpoint = new RegistryEndpoint(accounts);
        this.http = EcrHttpServer.start(options.host, options.port, options.readTimeout,
                request -> route(request, protocol, admin, downloads, options.adminToken), registryEndpoint);
        this.idleRelease = options.releaseIdleAccountsAfter == null ? null
                : idleRelease(accounts, options.releaseIdleAccountsAfter);
    }

    /**
     * Starts a server and returns once it accepts requests.
     *
     * @param options its settings
     * @return the running server
     * @throws UncheckedIOException if the seed file cannot be read
     * @throws IllegalArgumentException if the seed file breaks ECR's rules
     */
    public static EcrServer start(ServerOptions options) {
        try {
            return new EcrServer(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed file " + options.seedFile + ": " + e.getMessage(), e);
        }
    }

    private static WireResponse route(WireRequest request, EcrProtocol protocol, AdminApi admin,
                                      LayerDownloads downloads, String adminToken) {
        String url = request.url() == null ? "/" : request.url();
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        if (path.startsWith(LayerUrls.PREFIX)) {
            return request.method().equals("GET") ? downloads.download(url)
                    : EcrProtocol.error("MethodNotAllowedException", 405, "fake-ecr serves layer URLs with GET only");
        }
        if (path.startsWith(AdminApi.PREFIX)) {
            if (adminToken != null && !path.equals(AdminApi.PREFIX + "health")
                    && !tokenMatches(adminToken, request.header(ADMIN_TOKEN_HEADER))) {
                return EcrProtocol.error("AccessDeniedException", 403, "fake-ecr's admin API needs the server's"
                        + " admin token in the " + ADMIN_TOKEN_HEADER + " header");
            }
            return admin.handle(request.method(), url, request.body());
        }
        if (path.equals(REGISTRY_ROOT) || path.startsWith(REGISTRY_ROOT + "/")) {
            return notFound(request.method(), path); // served ahead of WireMock by the registry endpoint
        }
        if (path.equals("/")) {
            // ECR's protocol is POST / only: another method must not run an operation.
            return request.method().equals("POST") ? protocol.handle(request)
                    : EcrProtocol.error("MethodNotAllowedException", 405,
                            "fake-ecr answers ECR's protocol with POST / only, not " + request.method());
        }
        return notFound(request.method(), path);
    }

    /** Where the admin API's callers put the token, when the server was started with one. */
    static final String ADMIN_TOKEN_HEADER = "X-Fake-Ecr-Admin-Token";

    private static boolean tokenMatches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** The OCI distribution API's root: the registry endpoint answers it before the router is reached. */
    private static final String REGISTRY_ROOT = "/v2";

    private static WireResponse notFound(String method, String path) {
        return EcrProtocol.error("NotFoundException", 404, "fake-ecr has no " + method + " "
                + (path.length() > 200 ? path.substring(0, 200) + "…" : path));
    }

    /**
     * Every account's state.
     *
     * @return the store
     */
    public Accounts accounts() {
        return accounts;
    }

    /**
     * {@code http://<host>:<port>}.
     *
     * @return the endpoint
     */
    public URI endpoint() {
        return http.endpoint();
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() {
        return http.port();
    }

    private static ScheduledExecutorService idleRelease(Accounts accounts, Duration idle) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "fake-ecr-idle-accounts");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, Math.min(idle.toMillis() / 2, 60_000));
        scheduler.scheduleWithFixedDelay(() -> accounts.releaseIdle(idle), every, every, TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /** Stops the server; the state requests created goes with it. Idempotent. */
    @Override
    public void close() {
        if (idleRelease != null) {
            idleRelease.shutdownNow();
        }
        http.close();
        accounts.closeAll();
    }
}
