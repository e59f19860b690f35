package dev.fakeecr.junit;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.RegistryConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import dev.fakeecr.faults.FaultRule;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.ecr.EcrAsyncClient;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Runs tests against a fake Amazon ECR. Each test gets its own empty registry and can take an
 * {@link EcrClient} or {@link EcrAsyncClient} for it, or the {@link FakeEcr} handle, as parameters of the
 * test method or of its {@code @BeforeEach} / {@code @AfterEach} methods.
 *
 * <p>The simple case: {@code @ExtendWith(FakeEcrExtension.class)}. With configuration:
 * <pre>{@code
 * @RegisterExtension
 * static FakeEcrExtension ecr = FakeEcrExtension.builder()
 *         .region("eu-west-1")
 *         .repositories("app")
 *         .build();
 * }</pre>
 *
 * <p>One server serves the whole test run: it starts with the first test that needs it and stops when
 * the run ends. Tests are kept apart by account: unless an account id is configured, every test gets a
 * fresh 12-digit account, which is the access key id of its client. All state lives in JUnit's
 * {@link ExtensionContext.Store}, so the extension works with {@code @Nested} classes and inheritance.
 */
public final class FakeEcrExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver, TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FakeEcrExtension.class);

    private final String region;
    private final String accountId;
    private final List<String> repositories;
    private final RegistryConfig config;
    private final boolean strictFaults;
    private final boolean accountPerClass;
    private final boolean strictSignatures;
    private final boolean routeDefaultClients;
    private final boolean inMemoryTransport;

    /** The extension with every default: region {@code us-east-1}, a fresh account per test, no repositories. */
    public FakeEcrExtension() {
        this(builder());
    }

    private FakeEcrExtension(Builder builder) {
        this.region = builder.region;
        this.accountId = builder.accountId;
        this.repositories = List.copyOf(builder.repositories);
        this.config = builder.config;
        this.strictFaults = builder.strictFaults;
        this.accountPerClass = builder.accountPerClass;
        this.strictSignatures = builder.strictSignatures;
        this.routeDefaultClients = builder.routeDefaultClients;
        this.inMemoryTransport = builder.inMemoryTransport;
    }

    /**
     * Configuration for an extension registered with {@code @RegisterExtension}.
     *
     * @return a builder with every default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * With one account per class, routing starts before the class's instance is made: frameworks that
     * build the application there (Spring's test context) then build its clients against the fake.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (accountPerClass && routeDefaultClients) {
            FakeEcr handle = handle(context);
            requireSystemPropertiesLock(context);
            context.getStore(NAMESPACE).put(DefaultClientRouting.class, new DefaultClientRouting(handle));
        }
    }

    /**
     * Creates and seeds the test's handle (the class's, with {@code accountPerClass}) and, with
     * {@code routeDefaultClients} and an account per test, routes default clients to it for the test.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        FakeEcr handle = handle(context);
        if (routeDefaultClients && !accountPerClass) {
            requireSystemPropertiesLock(context);
            // In the test's store: closed (properties restored) after the test, whatever its outcome.
            context.getStore(NAMESPACE).put(DefaultClientRouting.class, new DefaultClientRouting(handle));
        }
    }

    /**
     * System properties are JVM-wide: under parallel execution a routed test must hold JUnit's
     * {@code SYSTEM_PROPERTIES} lock, or another test's clients would be routed (or not) by accident.
     */
    private static void requireSystemPropertiesLock(ExtensionContext context) {
        boolean parallel = context.getConfigurationParameter("junit.jupiter.execution.parallel.enabled")
                .map(Boolean::parseBoolean).orElse(false);
        if (!parallel || holdsSystemPropertiesLock(context)) {
            return;
        }
        throw new ExtensionConfigurationException("fake-ecr: routeDefaultClients() sets JVM-wide system properties,"
                + " and this run executes tests in parallel. Annotate " + context.getRequiredTestClass().getName()
                + " (or the test method) with @ResourceLock(Resources.SYSTEM_PROPERTIES) so that no other test"
                + " runs while its clients are routed to the fake.");
    }

    private static boolean holdsSystemPropertiesLock(ExtensionContext context) {
        java.util.List<java.lang.reflect.AnnotatedElement> places = new java.util.ArrayList<>();
        context.getTestMethod().ifPresent(places::add);
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                places.add(k);
            }
        }
        return places.stream().anyMatch(place -> AnnotationSupport.findRepeatableAnnotations(place, ResourceLock.class)
                .stream().anyMatch(lock -> Resources.SYSTEM_PROPERTIES.equals(lock.value())));
    }

    /** Strict fault rules: a rule that never fired fails the test, as it usually means the test is broken. */
    @Override
    public void afterEach(ExtensionContext context) {
        FakeEcr handle = existingHandle(context);
        if (!strictFaults || handle == null) {
            return;
        }
        List<FaultRule> unused = handle.faultRules().stream().filter(r -> r.timesFired() == 0).collect(Collectors.toList());
        if (!unused.isEmpty()) {
            StringBuilder message = new StringBuilder("fake-ecr: ").append(unused.size())
                    .append(unused.size() == 1 ? " fault rule never fired" : " fault rules never fired")
                    .append(" (an unused rule usually means a broken test; FakeEcrExtension.builder().lenientFaults()"
                            + " allows them):");
            unused.forEach(r -> message.append("\n  - ").append(r));
            message.append("\n").append("calls made: ").append(handle.describeCalls().strip());
            throw new AssertionError(message.toString());
        }
    }

    /** Adds the ECR calls the test made to its failure, the way WireMock reports near misses. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        FakeEcr handle = existingHandle(context);
        if (handle != null) {
            throwable.addSuppressed(new EcrCallsReport(handle.accountId(), handle.region(), handle.describeCalls()));
        }
        throw throwable;
    }

    private static FakeEcr existingHandle(ExtensionContext context) {
        StoredResource.Handle stored = context.getStore(NAMESPACE).get(StoredResource.Handle.class, StoredResource.Handle.class);
        return stored == null ? null : stored.fake;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == EcrClient.class || type == EcrAsyncClient.class || type == FakeEcr.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (extensionContext.getTestMethod().isEmpty() && !accountPerClass) {
            throw new ParameterResolutionException("fake-ecr gives each test its own registry, so it injects "
                    + parameterContext.getParameter().getType().getSimpleName()
                    + " into test methods and @BeforeEach/@AfterEach methods only, not into "
                    + parameterContext.getDeclaringExecutable()
                    + " (FakeEcrExtension.builder().accountPerClass() shares one registry across a class)");
        }
        FakeEcr handle = handle(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        return type == FakeEcr.class ? handle : type == EcrAsyncClient.class ? handle.asyncClient() : handle.client();
    }

    /**
     * This test's handle (or its class's, with {@code accountPerClass}), created and seeded on first use,
     * closed with the test (or the class).
     */
    private FakeEcr handle(ExtensionContext context) {
        ExtensionContext owner = accountPerClass && context.getTestMethod().isPresent()
                ? context.getParent().orElse(context) : context;
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(StoredResource.Handle.class, key -> {
            SharedServer shared = SharedServer.of(context, inMemoryTransport || inMemoryByConfiguration(context));
            String account = accountId != null ? accountId : shared.nextAccountId();
            FakeEcr handle = shared.server.account(account, region, config, shared.httpClient, strictSignatures);
            repositories.forEach(handle::createRepository);
            return new StoredResource.Handle(handle);
        }, StoredResource.Handle.class).fake;
    }

    /**
     * The {@code fakeecr.transport} configuration parameter (a system property, or junit-platform.properties)
     * set to {@code in-memory} makes {@link Builder#inMemoryTransport()} every extension's default.
     */
    private static boolean inMemoryByConfiguration(ExtensionContext context) {
        return context.getConfigurationParameter("fakeecr.transport").map("in-memory"::equals).orElse(false);
    }

    /**
     * The server (and HTTP client) shared by every test of the run that uses one transport, in the root store,
     * closed when the run ends. Each transport has its own server, so that one used only in memory never
     * starts Jetty or an HTTP client; accounts never meet across the two, as each test has its own.
     */
    static final class SharedServer extends StoredResource {
        final FakeEcrServer server;
        final SdkHttpClient httpClient;
        private final AtomicLong lastAccount = new AtomicLong(100_000_000_000L);

        private SharedServer(boolean inMemory) {
            this.server = inMemory ? FakeEcrServer.builder().inMemoryTransport().start() : FakeEcrServer.start();
            this.httpClient = inMemory ? null : Apache5HttpClient.create(); // null: the server's in-memory transport
        }

        static SharedServer of(ExtensionContext context, boolean inMemory) {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                    inMemory ? "SharedServer:in-memory" : "SharedServer:http",
                    key -> new SharedServer(inMemory), SharedServer.class);
        }

        String nextAccountId() {
            return Long.toString(lastAccount.incrementAndGet());
        }

        @Override
        void release() {
            try {
                if (httpClient != null) {
                    httpClient.close();
                }
            } finally {
                server.close();
            }
        }
    }

    /** Configuration; every setting has a default. */
    public static final class Builder {
        private String region = "us-east-1";
        private String accountId;
        private final List<String> repositories = new ArrayList<>();
        private RegistryConfig config = RegistryConfig.DEFAULTS;
        private boolean strictFaults = true;
        private boolean accountPerClass;
        private boolean strictSignatures;
        private boolean routeDefaultClients;
        private boolean inMemoryTransport;

        private Builder() {}

        /**
         * The injected {@link EcrClient} and {@link EcrAsyncClient}, and {@link FakeEcr#clientBuilder()}, reach
         * the fake in memory (WireMock's direct-call server) instead of over HTTP: same answers, fault rules
         * and journal, no socket, no Jetty or HTTP client to start. The HTTP server starts when something
         * needs it ({@link FakeEcr#endpoint()}, {@link #routeDefaultClients()}, a layer URL). The
         * {@code fakeecr.transport=in-memory} system property (or JUnit configuration parameter) makes this
         * the default of every extension.
         *
         * @return this builder
         */
        public Builder inMemoryTransport() {
            this.inMemoryTransport = true;
            return this;
        }

        /**
         * One registry per test class instead of per test: state persists from test to test (in JUnit's
         * method order), and {@code @BeforeAll} methods can take the handle and clients.
         *
         * @return this builder
         */
        public Builder accountPerClass() {
            this.accountPerClass = true;
            return this;
        }

        /**
         * Verifies the SigV4 signature of requests signed with the test's access key, as AWS does: a
         * client with the wrong secret gets {@code InvalidSignatureException}. Off by default.
         *
         * @return this builder
         */
        public Builder strictSignatures() {
            this.strictSignatures = true;
            return this;
        }

        /**
         * Routes ECR clients the application builds itself with the SDK's defaults
         * ({@code EcrClient.create()}, builders without endpoint, region or credentials) to the test's
         * registry, through the SDK's {@code aws.endpointUrlEcr}, {@code aws.region}, {@code aws.accessKeyId}
         * and {@code aws.secretAccessKey} system properties, set before each test and restored after it.
         * While a test is routed, an ECR client bound elsewhere fails instead of reaching AWS. Under
         * parallel execution, routed tests must hold {@code @ResourceLock(Resources.SYSTEM_PROPERTIES)}.
         * With {@link #accountPerClass()}, routing spans the whole class and starts before its instance is
         * created, so an application context built for the class (Spring's) builds its clients routed.
         *
         * @return this builder
         */
        public Builder routeDefaultClients() {
            this.routeDefaultClients = true;
            return this;
        }

        /**
         * Lets fault rules go unused; by default a rule that never fired fails its test.
         *
         * @return this builder
         */
        public Builder lenientFaults() {
            this.strictFaults = false;
            return this;
        }

        /**
         * The region of the clients and of the registry; default {@code us-east-1}.
         *
         * @param region the region, e.g. {@code eu-west-1}
         * @return this builder
         */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * A fixed account id for every test, instead of a fresh one per test. Each test still starts
         * from an empty registry, so tests using a fixed account must not run concurrently.
         *
         * @param accountId a 12-digit account id
         * @return this builder
         * @throws IllegalArgumentException if {@code accountId} is not 12 digits
         */
        public Builder accountId(String accountId) {
            this.accountId = AccountIds.require(accountId, "accountId");
            return this;
        }

        /**
         * Repositories (with ECR's defaults) created before each test; with {@link #accountPerClass()}, once
         * per class.
         *
         * @param names the repositories' names
         * @return this builder
         */
        public Builder repositories(String... names) {
            repositories.addAll(List.of(names));
            return this;
        }

        /**
         * Lowers the images-per-repository quota (ECR's is 100,000) so a test can reach it.
         *
         * @param max the quota, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is below 1
         */
        public Builder maxImagesPerRepository(int max) {
            this.config = config.withMaxImagesPerRepository(max);
            return this;
        }

        /**
         * Turns off what real ECR requires of PutImage: that an image's layers were uploaded to the
         * repository and that a manifest list's images are in it. For tests that push synthetic manifests
         * through their own code; seeding through the handle needs no such switch.
         *
         * @return this builder
         */
        public Builder withoutLayerChecks() {
            this.config = config.withLayerChecks(false);
            return this;
        }

        /**
         * How many bytes of uploaded layers each test's registry keeps on the heap (default 64 MiB); larger
         * blobs and those beyond the bound go to temporary files.
         *
         * @param bytes the bound, in bytes; 0 keeps none
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder layerBytesRetained(long bytes) {
            this.config = config.withLayerBytesRetained(bytes);
            return this;
        }

        /**
         * The extension with this configuration.
         *
         * @return the extension
         */
        public FakeEcrExtension build() {
            return new FakeEcrExtension(this);
        }
    }
}
