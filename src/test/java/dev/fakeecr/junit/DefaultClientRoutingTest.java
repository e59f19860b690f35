package dev.fakeecr.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.FakeEcrServer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;

/** Routing clients the application builds itself, and the safety net around it. */
class DefaultClientRoutingTest {

    /** Application code as it is usually written: a client from the SDK's defaults. */
    static final class RepositoryCatalog {
        List<String> names() {
            try (EcrClient ecr = EcrClient.create()) {
                return ecr.describeRepositories().repositories().stream().map(Repository::repositoryName)
                        .collect(Collectors.toList());
            }
        }
    }

    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    static class RoutedApp {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().routeDefaultClients().repositories("app", "web").build();

        @Test
        void theApplicationsOwnClientReachesTheTestsRegistry(FakeEcr fake) {
            assertThat(new RepositoryCatalog().names()).containsExactly("app", "web");
            assertThat(fake.calls()).singleElement().satisfies(c -> assertThat(c.operation()).isEqualTo("DescribeRepositories"));
        }

        @Test
        void aClientBoundElsewhereFailsInsteadOfReachingAws() {
            // .invalid never resolves (RFC 2606): even without the guard, nothing would leave the machine.
            try (EcrClient elsewhere = EcrClient.builder().region(Region.US_EAST_1)
                    .endpointOverride(URI.create("https://api.ecr.example.invalid")).build()) {
                Throwable thrown = catchThrowable(elsewhere::describeRepositories);

                assertThat(thrown).isInstanceOf(SdkClientException.class)
                        .hasMessageContaining("fake-ecr: this test routes ECR clients to the fake")
                        .hasMessageContaining("https://api.ecr.example.invalid:443");
            }
        }
    }

    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    static class RoutedInMemory {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().routeDefaultClients().inMemoryTransport()
                .repositories("app").build();

        @Test
        void theInjectedInMemoryClientAndTheApplicationsOwnBothReachTheFake(EcrClient injected) {
            assertThat(injected.describeRepositories().repositories()).hasSize(1);
            assertThat(new RepositoryCatalog().names()).containsExactly("app");
        }
    }

    /** A routed test while another test, on another thread, uses its own server (the README's "Without JUnit"). */
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    static class RoutedWhileAnotherTestRuns {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().routeDefaultClients().build();

        @Test
        void test() throws Exception {
            ExecutorService otherTest = Executors.newSingleThreadExecutor();
            try (FakeEcrServer server = FakeEcrServer.start(); FakeEcr own = server.account("123456789012", "us-east-1")) {
                Future<Integer> listed = otherTest.submit(() -> own.client().describeRepositories().repositories().size());
                assertThat(listed.get()).isZero();
            } finally {
                otherTest.shutdownNow();
            }
        }
    }

    static class RoutedWithoutLock {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().routeDefaultClients().build();

        @Test
        void test() {}
    }

    @Test
    void routedTestsReachTheFakeAndThePropertiesAreRestoredAfterwards() {
        System.setProperty("aws.region", "ap-southeast-2");
        try {
            Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(RoutedApp.class)).execute().testEvents();

            events.assertStatistics(s -> s.started(2).succeeded(2));
            assertThat(System.getProperty("aws.region")).isEqualTo("ap-southeast-2");
            assertThat(System.getProperty("aws.endpointUrlEcr")).isNull();
            assertThat(System.getProperty("aws.accessKeyId")).isNull();
        } finally {
            System.clearProperty("aws.region");
        }
    }

    @Test
    void theSafetyNetLetsTheInMemoryTransportThrough() {
        assertThat(RealAwsGuard.IN_MEMORY_HOST).isEqualTo(dev.fakeecr.internal.server.EcrServer.IN_MEMORY_HOST);
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(RoutedInMemory.class))
                .execute().testEvents();

        events.assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void theSafetyNetLeavesOtherTestsClientsAlone() {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(RoutedWhileAnotherTestRuns.class))
                .execute().testEvents();

        events.assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void underParallelExecutionARoutedTestMustHoldTheSystemPropertiesLock() {
        Events events = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .selectors(selectClass(RoutedWithoutLock.class), selectClass(RoutedApp.class)).execute().testEvents();

        events.assertStatistics(s -> s.started(3).succeeded(2).failed(1));
        events.assertThatEvents().haveExactly(1, event(finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                message(m -> m.contains("@ResourceLock(Resources.SYSTEM_PROPERTIES)")))));
    }
}
