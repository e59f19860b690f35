package dev.fakeecr.junit;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import dev.fakeecr.faults.FaultRule;
import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.RegistryConfig;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.ecr.EcrAsyncClient;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Runs tests against a fake Amazon ECR. Each test gets its own empty registry and can take an
 * {@link EcrClient} or {@link EcrAsyncClient} for it, or the {@link FakeEcr} handle, as parameters of the
 * test method or of its {@code @BeforeEach} / {@code @AfterEach} methods.
 *
 * <p>The simple case: {@code @ExtendWith(FakeEcrExtension.class)}, or {@link FakeEcrTest @FakeEcrTest} with
 * a region, repositories and {@code accountPerClass}. With every setting:
 * <pre>{@code
 * @RegisterExtension
 * static FakeEcrExtension ecr = FakeEcrExtension.builder()
 *         .region("eu-west-1")
 *         .repositories("app")
 *         .build();
 * }</pre>
 *
 * <p>One server serves the whole test run (one per distinct set of server settings): it starts with the
 * first test that needs it and stops when the run ends. Tests are kept apart by account: unless an account id
 * is configured, every test gets a fresh 12-digit account, which is the access key id of its client. All
 * state lives in JUnit's {@link ExtensionContext.Store}, so the extension works with {@code @Nested} classes
 * and inheritance; a {@code @Nested} class may register its own (static) extension to change settings.
 */
public final class FakeEcrExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver, TestExecutionExceptionHandler {
    /** Where the servers live (the root store), shared by every instance of the extension. */
    private static final ExtensionContext.Namespace SERVERS = ExtensionContext.Namespace.create(FakeEcrExtension.class);
    private static final String HANDLE = "handle:";
    private static final String OWNER = "owner";
    private static final String RULES_BEFORE = "rulesBefore";
    private static final String TEST_RULES = "testRules:";

    /** The builder's settings, or null for the declarative extension, which reads {@link FakeEcrTest}. */
    private final Settings configured;
    /** This instance's own: a {@code @Nested} class's extension keeps its handles apart from its enclosing one's. */
    private final ExtensionContext.Namespace namespace = ExtensionContext.Namespace.create(FakeEcrExtension.class, this);

    /**
     * The extension of {@code @ExtendWith(FakeEcrExtension.class)} and {@link FakeEcrTest}: the settings of
     * the nearest {@code @FakeEcrTest} (the test class's, else an enclosing class's), else every default:
     * region {@code us-east-1}, a fresh account per test, no repositories.
     */
    public FakeEcrExtension() {
        this.configured = null;
    }

    private FakeEcrExtension(Builder builder) {
        this.configured = builder.settings();
    }

    /**
     * Configuration for an extension registered with {@code @RegisterExtension}.
     *
     * @return a builder with every default
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Everything an extension instance is configured with. */
    record Settings(String region, String accountId, List<String> repositories, RegistryConfig config,
                    boolean strictFaults, boolean accountPerClass, boolean strictSignatures,
                    boolean routeDefaultClients, ServerSettings server) {
        static final Settings DEFAULTS = new Settings("us-east-1", null, List.of(), RegistryConfig.DEFAULTS, true,
                false, false, false, ServerSettings.DEFAULTS);

        static Settings of(FakeEcrTest annotation) {
            return new Settings(annotation.region(), null, List.of(annotation.repositories()), RegistryConfig.DEFAULTS,
                    true, annotation.accountPerClass(), false, false, ServerSettings.DEFAULTS);
        }
    }

