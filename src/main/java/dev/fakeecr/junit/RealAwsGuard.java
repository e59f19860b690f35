package dev.fakeecr.junit;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The safety net of routed tests: while a test routes default-built ECR clients to the fake, an ECR
 * request of that test bound anywhere else fails before it is sent, instead of touching a real account.
 *
 * <p>"Of that test" means: made on the routed test's thread, or by a client built on it while it was routed
 * (an async client answers on other threads). Other tests' clients, running concurrently on other threads,
 * are left alone, and nothing is kept once a routing ends.
 *
 * <p>The SDK loads it as a global execution interceptor (from
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}) and makes one per client it builds;
 * outside routed tests it does nothing. It uses no JUnit type, so it loads wherever the SDK does.
 */
public final class RealAwsGuard implements ExecutionInterceptor {
    /**
     * The host of the in-memory transport's requests (the fake's own {@code EcrServer.IN_MEMORY_HOST}, which this
     * package may not name; a test keeps the two equal): they reach the fake without a socket.
     */
    static final String IN_MEMORY_HOST = "in-memory.fake-ecr.invalid";

    /** The routing in force on this thread: set by the routed test's thread, innermost last. */
    private static final ThreadLocal<Routing> CURRENT = new ThreadLocal<>();

    /** The routing in force where this interceptor's client was built, if any. */
    private final Routing builtDuring = CURRENT.get();

    /** One routed scope (a test, or a class with {@code accountPerClass}) and the fake it routes to. */
    static final class Routing {
        private final String fakeAuthority;
        private final Routing enclosing;
        private volatile boolean active = true;

        private Routing(String fakeAuthority, Routing enclosing) {
            this.fakeAuthority = fakeAuthority;
            this.enclosing = enclosing;
        }

        /** Ends this routing; on the thread that started it, the enclosing one (if any) is in force again. */
        void end() {
            active = false;
            if (CURRENT.get() == this) {
                if (enclosing == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(enclosing);
                }
            }
        }
    }

    /** The SDK builds one per client, on the thread that builds the client. */
    public RealAwsGuard() {}

    static Routing routingStarted(String fakeAuthority) {
        Routing routing = new Routing(fakeAuthority, active(CURRENT.get())); // ended ones are not kept
        CURRENT.set(routing);
        return routing;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Routing routing = active(CURRENT.get());
        if (routing == null) {
            routing = active(builtDuring);
        }
        if (routing == null || !"Ecr".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            return;
        }
        SdkHttpRequest request = context.httpRequest();
        String authority = request.host() + ":" + request.port();
        if (!routing.fakeAuthority.equals(authority) && !IN_MEMORY_HOST.equals(request.host())) {
            throw SdkClientException.create("fake-ecr: this test routes ECR clients to the fake, but an ECR client"
                    + " is about to call " + request.protocol() + "://" + authority + " instead. It was given an"
                    + " explicit endpoint (or was built before the test began); build it inside the test with the"
                    + " SDK's defaults, or from FakeEcr.clientBuilder().");
        }
    }

    private static Routing active(Routing routing) {
        return routing != null && routing.active ? routing : null;
    }
}
