package dev.fakeecr;

import dev.fakeecr.internal.account.RegistryTokens;
import dev.fakeecr.registry.RegistryLogin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import dev.fakeecr.faults.FaultRule;
import dev.fakeecr.faults.FaultRuleBuilder;
import dev.fakeecr.journal.Call;
import dev.fakeecr.internal.account.AccountState;
import dev.fakeecr.internal.account.Accounts;
import dev.fakeecr.internal.protocol.EcrProtocol;
import dev.fakeecr.internal.protocol.SigningKeys;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.LifecycleRun;
import dev.fakeecr.registry.LayerMemory;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.internal.registry.ReplicationConfiguration;
import dev.fakeecr.internal.registry.SigningStatus;
import dev.fakeecr.registry.RepositoryInfo;
import dev.fakeecr.registry.RepositorySettings;
import dev.fakeecr.registry.ScanFinding;
import dev.fakeecr.registry.TestClock;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.ecr.EcrAsyncClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/**
 * A handle on one account's registry in one region of a {@link FakeEcrServer}: ready SDK clients for it,
 * seeding that skips the wire, and read access to its state. This is what tests receive.
 *
 * <p>Seeding applies ECR's rules (a repository that exists, an image already pushed, an immutable tag
 * are refused with the same {@link dev.fakeecr.registry.EcrError} the API answers) but does not appear as
 * a call the code under test made. After {@link #close()}, seeding and reading the registry's repositories
 * and images throw {@link IllegalStateException}.
 */
public final class FakeEcr implements AutoCloseable {
    /** The secret access key of every client this handle builds (what strict SigV4 verification expects). */
    public static final String SECRET_ACCESS_KEY = SigningKeys.HANDLE_SECRET_ACCESS_KEY;

    private final FakeEcrServer server;
    private final String accountId;
    private final String region;
    private final Accounts.Hold hold;
    private final SdkHttpClient sharedHttpClient;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile EcrClient client;
    private volatile EcrAsyncClient asyncClient;
    /** Handles on other regions and accounts this handle opened, closed with it. */
    private final java.util.Map<String, FakeEcr> others = new java.util.LinkedHashMap<>();

    FakeEcr(FakeEcrServer server, Accounts.Hold hold, SdkHttpClient sharedHttpClient) {
        this.server = server;
        this.hold = hold;
        this.accountId = hold.state().key().accountId();
        this.region = hold.state().key().region();
        this.sharedHttpClient = sharedHttpClient;
    }

    /**
     * The account whose registry this is; also the access key id of this handle's clients.
     *
     * @return the 12-digit account id
     */
    public String accountId() {
        return accountId;
    }

    /**
     * The region of this registry and of this handle's clients.
     *
     * @return the region, e.g. {@code us-east-1}
     */
    public String region() {
        return region;
    }

    /**
     * This registry's clock: push, creation and pull times and token expiry come from it. It follows the
     * system clock until the test calls {@link TestClock#set} or {@link TestClock#advance}.
     *
     * @return the registry's clock
     */
    public TestClock clock() {
        return hold.state().clock();
    }

    /**
     * The endpoint of the server, e.g. {@code http://127.0.0.1:41234}; with the in-memory transport, the HTTP
     * server starts on this call if it has not yet (this handle's clients do not need it).
     *
     * @return the server's endpoint
     */
    public URI endpoint() {
        return server.endpoint();
    }

