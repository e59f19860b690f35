package dev.fakeecr.junit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The safety net of routed tests: while a test routes default-built ECR clients to the fake, an ECR
 * request bound anywhere else fails before it is sent, instead of touching a real account.
 *
 * <p>The SDK loads it as a global execution interceptor (from
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}); outside routed tests it does
 * nothing. It uses no JUnit type, so it loads wherever the SDK does.
 */
public final class RealAwsGuard implements ExecutionInterceptor {
    private static final AtomicInteger ROUTED_TESTS = new AtomicInteger();
    private static final Set<String> FAKE_AUTHORITIES = ConcurrentHashMap.newKeySet();

    static void routingStarted(String fakeAuthority) {
        FAKE_AUTHORITIES.add(fakeAuthority);
        ROUTED_TESTS.incrementAndGet();
    }

    static void routingEnded() {
        ROUTED_TESTS.decrementAndGet();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (ROUTED_TESTS.get() == 0 || !"Ecr".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            return;
        }
        SdkHttpRequest request = context.httpRequest();
        String authority = request.host() + ":" + request.port();
        if (!FAKE_AUTHORITIES.contains(authority)) {
            throw SdkClientException.create("fake-ecr: this test routes ECR clients to the fake, but an ECR client"
                    + " is about to call " + request.protocol() + "://" + authority + " instead. It was given an"
                    + " explicit endpoint (or was built before the test began); build it inside the test with the"
                    + " SDK's defaults, or from FakeEcr.clientBuilder().");
        }
    }
}
