package dev.fakeecr.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.Manifests;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import software.amazon.awssdk.services.ecr.EcrAsyncClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/** Many tests at once on the shared server: each sees only its own registry, calls and faults. */
class ParallelIsolationTest {
    static final List<FakeEcr> handles = new CopyOnWriteArrayList<>();
    static final AtomicInteger running = new AtomicInteger();
    static final AtomicInteger mostAtOnce = new AtomicInteger();

    /** Pushes three images under its own tags into "app", declares a fault, and expects to see only its own. */
    static void pushAndList(FakeEcr fake, EcrClient ecr, String me) {
        handles.add(fake);
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            fake.onCall("DescribeRepositories").failWith("RepositoryNotFoundException");
            for (int i = 0; i < 3; i++) {
                String tag = me + "-" + i;
                ecr.putImage(r -> r.repositoryName("app").imageTag(tag).imageManifest(Manifests.dockerV2(tag)));
            }
            List<ImageIdentifier> listed = ecr.listImages(r -> r.repositoryName("app")).imageIds();
            assertThat(listed).extracting(ImageIdentifier::imageTag).containsExactlyInAnyOrder(me + "-0", me + "-1", me + "-2");
            assertThatThrownBy(ecr::describeRepositories).as("our own fault fires, nobody else's")
                    .isInstanceOf(software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException.class);
            assertThat(fake.calls()).hasSize(5);
            assertThat(fake.calls()).allSatisfy(c -> assertThat(c.request().imageTag() == null
                    || c.request().imageTag().startsWith(me + "-")).isTrue());
        } finally {
            running.decrementAndGet();
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    static class SyncClients {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().repositories("app").withoutLayerChecks().build();

        @RepeatedTest(30)
        void test(FakeEcr fake, EcrClient ecr, RepetitionInfo info) {
            pushAndList(fake, ecr, "sync" + info.getCurrentRepetition());
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    static class AsyncClients {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().repositories("app").withoutLayerChecks().build();

        @RepeatedTest(10)
        void test(FakeEcr fake, EcrAsyncClient ecr, RepetitionInfo info) {
            handles.add(fake);
            String me = "async" + info.getCurrentRepetition();
            for (int i = 0; i < 3; i++) {
                String tag = me + "-" + i;
                ecr.putImage(r -> r.repositoryName("app").imageTag(tag).imageManifest(Manifests.dockerV2(tag))).join();
            }
            assertThat(ecr.listImages(r -> r.repositoryName("app")).join().imageIds())
                    .extracting(ImageIdentifier::imageTag).containsExactlyInAnyOrder(me + "-0", me + "-1", me + "-2");
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class OneAccountForTheClass {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().accountPerClass().build();

        @BeforeAll
        static void seed(FakeEcr fake) {
            fake.createRepository("shared");
        }

        @Test
        @Order(1)
        void first(EcrClient ecr, FakeEcr fake) {
            handles.add(fake);
            assertThat(ecr.describeRepositories().repositories()).hasSize(1);
            fake.putImage("shared", "from-first", Manifests.dockerV2("first"));
        }

        @Test
        @Order(2)
        void second(FakeEcr fake) {
            handles.add(fake);
            assertThat(fake.image("shared", "from-first")).as("state kept from the first test").isPresent();
        }
    }

    private static Events runConcurrently(Class<?>... fixtures) {
        handles.clear();
        mostAtOnce.set(0);
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "8");
        for (Class<?> fixture : fixtures) {
            kit.selectors(selectClass(fixture));
        }
        return kit.execute().testEvents();
    }

    @Test
    void concurrentTestsNeverSeeEachOthersStateCallsOrFaults() {
        Events events = runConcurrently(SyncClients.class, AsyncClients.class);

        events.assertStatistics(s -> s.started(40).succeeded(40));
        assertThat(mostAtOnce.get()).as("tests really ran at the same time").isGreaterThan(1);
        assertThat(handles).hasSize(40).extracting(FakeEcr::accountId).doesNotHaveDuplicates();
        assertThat(handles).allSatisfy(h -> assertThat(h.isClosed()).isTrue());
        URI endpoint = handles.get(0).endpoint();
        assertThatThrownBy(() -> new Socket(endpoint.getHost(), endpoint.getPort()).close())
                .as("the run's server stopped when the run ended").isInstanceOf(IOException.class);
    }

    @Test
    void aClassCanShareOneAccountAcrossItsTests() {
        Events events = runConcurrently(OneAccountForTheClass.class);

        events.assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(handles).hasSize(2);
        assertThat(handles.get(0)).isSameAs(handles.get(1));
        assertThat(handles.get(0).isClosed()).isTrue();
    }
}
