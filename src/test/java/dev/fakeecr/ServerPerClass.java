package dev.fakeecr;

import dev.fakeecr.registry.RegistryConfig;
import java.net.URI;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link FakeEcrServer} of one test class, for tests that talk to the server itself rather than through
 * the {@link dev.fakeecr.junit.FakeEcrExtension}: started before the class's {@code @BeforeAll} methods,
 * closed after its last test.
 * <pre>{@code
 * @RegisterExtension
 * static final ServerPerClass server = ServerPerClass.start();
 * }</pre>
 */
public final class ServerPerClass implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<FakeEcrServer> starter;
    private FakeEcrServer server;

    private ServerPerClass(Supplier<FakeEcrServer> starter) {
        this.starter = starter;
    }

    /** A server with every default. */
    public static ServerPerClass start() {
        return new ServerPerClass(FakeEcrServer::start);
    }

    /** A server with these settings. */
    public static ServerPerClass start(FakeEcrServer.Builder settings) {
        return new ServerPerClass(settings::start);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = starter.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    public FakeEcrServer server() {
        return server;
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public FakeEcr account(String accountId, String region) {
        return server.account(accountId, region);
    }

    public FakeEcr account(String accountId, String region, RegistryConfig config) {
        return server.account(accountId, region, config);
    }
}