    /**
     * The settings of a {@link FakeEcrServer}: tests whose extensions have equal server settings share one
     * server for the run. Null (or 0) means the server's default.
     */
    record ServerSettings(Integer journalCapacity, boolean strictSigV4, Map<String, String> credentials, Clock clock,
                          String defaultAccountId, String host, int port, RegistryConfig config, boolean inMemory) {
        static final ServerSettings DEFAULTS = new ServerSettings(null, false, Map.of(), null, null, null, 0, null, false);

        ServerSettings inMemoryTransport() {
            return new ServerSettings(journalCapacity, strictSigV4, credentials, clock, defaultAccountId, host, port,
                    config, true);
        }

        FakeEcrServer start() {
            FakeEcrServer.Builder builder = FakeEcrServer.builder();
            if (journalCapacity != null) {
                builder.journalCapacity(journalCapacity);
            }
            if (strictSigV4) {
                builder.strictSigV4();
            }
            credentials.forEach(builder::credentials);
            if (clock != null) {
                builder.clock(clock);
            }
            if (defaultAccountId != null) {
                builder.defaultAccountId(defaultAccountId);
            }
            if (host != null) {
                builder.host(host);
            }
            if (config != null) {
                builder.config(config);
            }
            if (inMemory) {
                builder.inMemoryTransport();
            }
            return builder.port(port).start();
        }
    }

    /** The settings for a test or class: those of its nearest declaration (see {@link #declaration}). */
    private Settings settings(ExtensionContext context) {
        return declaration(context).settings;
    }

    /** Whether this instance serves the context (see {@link #declaration}). */
    private boolean serves(ExtensionContext context) {
        Declaration declaration = declaration(context);
        return declaration.anyInstance || (declaration.instance == null ? configured == null : declaration.instance == this);
    }

    /**
     * Which extension instance serves a test class, and with which settings, when a {@code @Nested} class
     * declares its own: the nearest declaration wins (walking from the test class out through its enclosing
     * classes): a static {@code @RegisterExtension} field (its builder's settings) or a {@code @FakeEcrTest}
     * (its settings). Other instances stand aside there, so parameters have one resolver and tests one
     * registry. JUnit registers {@code @ExtendWith(FakeEcrExtension.class)} (and {@code @FakeEcrTest}) only
     * if no enclosing class registered the type first; when it did not, the nearest field's instance serves,
     * with the annotation's settings.
     *
     * @param instance the instance that serves, or null for the declarative one
     * @param anyInstance no settings declared (registered otherwise): the one instance serves, with its own
     */
    private record Declaration(FakeEcrExtension instance, boolean anyInstance, Settings settings) {}

