package dev.fakeecr;

import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.Registries;
import dev.fakeecr.registry.Registry;
import dev.fakeecr.registry.RepositoryInfo;
import dev.fakeecr.registry.RepositorySettings;
import dev.fakeecr.registry.TestClock;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/**
 * A handle on one account's registry in one region of a {@link FakeEcrServer}: ready SDK clients for it,
 * seeding that skips the wire, and read access to its state. This is what tests receive.
 *
 * <p>Seeding applies ECR's rules (a repository that exists, an image already pushed, an immutable tag
 * are refused with the same {@link dev.fakeecr.registry.EcrError} the API answers) but does not appear as
 * a call the code under test made.
 */
public final class FakeEcr implements AutoCloseable {
    /** The secret access key of every client this handle builds; the fake does not check signatures. */
    public static final String SECRET_ACCESS_KEY = "fake-ecr-secret-access-key";

    private final FakeEcrServer server;
    private final String accountId;
    private final String region;
    private final Registries registries;
    private final TestClock clock;
    private final SdkHttpClient sharedHttpClient;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile EcrClient client;

    FakeEcr(FakeEcrServer server, String accountId, String region, Registries registries, TestClock clock,
            SdkHttpClient sharedHttpClient) {
        this.clock = clock;
        this.server = server;
        this.accountId = accountId;
        this.region = region;
        this.registries = registries;
        this.sharedHttpClient = sharedHttpClient;
    }

    /** The account whose registry this is; also the access key id of this handle's clients. */
    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    /**
     * This registry's clock: push, creation and pull times and token expiry come from it. It follows the
     * system clock until the test calls {@link TestClock#set} or {@link TestClock#advance}.
     */
    public TestClock clock() {
        return clock;
    }

    /** The endpoint of the server, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return server.endpoint();
    }

    /**
     * The {@link EcrClient} for this account and region, built on first use and closed with this handle.
     */
    public EcrClient client() {
        EcrClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = clientBuilder().build();
                }
                current = client;
            }
        }
        return current;
    }

    /**
     * A builder preconfigured for this account and region (endpoint, region, credentials, HTTP client).
     * The caller owns what it builds, and may change anything before building.
     */
    public EcrClientBuilder clientBuilder() {
        EcrClientBuilder builder = EcrClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accountId, SECRET_ACCESS_KEY)));
        // Explicit, so other HTTP client implementations on the classpath cannot make the choice ambiguous.
        // A shared client stays open with the caller; a builder's client closes with the EcrClient.
        return sharedHttpClient != null
                ? builder.httpClient(sharedHttpClient)
                : builder.httpClientBuilder(Apache5HttpClient.builder());
    }

    /** Creates a repository with ECR's defaults (mutable tags, AES256 encryption). */
    public RepositoryInfo createRepository(String name) {
        return registry().createRepository(RepositorySettings.named(name));
    }

    /** Creates a repository with these settings. */
    public RepositoryInfo createRepository(RepositorySettings settings) {
        return registry().createRepository(settings);
    }

    /** Puts an image under a tag, as PutImage would; the media type is read from the manifest. */
    public ImageInfo putImage(String repository, String tag, String manifest) {
        return registry().putImage(repository, manifest, null, tag, null);
    }

    /** Puts an image with an explicit manifest media type; {@code tag} may be null for an untagged image. */
    public ImageInfo putImage(String repository, String tag, String manifest, String mediaType) {
        return registry().putImage(repository, manifest, mediaType, tag, null);
    }

    public Optional<RepositoryInfo> repository(String name) {
        return registry().findRepository(name);
    }

    /** All repositories, sorted by name. */
    public List<RepositoryInfo> repositories() {
        return registry().repositories();
    }

    /** The repository's images in push order; {@code RepositoryNotFoundException} if there is none. */
    public List<ImageInfo> images(String repository) {
        return registry().images(repository);
    }

    /** The image a tag or digest names in the repository, if any. */
    public Optional<ImageInfo> image(String repository, String tagOrDigest) {
        return images(repository).stream()
                .filter(i -> i.digest().equals(tagOrDigest) || i.tags().contains(tagOrDigest))
                .findFirst();
    }

    private Registry registry() {
        if (closed.get()) {
            throw new IllegalStateException("this FakeEcr handle is closed");
        }
        return registries.registry(accountId, region);
    }

    /** Closes this handle's client and drops the account's state. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            EcrClient built = client;
            if (built != null) {
                built.close();
            }
            registries.remove(accountId, region);
        }
    }
}
