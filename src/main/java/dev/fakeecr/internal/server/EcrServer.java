package dev.fakeecr.internal.server;

import dev.fakeecr.internal.account.Accounts;
import dev.fakeecr.internal.admin.AdminApi;
import dev.fakeecr.internal.admin.LayerDownloads;
import dev.fakeecr.internal.distribution.RegistryEndpoint;
import dev.fakeecr.internal.protocol.EcrProtocol;
import dev.fakeecr.internal.registry.MemoryBudget;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.internal.protocol.LayerUrls;
import dev.fakeecr.internal.protocol.SigningKeys;
import dev.fakeecr.internal.protocol.WireRequest;
import dev.fakeecr.internal.protocol.WireResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The composition root: builds the one account store and the handlers of every path from
 * {@link ServerOptions}, and routes each request by its path. The library's
 * {@code FakeEcrServer} and the standalone jar both start the fake through here and nowhere else; it needs
 * no AWS SDK. Two ways in reach the one router: HTTP on a socket (WireMock on Jetty), and in memory
 * ({@link #serveInMemory}, a plain method call) for the library's in-memory transport. {@link #start} starts
 * HTTP; {@link #startInMemory} starts nothing, and HTTP starts on first need.
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
    /**
     * The host of in-memory clients' endpoint: no socket is behind it, so nothing resolves it ({@code .invalid}
     * is reserved for that), and links in answers to requests that name it name the HTTP server instead.
     */
    public static final String IN_MEMORY_HOST = "in-memory.fake-ecr.invalid";

    private final Accounts accounts;
    private final String host;
    private final int port;
    private final Duration readTimeout;
    /** Releases idle server-owned accounts, when the options ask for it; else null. */
    private final ScheduledExecutorService idleRelease;
    private final Function<WireRequest, WireResponse> router;
    /** The /v2/ registry endpoint: HTTP only (it streams blobs ahead of WireMock), so not the router's. */
    private final RegistryEndpoint registryEndpoint;
    private EcrHttpServer http; // guarded by this
    private volatile boolean closed; // written under this

    private EcrServer(ServerOptions options) throws IOException {
        this.accounts = new Accounts(options.clock, options.config, options.journalCapacity,
                new MemoryBudget(options.layerHeapBudget));
        if (options.seedFile != null) {
            SeedFile.load(options.seedFile, accounts, options.defaultAccountId);
        }
        this.host = options.host;
        this.port = options.port;
        this.readTimeout = options.readTimeout;
        // Links in answers (layer URLs) name the HTTP server's own address, never the request's Host header
        // (in memory there is no socket behind it; over HTTP any client may send any Host).
        EcrProtocol protocol = new EcrProtocol(accounts,
                new SigningKeys(options.strictSigV4, options.credentials), options.defaultAccountId,
                requestHost -> http().endpoint().getRawAuthority());
        AdminApi admin = new AdminApi(accounts);
        LayerDownloads downloads = new LayerDownloads(accounts);
        this.registryEndpoint = new RegistryEndpoint(accounts);
        this.router = request -> route(request, protocol, admin, downloads, options.adminToken);
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
        EcrServer server = create(options);
        server.http();
        return server;
    }

    /**
     * Creates a server for in-memory requests ({@link #serveInMemory}); its HTTP engine starts on first need
     * ({@link #endpoint()}, {@link #port()}, a link in an in-memory answer), so one used only in memory never
     * loads WireMock or Jetty.
     *
     * @param options its settings
     * @return the server, ready for in-memory requests
     * @throws UncheckedIOException if the seed file cannot be read
     * @throws IllegalArgumentException if the seed file breaks ECR's rules
     */
    public static EcrServer startInMemory(ServerOptions options) {
        return create(options);
    }

    private static EcrServer create(ServerOptions options) {
        try {
            return new EcrServer(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed file " + options.seedFile + ": " + e.getMessage(), e);
        }
    }

    private synchronized EcrHttpServer http() {
        if (http == null) {
            if (closed) {
                throw new IllegalStateException("this fake ECR server is closed");
            }
            http = EcrHttpServer.start(host, port, readTimeout, router, registryEndpoint);
        }
        return http;
    }

    /**
     * Serves one request in memory: straight to the router WireMock's request filter feeds over HTTP (so the
     * same fault rules, journal and checks), behind the same body limit ({@link EcrProtocol#MAX_REQUEST_BYTES}):
     * a body declared or found larger is refused with the same answer as over HTTP, without reading more of it
     * than the limit. Like WireMock over HTTP, it waits out a fault rule's delay before it returns.
     *
     * @param method the HTTP method
     * @param url the path and query
     * @param headers the values of a header by name, case-insensitively ({@code Host} among them)
     * @param declaredLength the body's {@code Content-Length}, or -1 if unknown
     * @param body the body
     * @return the answer, or (its {@link WireResponse#connectionFault()}) the broken connection a fault rule
     *     asked for
     * @throws IOException if the body cannot be read, or (as a {@link ConnectException}) the server is closed,
     *     or (as an {@link InterruptedIOException}) the thread is interrupted while it waits out a delay
     */
    public WireResponse serveInMemory(String method, String url, Function<String, List<String>> headers,
                                      long declaredLength, InputStream body) throws IOException {
        if (closed) { // as an HTTP client finds a closed server's port
            throw new ConnectException("fake-ecr: this fake ECR server is closed");
        }
        if (declaredLength > EcrProtocol.MAX_REQUEST_BYTES) {
            return EcrProtocol.requestTooLarge(declaredLength);
        }
        // A declared length within the limit is read in one piece; an unknown one only as far as the limit.
        byte[] bytes = declaredLength >= 0 ? body.readNBytes((int) declaredLength)
                : BoundedRead.readWithin(body, EcrProtocol.MAX_REQUEST_BYTES);
        if (bytes == null) {
            return EcrProtocol.requestTooLarge(-1);
        }
        WireResponse response;
        try {
            response = router.apply(new WireRequest(method, url, headers, bytes));
        } catch (RuntimeException e) { // a bug in the fake: over HTTP Jetty answers it as a JSON 500 too
            return EcrProtocol.error("ServerException", 500, "fake-ecr could not handle the request (500): " + e);
        }
        if (!response.delay().isZero()) {
            try {
                Thread.sleep(response.delayMillis());
            } catch (InterruptedException e) { // the SDK's call timeout interrupts a sync call's thread
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("fake-ecr: interrupted while a fault rule's delay ran");
            }
            if (closed) { // closed while the answer waited: as HTTP, the connection goes with the server
                throw new ConnectException("fake-ecr: this fake ECR server closed before answering");
            }
        }
        return response;
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
            if (path.equals(AdminApi.PREFIX + "health")) {
                return admin.handle(request.method(), url, request.body(), null); // open to every caller
            }
            String signedAccount;
            try {
                signedAccount = protocol.signedAccount(request).orElse(null);
            } catch (EcrError e) {
                return EcrProtocol.error(e.code().code(), e.code().httpStatus(), e.getMessage());
            }
            if (signedAccount == null && protocol.verifiesEverySignature()) {
                return EcrProtocol.error("MissingAuthenticationTokenException", 403, "fake-ecr verifies signatures"
                        + " (--strict-sigv4): admin requests must be signed (SigV4) for the account they act on");
            }
            return admin.handle(request.method(), url, request.body(), signedAccount);
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
        return http().endpoint();
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() {
        return http().port();
    }

    /**
     * Whether the HTTP engine has started (a server started in memory starts it on first need).
     *
     * @return whether Jetty is serving, or served until {@link #close()}
     */
    public synchronized boolean servesHttp() {
        return http != null;
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
    public synchronized void close() {
        closed = true;
        if (idleRelease != null) {
            idleRelease.shutdownNow();
        }
        try {
            if (http != null) {
                http.close();
            }
        } finally {
            accounts.closeAll();
        }
    }
}
