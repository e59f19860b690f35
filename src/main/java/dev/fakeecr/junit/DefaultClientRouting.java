package dev.fakeecr.junit;

import dev.fakeecr.FakeEcr;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Routes ECR clients the application builds with the SDK's defaults ({@code EcrClient.create()}, builders
 * without endpoint, region or credentials) to the fake, through the SDK's own system properties, for
 * the duration of one test. Closing restores the properties as they were.
 */
final class DefaultClientRouting extends StoredResource {
    /** The SDK's system properties: ECR's endpoint URL, the region, and the credentials of the first provider. */
    static final String ENDPOINT = "aws.endpointUrlEcr";
    static final String REGION = "aws.region";
    static final String ACCESS_KEY = "aws.accessKeyId";
    static final String SECRET_KEY = "aws.secretAccessKey";

    private final Map<String, String> previous = new LinkedHashMap<>();
    private final RealAwsGuard.Routing guard;

    DefaultClientRouting(FakeEcr fake) {
        set(ENDPOINT, fake.endpoint().toString());
        set(REGION, fake.region());
        set(ACCESS_KEY, fake.accountId());
        set(SECRET_KEY, FakeEcr.SECRET_ACCESS_KEY);
        guard = RealAwsGuard.routingStarted(fake.endpoint().getHost() + ":" + fake.endpoint().getPort());
    }

    private void set(String name, String value) {
        previous.put(name, System.getProperty(name));
        System.setProperty(name, value);
    }

    @Override
    void release() {
        guard.end();
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }
}