    private Declaration declaration(ExtensionContext context) {
        List<Class<?>> chain = new ArrayList<>(); // the test class first, then its enclosing classes
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            chain.add(c);
        }
        FakeEcrExtension nearestField = null;
        Settings settings = null;
        for (Class<?> c : chain) {
            FakeEcrExtension field = staticField(c);
            if (field != null) {
                if (settings == null) {
                    return new Declaration(field, false, field.configured);
                }
                nearestField = field;
                break;
            }
            if (settings == null && AnnotationSupport.isAnnotated(c, FakeEcrTest.class)) {
                settings = Settings.of(AnnotationSupport.findAnnotation(c, FakeEcrTest.class).orElseThrow());
            }
        }
        if (settings == null) {
            return new Declaration(null, true, configured != null ? configured : Settings.DEFAULTS);
        }
        boolean declarativeRegistered = false; // JUnit registers it if an annotation comes before any field, outside in
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (registersDeclaratively(chain.get(i))) {
                declarativeRegistered = true;
                break;
            }
            if (staticField(chain.get(i)) != null) {
                break;
            }
        }
        return new Declaration(declarativeRegistered ? null : nearestField, false, settings);
    }

    /** The value of a static {@code @RegisterExtension} FakeEcrExtension field of the class, if any. */
    private static FakeEcrExtension staticField(Class<?> c) {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(c, RegisterExtension.class,
                f -> Modifier.isStatic(f.getModifiers()) && FakeEcrExtension.class.isAssignableFrom(f.getType()),
                HierarchyTraversalMode.BOTTOM_UP);
        return fields.isEmpty() ? null
                : (FakeEcrExtension) ReflectionSupport.tryToReadFieldValue(fields.get(0), null).toOptional().orElse(null);
    }

    private static boolean registersDeclaratively(Class<?> c) {
        return AnnotationSupport.findRepeatableAnnotations(c, ExtendWith.class).stream()
                .anyMatch(e -> List.of(e.value()).contains(FakeEcrExtension.class));
    }

    /**
     * With one account per class, this class owns the handle its tests (whatever containers they run in:
     * parameterized, repeated, factories, nested classes) share. Checks that its tests run one at a time, and
     * starts routing before the class's instance is made, so frameworks that build the application there
     * (Spring's test context) build its clients against the fake.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (!serves(context)) {
            return;
        }
        Settings settings = settings(context);
        Class<?> testClass = context.getRequiredTestClass();
        boolean ownSettings = AnnotationSupport.isAnnotated(testClass, FakeEcrTest.class) || staticField(testClass) == this;
        if (!settings.accountPerClass() || (classOwner(context).isPresent() && !ownSettings)) {
            return; // a nested class shares its enclosing class's registry
        }
        requireSequentialTests(context);
        context.getStore(namespace).put(OWNER, new Owner(context));
        if (settings.routeDefaultClients()) {
            FakeEcr handle = handle(context);
            requireSystemPropertiesLock(context);
            context.getStore(namespace).put(DefaultClientRouting.class, new DefaultClientRouting(handle));
        }
    }

    /**
     * Creates and seeds the test's handle (the class's, with {@code accountPerClass}) and, with
     * {@code routeDefaultClients} and an account per test, routes default clients to it for the test. Notes
     * the fault rules already declared, so the test answers only for the rules it declares.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (!serves(context)) {
            return;
        }
        Settings settings = settings(context);
        FakeEcr handle = handle(context);
        context.getStore(namespace).put(RULES_BEFORE, identitySet(handle.faultRules()));
        if (settings.routeDefaultClients() && !settings.accountPerClass()) {
            requireSystemPropertiesLock(context);
            // In the test's store: closed (properties restored) after the test, whatever its outcome.
            context.getStore(namespace).put(DefaultClientRouting.class, new DefaultClientRouting(handle));
        }
    }

    /**
     * One registry shared by tests that run at once would see each other's changes in no set order: under
     * parallel execution, an {@code accountPerClass} class's tests must run one after another.
     */
    private static void requireSequentialTests(ExtensionContext context) {
        if (!parallelExecution(context)) {
            return;
        }
        Class<?> testClass = context.getRequiredTestClass();
        boolean exclusive = AnnotationSupport.isAnnotated(testClass, Isolated.class)
                || AnnotationSupport.findRepeatableAnnotations(testClass, ResourceLock.class).stream()
                        .anyMatch(lock -> lock.mode() == ResourceAccessMode.READ_WRITE); // JUnit then runs its tests in one thread
        if (exclusive || orderedInOneThread(context, testClass)) {
            return;
        }
        ExecutionMode methods = AnnotationSupport.findAnnotation(testClass, Execution.class).map(Execution::value)
                .orElseGet(() -> context.getConfigurationParameter("junit.jupiter.execution.parallel.mode.default")
                        .map(m -> ExecutionMode.valueOf(m.trim().toUpperCase(java.util.Locale.ROOT)))
                        .orElse(ExecutionMode.SAME_THREAD));
        boolean concurrentMethod = ReflectionSupport.findMethods(testClass,
                m -> AnnotationSupport.findAnnotation(m, Execution.class).map(Execution::value)
                        .filter(ExecutionMode.CONCURRENT::equals).isPresent(), HierarchyTraversalMode.TOP_DOWN)
                .size() > 0;
        if (methods == ExecutionMode.CONCURRENT || concurrentMethod) {
            throw new ExtensionConfigurationException("fake-ecr: accountPerClass() shares one registry among the"
                    + " tests of " + testClass.getName() + ", and this run executes them concurrently: they would"
                    + " change the one registry at the same time, and each test's view of it would depend on timing."
                    + " Annotate the class with @Execution(ExecutionMode.SAME_THREAD) (its tests then run one after"
                    + " another; other classes still run in parallel), or give each test its own registry by"
                    + " dropping accountPerClass().");
        }
    }

    /** A method orderer (the class's, or the run's default) makes JUnit run the methods in one thread. */
    private static boolean orderedInOneThread(ExtensionContext context, Class<?> testClass) {
        Optional<Class<? extends MethodOrderer>> orderer = AnnotationSupport.findAnnotation(testClass, TestMethodOrder.class)
                .<Class<? extends MethodOrderer>>map(TestMethodOrder::value)
                .or(() -> context.getConfigurationParameter("junit.jupiter.testmethod.order.default")
                        .flatMap(name -> ReflectionSupport.tryToLoadClass(name.trim()).toOptional())
                        .filter(MethodOrderer.class::isAssignableFrom)
                        .map(c -> c.asSubclass(MethodOrderer.class)));
        return orderer.map(c -> {
            try {
                return ReflectionSupport.newInstance(c).getDefaultExecutionMode().orElse(null) == ExecutionMode.SAME_THREAD;
            } catch (RuntimeException notInstantiable) {
                return false;
            }
        }).orElse(false);
    }

    private static boolean parallelExecution(ExtensionContext context) {
        return context.getConfigurationParameter("junit.jupiter.execution.parallel.enabled")
                .map(Boolean::parseBoolean).orElse(false);
    }

    /**
     * System properties are JVM-wide: under parallel execution a routed test must hold JUnit's
     * {@code SYSTEM_PROPERTIES} lock, or another test's clients would be routed (or not) by accident.
     */
    private static void requireSystemPropertiesLock(ExtensionContext context) {
        if (!parallelExecution(context) || holdsSystemPropertiesLock(context)) {
            return;
        }
        throw new ExtensionConfigurationException("fake-ecr: routeDefaultClients() sets JVM-wide system properties,"
                + " and this run executes tests in parallel. Annotate " + context.getRequiredTestClass().getName()
                + " (or the test method) with @ResourceLock(Resources.SYSTEM_PROPERTIES) so that no other test"
                + " runs while its clients are routed to the fake.");
    }

    private static boolean holdsSystemPropertiesLock(ExtensionContext context) {
        List<AnnotatedElement> places = new ArrayList<>();
        context.getTestMethod().ifPresent(places::add);
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                places.add(k);
            }
        }
        return places.stream().anyMatch(place -> AnnotationSupport.findRepeatableAnnotations(place, ResourceLock.class)
                .stream().anyMatch(lock -> Resources.SYSTEM_PROPERTIES.equals(lock.value())));
    }

    /**
     * Strict fault rules: a rule the test declared (in it or its {@code @BeforeEach}/{@code @AfterEach}) that
     * never fired fails the test, as it usually means the test is broken. Rules declared before it (in
     * {@code @BeforeAll}, with {@code accountPerClass}) are the class's: checked after the class.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        if (!serves(context)) {
            return;
        }
        Settings settings = settings(context);
        FakeEcr handle = existingHandle(context);
        if (!settings.strictFaults() || handle == null) {
            return;
        }
        Set<FaultRule> before = context.getStore(namespace).get(RULES_BEFORE, IdentitySet.class);
        List<FaultRule> declaredByTest = handle.faultRules().stream()
                .filter(rule -> before == null || !before.contains(rule)).collect(Collectors.toList());
        if (settings.accountPerClass()) {
            testRules(context).addAll(declaredByTest);
        }
        failIfUnused(declaredByTest, handle, "");
    }

    /** With {@code accountPerClass}, the class's own fault rules (declared outside its tests) must have fired. */
    @Override
    public void afterAll(ExtensionContext context) {
        if (!serves(context) || !settings(context).strictFaults()
                || classOwner(context).filter(owner -> owner == context).isEmpty()) {
            return;
        }
        FakeEcr handle = existingHandle(context);
        if (handle == null) {
            return;
        }
        Set<FaultRule> ofTests = testRules(context);
        failIfUnused(handle.faultRules().stream().filter(rule -> !ofTests.contains(rule)).collect(Collectors.toList()),
                handle, " declared for the class (outside its tests, e.g. in @BeforeAll)");
    }

    private static void failIfUnused(List<FaultRule> rules, FakeEcr handle, String where) {
        List<FaultRule> unused = rules.stream().filter(r -> r.timesFired() == 0).collect(Collectors.toList());
        if (!unused.isEmpty()) {
            StringBuilder message = new StringBuilder("fake-ecr: ").append(unused.size())
                    .append(unused.size() == 1 ? " fault rule" : " fault rules").append(where).append(" never fired")
                    .append(" (an unused rule usually means a broken test; FakeEcrExtension.builder().lenientFaults()"
                            + " allows them):");
            unused.forEach(r -> message.append("\n  - ").append(r));
            message.append("\n").append("calls made: ").append(handle.describeCalls().strip());
            throw new AssertionError(message.toString());
        }
    }

    /** The rules the class's tests declared (and answered for), kept in the class's store. */
    private Set<FaultRule> testRules(ExtensionContext context) {
        ExtensionContext owner = classOwner(context).orElseGet(() -> nearestClass(context));
        return owner.getStore(namespace).getOrComputeIfAbsent(TEST_RULES + owner.getUniqueId(),
                key -> new IdentitySet(), IdentitySet.class);
    }

    private static IdentitySet identitySet(List<FaultRule> rules) {
        IdentitySet set = new IdentitySet();
        set.addAll(rules);
        return set;
    }

    /** Fault rules by identity (a rule is its declaration), safe for tests that end concurrently. */
    static final class IdentitySet extends AbstractSet<FaultRule> {
        private final Set<FaultRule> rules = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

        @Override
        public boolean add(FaultRule rule) {
            return rules.add(rule);
        }

        @Override
        public boolean contains(Object rule) {
            return rules.contains(rule);
        }

        @Override
        public Iterator<FaultRule> iterator() {
            return rules.iterator();
        }

        @Override
        public int size() {
            return rules.size();
        }
    }

    /** Adds the ECR calls the test made to its failure, the way WireMock reports near misses. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        FakeEcr handle = serves(context) ? existingHandle(context) : null;
        if (handle != null && !handle.calls().isEmpty()) { // no calls: nothing worth reporting
            throwable.addSuppressed(new EcrCallsReport(handle.accountId(), handle.region(), handle.describeCalls()));
        }
        throw throwable;
    }

    private FakeEcr existingHandle(ExtensionContext context) {
        ExtensionContext owner = owner(context);
        StoredResource.Handle stored = owner.getStore(namespace).get(HANDLE + owner.getUniqueId(), StoredResource.Handle.class);
        return stored == null ? null : stored.fake;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return (type == EcrClient.class || type == EcrAsyncClient.class || type == FakeEcr.class) && serves(extensionContext);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (extensionContext.getTestMethod().isEmpty() && !settings(extensionContext).accountPerClass()) {
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
     * closed with the test (or the class). Keyed by its owner's id: a store also answers for its parents' keys.
     */
    private FakeEcr handle(ExtensionContext context) {
        ExtensionContext owner = owner(context);
        Settings settings = settings(context);
        return owner.getStore(namespace).getOrComputeIfAbsent(HANDLE + owner.getUniqueId(), key -> {
            ServerSettings server = settings.server();
            SharedServer shared = SharedServer.of(context,
                    server.inMemory() || !inMemoryByConfiguration(context) ? server : server.inMemoryTransport());
            String account = settings.accountId() != null ? settings.accountId() : shared.nextAccountId();
            FakeEcr handle = shared.server.account(account, settings.region(), settings.config(), shared.httpClient,
                    settings.strictSignatures());
            settings.repositories().forEach(handle::createRepository);
            return new StoredResource.Handle(handle);
        }, StoredResource.Handle.class).fake;
    }

    /**
     * Whose handle a context uses: with {@code accountPerClass}, the class that owns the registry (the
     * outermost class this extension runs for), whichever container the test is in; otherwise the test's.
     */
    private ExtensionContext owner(ExtensionContext context) {
        if (settings(context).accountPerClass()) {
            return classOwner(context).orElseGet(() -> nearestClass(context));
        }
        return context;
    }

    /** The class context that owns the shared registry, as {@link #beforeAll} recorded it. */
    private Optional<ExtensionContext> classOwner(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(namespace).get(OWNER, Owner.class)).map(Owner::context);
    }

    /** The class that owns an {@code accountPerClass} registry (wrapped: a store would close a context). */
    private record Owner(ExtensionContext context) {}

    /** The class context around a test, however deep its containers (parameterized, repeated, factories). */
    private static ExtensionContext nearestClass(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /**
     * The {@code fakeecr.transport} configuration parameter (a system property, or junit-platform.properties)
     * set to {@code in-memory} makes {@link Builder#inMemoryTransport()} every extension's default.
     */
    private static boolean inMemoryByConfiguration(ExtensionContext context) {
        return context.getConfigurationParameter("fakeecr.transport").map("in-memory"::equals).orElse(false);
    }

    /**
     * The server (and HTTP client) shared by every test of the run with the same server settings (the transport
     * among them), in the root store, closed when the run ends. Each transport has its own server, so that one
     * used only in memory never starts Jetty or an HTTP client; accounts never meet across servers.
     */
    static final class SharedServer extends StoredResource {
        final FakeEcrServer server;
        final SdkHttpClient httpClient;
        private final AtomicLong lastAccount = new AtomicLong(100_000_000_000L);

        private SharedServer(ServerSettings settings) {
            this.server = settings.start();
            // null: the server's in-memory transport
            this.httpClient = settings.inMemory() ? null : Apache5HttpClient.create();
        }

        static SharedServer of(ExtensionContext context, ServerSettings settings) {
            return context.getRoot().getStore(SERVERS)
                    .getOrComputeIfAbsent(settings, key -> new SharedServer(settings), SharedServer.class);
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
        private Integer journalCapacity;
        private boolean strictSigV4;
        private final Map<String, String> credentials = new LinkedHashMap<>();
        private Clock clock;
        private String defaultAccountId;
        private String host;
        private int port;
        private RegistryConfig serverConfig;
        private boolean inMemoryTransport;

        private Builder() {}

        Settings settings() {
            return new Settings(region, accountId, List.copyOf(repositories), config, strictFaults, accountPerClass,
                    strictSignatures, routeDefaultClients, new ServerSettings(journalCapacity, strictSigV4,
                            Map.copyOf(credentials), clock, defaultAccountId, host, port, serverConfig, inMemoryTransport));
        }

        /**
         * How many calls each test's journal keeps (the oldest go first); default 1,000. Extensions with other
         * server settings than the default get a server of their own for the run.
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
         * Verifies every request's SigV4 signature, as {@link FakeEcrServer.Builder#strictSigV4()}: clients
         * with keys the fake does not know get {@code UnrecognizedClientException}. Handles' keys are known;
         * add others with {@link #credentials}. (For the test's own key only, see {@link #strictSignatures()}.)
         *
         * @return this builder
         */
        public Builder strictSigV4() {
            this.strictSigV4 = true;
            return this;
        }

        /**
         * A key pair the server knows, for clients not built by a handle (see {@link #strictSigV4()}).
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
         * The server's clock, where registries' times start; default the system clock. Each test can still
         * set or move its registry's clock ({@code fake.clock()}).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
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
            this.defaultAccountId = AccountIds.require(accountId, "defaultAccountId");
            return this;
        }

        /**
         * The address the server binds; default {@code 127.0.0.1}.
         *
         * @param host a host name or IP address
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port the server binds; default 0, a free port. A fixed port allows one such server at a time.
         *
         * @param port the port, or 0 for a free one
         * @return this builder
         * @throws IllegalArgumentException if {@code port} is not 0 to 65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The quotas and layer checks of accounts no test's handle holds (clients the test built with other
         * credentials), as {@link FakeEcrServer.Builder#config}; the tests' own registries follow this
         * builder's {@link #maxImagesPerRepository}, {@link #withoutLayerChecks} and {@link #layerBytesRetained}.
         *
         * @param config the quotas and layer checks
         * @return this builder
         */
        public Builder serverConfig(RegistryConfig config) {
            this.serverConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The injected {@link EcrClient} and {@link EcrAsyncClient}, and {@link FakeEcr#clientBuilder()}, reach
         * the fake in memory (a method call into the router HTTP requests reach) instead of over HTTP: same
         * answers, fault rules and journal, no socket, no WireMock, Jetty or HTTP client to start. The HTTP server starts when something
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