    /**
     * The {@link EcrClient} for this account and region, built on first use and closed with this handle.
     *
     * @return the client, the same one on every call
     * @throws IllegalStateException if this handle is closed and the client was never built
     */
    public EcrClient client() {
        EcrClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    checkOpen(); // a client built after close() would never be closed
                    client = clientBuilder().build();
                }
                current = client;
            }
        }
        return current;
    }

    /**
     * The {@link EcrAsyncClient} for this account and region (Netty HTTP client, or the in-memory transport),
     * built on first use and closed with this handle.
     *
     * @return the client, the same one on every call
     */
    public EcrAsyncClient asyncClient() {
        EcrAsyncClient current = asyncClient;
        if (current == null) {
            synchronized (this) {
                if (asyncClient == null) {
                    checkOpen();
                    InMemoryHttpClient inMemory = inMemoryTransport();
                    asyncClient = inMemory != null
                            ? SdkClients.asyncClient(InMemoryHttpClient.ENDPOINT, region, credentialsProvider(), inMemory)
                            : SdkClients.asyncClient(endpoint(), region, credentialsProvider(), null);
                }
                current = asyncClient;
            }
        }
        return current;
    }

    /**
     * The static credentials of this handle's clients: the account id as access key, {@link #SECRET_ACCESS_KEY}.
     *
     * @return a provider of this handle's credentials
     */
    public StaticCredentialsProvider credentialsProvider() {
        return SdkClients.credentials(accountId, SECRET_ACCESS_KEY);
    }

    /**
     * A builder preconfigured for this account and region (endpoint, region, credentials, HTTP client: the
     * in-memory transport if the server's handles use it). The caller owns what it builds, and may change
     * anything before building.
     *
     * @return a new builder
     */
    public EcrClientBuilder clientBuilder() {
        InMemoryHttpClient inMemory = inMemoryTransport();
        return inMemory != null
                ? SdkClients.builder(InMemoryHttpClient.ENDPOINT, region, credentialsProvider(), inMemory)
                : SdkClients.builder(endpoint(), region, credentialsProvider(), sharedHttpClient);
    }

    /**
     * The server's in-memory transport, if its handles use it: unless this handle was given an HTTP client,
     * which needs the HTTP endpoint.
     */
    private InMemoryHttpClient inMemoryTransport() {
        return sharedHttpClient == null ? server.inMemoryTransport() : null;
    }

    /**
     * Creates a repository with ECR's defaults (mutable tags, AES256 encryption).
     *
     * @param name the repository's name
     * @return the new repository
     * @throws dev.fakeecr.registry.EcrError {@code RepositoryAlreadyExistsException} if the name is taken
     */
    public RepositoryInfo createRepository(String name) {
        return registry().createRepository(RepositorySettings.named(name));
    }

    /**
     * Creates a repository with these settings.
     *
     * @param settings the repository's name and settings
     * @return the new repository
     * @throws dev.fakeecr.registry.EcrError {@code RepositoryAlreadyExistsException} if the name is taken, or
     *     {@code InvalidTagParameterException} or {@code TooManyTagsException} for resource tags ECR refuses
     */
    public RepositoryInfo createRepository(RepositorySettings settings) {
        return registry().createRepository(settings);
    }

    /**
     * Puts an image under a tag, as PutImage would, with the layers and config its manifest names taken
     * as uploaded; the media type is read from the manifest. A manifest list's images must be put first.
     *
     * @param repository the repository's name
     * @param tag the tag
     * @param manifest the manifest, stored verbatim; the image's digest is the SHA-256 of its UTF-8 bytes
     * @return the image as stored, with all its tags
     * @throws dev.fakeecr.registry.EcrError what PutImage would answer, e.g. {@code ImageTagAlreadyExistsException}
     */
    public ImageInfo putImage(String repository, String tag, String manifest) {
        return putImage(repository, tag, manifest, null);
    }

    /**
     * As {@link #putImage(String, String, String)}, with an explicit media type; {@code tag} may be null.
     *
     * @param repository the repository's name
     * @param tag the tag, or null to store the image untagged
     * @param manifest the manifest, stored verbatim
     * @param mediaType the manifest's media type, as PutImage's {@code imageManifestMediaType}, or null to read it
     *     from the manifest
     * @return the image as stored, with all its tags
     * @throws dev.fakeecr.registry.EcrError what PutImage would answer, e.g. {@code ImageTagAlreadyExistsException}
     */
    public ImageInfo putImage(String repository, String tag, String manifest, String mediaType) {
        ImageInfo image = registry().seedImage(repository, manifest, mediaType, tag);
        server.accounts().replication().imagePushed(hold.state().key(), repository, image.digest(), tag);
        return image;
    }

    /**
     * Adds a layer (or config) blob to a repository, bytes and all, as if uploaded: an image seeded with
     * {@link #putImage} whose manifest names its digest can then be pulled through the registry endpoint and its
     * layers downloaded, and layer checks can stay on.
     *
     * @param repository the repository's name
     * @param bytes the blob's bytes
     * @return the blob's digest, {@code sha256:<hex>}
     * @throws dev.fakeecr.registry.EcrError {@code RepositoryNotFoundException}
     */
    public String putLayer(String repository, byte[] bytes) {
        return registry().putLayer(repository, Objects.requireNonNull(bytes, "bytes"));
    }

    /**
     * The registry endpoint's {@code host:port} (the same port as the ECR API), what docker, skopeo and Jib take
     * as the registry: {@code 127.0.0.1:41234}. It serves plain HTTP, so clients need their "insecure registry"
     * option.
     *
     * @return the host and port
     */
    public String registryHost() {
        URI endpoint = server.endpoint();
        return endpoint.getHost() + ":" + endpoint.getPort();
    }

    /**
     * An image reference in this registry, for docker, skopeo and Jib: {@code 127.0.0.1:41234/app:1.0}.
     *
     * @param repository the repository's name
     * @param tagOrDigest a tag, or a digest ({@code sha256:...}, joined with {@code @})
     * @return the reference
     */
    public String imageReference(String repository, String tagOrDigest) {
        return registryHost() + "/" + repository + (tagOrDigest.contains(":") ? "@" : ":") + tagOrDigest;
    }

    /**
     * A login to the registry endpoint for this account: user {@code AWS} and a password like
     * GetAuthorizationToken's, valid for 12 hours of this account's {@link #clock()}.
     *
     * @return the host, user and password
     */
    public RegistryLogin registryLogin() {
        Instant expiresAt = clock().instant().plus(Duration.ofHours(12));
        String password = server.core().accounts().registryTokens()
                .issue(new RegistryTokens.Grant(accountId, region, accountId, expiresAt));
        return new RegistryLogin(registryHost(), "AWS", password);
    }

    /**
     * Writes a docker {@code config.json} with {@link #registryLogin()} into {@code directory}, for
     * {@code skopeo --authfile}, {@code DOCKER_CONFIG} or Jib.
     *
     * @param directory where to write it (created if missing)
     * @return the file written
     * @throws java.io.UncheckedIOException if it cannot be written
     */
    public Path writeDockerConfig(Path directory) {
        try {
            Files.createDirectories(directory);
            return Files.writeString(directory.resolve("config.json"), registryLogin().dockerConfigJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a basic scan of this image reports from now on (StartImageScan, or scan on push): none by
     * default. {@code tagOrDigest} names an image already pushed by tag, or any digest.
     *
     * @param repository the repository's name
     * @param tagOrDigest a tag an image carries now, or a digest
     * @param findings what its scans report
     */
    public void setScanFindings(String repository, String tagOrDigest, ScanFinding... findings) {
        registry().setScanFindings(repository, tagOrDigest, List.of(findings));
    }

    /**
     * Sets an image's managed signing outcome with one signing profile (the fake signs nothing; a push that a
     * signing rule matches reports {@code IN_PROGRESS} until the test says otherwise).
     *
     * @param repository the repository
     * @param tagOrDigest the image
     * @param signingProfileArn the signing profile
     * @param status {@code IN_PROGRESS} or {@code COMPLETE}
     */
    public void setSigningStatus(String repository, String tagOrDigest, String signingProfileArn, String status) {
        registry().setSigningStatus(repository, tagOrDigest, new SigningStatus(signingProfileArn, status, null, null));
    }

    /**
     * Makes an image's signing with one profile {@code FAILED}, with the reason DescribeImageSigningStatus reports.
     *
     * @param repository the repository
     * @param tagOrDigest the image
     * @param signingProfileArn the signing profile
     * @param failureCode the failure code
     * @param failureReason the failure reason
     */
    public void setSigningFailure(String repository, String tagOrDigest, String signingProfileArn, String failureCode,
                                  String failureReason) {
        registry().setSigningStatus(repository, tagOrDigest,
                new SigningStatus(signingProfileArn, "FAILED", failureCode, failureReason));
    }

    /**
     * Puts an image in an upstream registry of this account's pull through cache rules (the fake has no
     * internet): a pull of {@code <prefix>/<repository>:<tag>} through a rule for {@code registryUrl} caches it.
     * An ECR upstream needs nothing here: it is that account's registry in this server.
     *
     * @param registryUrl the upstream registry, e.g. {@code registry-1.docker.io}
     * @param repository the upstream repository, e.g. {@code library/alpine}
     * @param tag the tag, or null for by digest only
     * @param manifest the manifest (its media type is read from it)
     * @return the image's digest
     */
    public String putUpstreamImage(String registryUrl, String repository, String tag, String manifest) {
        String digest = dev.fakeecr.internal.registry.Digests.of(manifest);
        state().upstreams().put(registryUrl, repository, tag, digest,
                new dev.fakeecr.internal.registry.UpstreamImage(manifest, null));
        return digest;
    }

    /**
     * Makes an upstream registry unreachable or reachable again: while unreachable, pulls through it fail
     * with {@code UnableToGetUpstreamImageException} and ValidatePullThroughCacheRule reports it invalid.
     *
     * @param registryUrl the upstream registry
     * @param reachable whether it answers
     */
    public void setUpstreamReachable(String registryUrl, boolean reachable) {
        state().upstreams().setReachable(registryUrl, reachable);
    }

    /**
     * Layer bytes this registry holds now, the most it held at once, and its bound.
     *
     * @return the three figures, in bytes
     */
    public LayerMemory layerMemory() {
        return registry().layerMemory();
    }

    /**
     * Runs every repository's lifecycle policy now, as ECR runs them "within 24 hours": expired images go as
     * BatchDeleteImage removes them, transitioned ones move to the archive storage class. Ages are measured on
     * this registry's {@link #clock()}. The fake never runs policies on its own unless
     * {@link #applyLifecyclePoliciesWhenClockMoves} asked it to.
     * <pre>{@code
     * fake.clock().advance(Duration.ofDays(8));
     * fake.applyLifecyclePolicies();
     * assertThat(fake).repository("app").hasOnlyTags("prod-4", "prod-5");
     * }</pre>
     *
     * @return one run per repository that has a policy, in repository name order (also kept in
     *     {@link #lifecycleRuns()})
     */
    public List<LifecycleRun> applyLifecyclePolicies() {
        return state().applyLifecyclePolicies();
    }

    /**
     * Runs one repository's lifecycle policy now (see {@link #applyLifecyclePolicies()}).
     *
     * @param repository the repository's name
     * @return what the run did (also kept in {@link #lifecycleRuns()})
     * @throws dev.fakeecr.registry.EcrError {@code RepositoryNotFoundException}, or
     *     {@code LifecyclePolicyNotFoundException} if the repository has no lifecycle policy
     */
    public LifecycleRun applyLifecyclePolicy(String repository) {
        return state().applyLifecyclePolicy(repository);
    }

    /**
     * Opts in to running every repository's lifecycle policy each time the test moves this registry's clock
     * ({@link TestClock#set}, {@link TestClock#advance}), on the test's thread: never on a timer.
     *
     * @param apply true to run them on every move of the clock, false to stop
     */
    public void applyLifecyclePoliciesWhenClockMoves(boolean apply) {
        state().lifecyclePoliciesFollowClock(apply);
    }

    /**
     * The lifecycle policy runs of this account and region, oldest first (bounded as {@link #calls()} is).
     *
     * @return the runs, each with what it did
     */
    public List<LifecycleRun> lifecycleRuns() {
        return hold.state().journal().lifecycleRuns();
    }

    /**
     * Declares a fault for calls of {@code operation} from this handle's clients; finish the declaration
     * with what the rule answers:
     * <pre>{@code
     * fake.onCall("PutImage").forTag("latest").times(2).failWith(ServerException.class);
     * fake.onCall("BatchGetImage").throttle();
     * fake.onCall("PutImage").answerNormally();   // the first call passes ...
     * fake.onCall("PutImage").resetConnection();  // ... the second finds the connection reset
     * }</pre>
     * Rules are tried in the order declared; each fires once unless told otherwise. An injected fault
     * changes no state and is recorded in {@link #calls()} like any other call.
     *
     * @param operation the ECR operation, e.g. {@code PutImage}
     * @return a builder for the rule
     * @throws IllegalArgumentException if {@code operation} is not an ECR operation
     */
    public FaultRuleBuilder onCall(String operation) {
        if (!EcrProtocol.ECR_OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("'" + operation + "' is not an ECR operation; ECR's operations are "
                    + new java.util.TreeSet<>(EcrProtocol.ECR_OPERATIONS));
        }
        checkOpen();
        return state().faults().declare(operation);
    }

    /**
     * The fault rules declared on this handle, in declaration order.
     *
     * @return the rules, each with how often it fired
     */
    public List<FaultRule> faultRules() {
        return hold.state().faults().rules();
    }

    /**
     * The calls this handle's account and region received, oldest first (bounded; see the server's builder).
     *
     * @return the calls, oldest first
     */
    public List<Call> calls() {
        return hold.state().journal().calls();
    }

    /**
     * The calls of one operation, oldest first.
     *
     * @param operation the operation, e.g. {@code PutImage}
     * @return its calls, oldest first
     */
    public List<Call> calls(String operation) {
        List<Call> selected = new ArrayList<>();
        calls().stream().filter(c -> c.operation().equals(operation)).forEach(selected::add);
        return selected;
    }

    /**
     * The calls, one readable line each, as failure reports show them.
     *
     * @return the calls, one numbered line each, or {@code no ECR calls}
     */
    public String describeCalls() {
        return hold.state().journal().describe();
    }

    /**
     * The named repository, as it is now.
     *
     * @param name the repository's name
     * @return a snapshot of the repository, or empty if there is none by that name
     */
    public Optional<RepositoryInfo> repository(String name) {
        return registry().findRepository(name);
    }

    /**
     * All repositories, sorted by name.
     *
     * @return snapshots of the repositories
     */
    public List<RepositoryInfo> repositories() {
        return registry().repositories();
    }

    /**
     * The repository's images in push order; {@code RepositoryNotFoundException} if there is none.
     *
     * @param repository the repository's name
     * @return snapshots of its images
     */
    public List<ImageInfo> images(String repository) {
        return registry().images(repository);
    }

    /**
     * The image a tag or digest names in the repository, if any.
     *
     * @param repository the repository's name
     * @param tagOrDigest a tag or a digest
     * @return a snapshot of the image, or empty if no image in the repository has that tag or digest
     * @throws dev.fakeecr.registry.EcrError {@code RepositoryNotFoundException} if there is no such repository
     */
    public Optional<ImageInfo> image(String repository, String tagOrDigest) {
        return registry().findImage(repository, tagOrDigest);
    }

    /**
     * An account setting of this registry (PutAccountSetting), or its default when none was put.
     *
     * @param name the setting, e.g. {@code BLOB_MOUNTING}
     * @return its value, e.g. {@code DISABLED}
     * @throws dev.fakeecr.registry.EcrError {@code InvalidParameterException} for a name ECR does not have
     */
    public String accountSetting(String name) {
        return registry().accountSetting(name);
    }

    /**
     * A handle on this account's registry in another region (where replication copies to), closed with this
     * handle. It shares the state already there (replicated copies included), or starts it with ECR's defaults.
     *
     * @param region the region, e.g. {@code eu-west-1}
     * @return the handle, the same one for the same region
     */
    public FakeEcr region(String region) {
        return account(accountId, region);
    }

    /**
     * A handle on another account's registry (a cross-account replication destination, a registry a
     * {@code registryId} names), closed with this handle. It shares the state already there, or starts it
     * with ECR's defaults.
     *
     * @param accountId the 12-digit account id
     * @param region the region
     * @return the handle, the same one for the same account and region
     */
    public FakeEcr account(String accountId, String region) {
        if (accountId.equals(this.accountId) && region.equals(this.region)) {
            return this;
        }
        synchronized (this) {
            checkOpen();
            return others.computeIfAbsent(accountId + "/" + region,
                    k -> server.attach(accountId, region, sharedHttpClient));
        }
    }

    /**
     * Holds this registry's replication back: images pushed from now on report {@code IN_PROGRESS} for every
     * destination, and are not copied, until {@link #releaseReplication()}.
     */
    public void holdReplication() {
        state().replication().hold();
    }

    /** Copies every push held back by {@link #holdReplication()}, and replicates at once again. */
    public void releaseReplication() {
        server.accounts().replication().release(state());
    }

    /**
     * Copies of this registry's pushes to this destination fail from now on: DescribeImageReplicationStatus
     * reports {@code FAILED} with {@code failureCode}, and nothing is copied there.
     *
     * @param region the destination's region
     * @param accountId the destination's account
     * @param failureCode the failure code to report
     */
    public void failReplicationTo(String region, String accountId, String failureCode) {
        state().replication().fail(new ReplicationConfiguration.Destination(region, accountId), failureCode);
    }

    /**
     * Where the copy of an image to one replication destination stands.
     *
     * @param repository the repository
     * @param tagOrDigest the image, by a tag it carries or its digest
     * @param region the destination's region
     * @param accountId the destination's account
     * @return {@code IN_PROGRESS}, {@code COMPLETE} or {@code FAILED}, or empty if the image was not sent there
     * @throws dev.fakeecr.registry.EcrError {@code RepositoryNotFoundException} or {@code ImageNotFoundException}
     */
    public Optional<String> replicationStatus(String repository, String tagOrDigest, String region,
                                              String accountId) {
        String digest = image(repository, tagOrDigest).map(ImageInfo::digest).orElse(tagOrDigest);
        ReplicationConfiguration.Destination destination = new ReplicationConfiguration.Destination(region, accountId);
        return registry().replicationStatuses(repository, dev.fakeecr.internal.registry.ImageId.ofDigest(digest))
                .stream().filter(s -> s.destination().equals(destination)).map(s -> s.status()).findFirst();
    }

    private AccountState state() {
        checkOpen();
        return hold.state();
    }

    private Registry registry() {
        return state().registry();
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return whether this handle is closed
     */
    public boolean isClosed() {
        return closed.get();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this FakeEcr handle is closed");
        }
    }

    /**
     * Closes this handle's clients and drops the account's state, calls and fault rules, unless another
     * handle on the same account and region is still open. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            EcrClient built;
            EcrAsyncClient builtAsync;
            synchronized (this) { // clients are built under this lock, after checking that the handle is open
                built = client;
                builtAsync = asyncClient;
            }
            if (built != null) {
                built.close();
            }
            if (builtAsync != null) {
                builtAsync.close();
            }
            List<FakeEcr> opened;
            synchronized (this) {
                opened = new ArrayList<>(others.values());
            }
            opened.forEach(FakeEcr::close);
            server.accounts().replication().sourceClosed(hold.state());
            hold.release();
        }
    }
}
