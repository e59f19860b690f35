package dev.fakeecr.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.Manifests;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * The extension's lifecycle, run through JUnit's own engine (EngineTestKit): the fixture classes below are
 * test classes a user would write; each case checks both what they observed and that they all ran.
 */
class FakeEcrExtensionTest {
    /** What fixture tests saw, read after their run. Cleared before each run. */
    static final List<Object> observed = new CopyOnWriteArrayList<>();

    private static Events run(Class<?>... fixtures) {
        observed.clear();
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter");
        for (Class<?> fixture : fixtures) {
            kit.selectors(selectClass(fixture));
        }
        return kit.execute().testEvents();
    }

    // ---- fixtures -------------------------------------------------------------------------------------

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class EachTestStartsEmpty {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().withoutLayerChecks().build();

        @Test
        @Order(1)
        void first(EcrClient ecr) {
            ecr.createRepository(r -> r.repositoryName("app"));
            ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(Manifests.dockerV2("1")));
            assertThat(ecr.describeRepositories().repositories()).hasSize(1);
        }

        @Test
        @Order(2)
        void second(EcrClient ecr, FakeEcr fake) {
            assertThat(ecr.describeRepositories().repositories()).isEmpty();
            assertThat(fake.repositories()).isEmpty();
        }
    }

    static class Seeded {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder()
                .region("eu-central-1").accountId("210987654321").repositories("app", "team/base").build();

        @BeforeEach
        void seedAnImage(FakeEcr fake) {
            fake.putImage("app", "seeded", Manifests.dockerV2("seed"));
        }

        @Test
        void seesSeededStateThroughTheClient(EcrClient ecr) {
            List<Repository> repositories = ecr.describeRepositories().repositories();
            assertThat(repositories).extracting(Repository::repositoryName).containsExactly("app", "team/base");
            assertThat(repositories.get(0).repositoryArn())
                    .isEqualTo("arn:aws:ecr:eu-central-1:210987654321:repository/app");
            assertThat(ecr.batchGetImage(r -> r.repositoryName("app").imageIds(i -> i.imageTag("seeded"))).images())
                    .hasSize(1);
        }

        @Test
        void aFixedAccountIsStillEmptiedBetweenTests(FakeEcr fake) {
            assertThat(fake.accountId()).isEqualTo("210987654321");
            assertThat(fake.images("app")).hasSize(1); // only this test's @BeforeEach image
        }
    }

    @ExtendWith(FakeEcrExtension.class)
    static class Outer {
        @Test
        void outer(FakeEcr fake) {
            observed.add(fake);
        }

        @Nested
        class Inner {
            @Test
            void inner(EcrClient ecr, FakeEcr fake) {
                observed.add(fake);
                ecr.createRepository(r -> r.repositoryName("nested"));
                assertThat(fake.repository("nested")).isPresent();
            }
        }
    }

    @ExtendWith(FakeEcrExtension.class)
    static class SharesHandles {
        @BeforeEach
        void before(FakeEcr fake, EcrClient ecr) {
            observed.add(fake);
            observed.add(ecr);
        }

        @Test
        void test(FakeEcr fake, EcrClient ecr) {
            observed.add(fake);
            observed.add(ecr);
        }
    }

    @ExtendWith(FakeEcrExtension.class)
    static class InjectsIntoBeforeAll {
        @BeforeAll
        static void setUp(EcrClient ecr) {}

        @Test
        void test() {}
    }

    @ExtendWith(FakeEcrExtension.class)
    static class LeavesARuleUnused {
        @Test
        void test(FakeEcr fake, EcrClient ecr) {
            fake.onCall("PutImage").failWith("ServerException");
            ecr.describeRepositories();
        }
    }

    static class LeavesARuleUnusedLeniently {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().lenientFaults().build();

        @Test
        void test(FakeEcr fake) {
            fake.onCall("PutImage").failWith("ServerException");
        }
    }

    static class FailsAfterCalls {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().withoutLayerChecks().build();

        @Test
        void test(EcrClient ecr) {
            ecr.createRepository(r -> r.repositoryName("app"));
            ecr.putImage(r -> r.repositoryName("app").imageTag("v1").imageManifest(Manifests.dockerV2("1")));
            assertThat(ecr.describeRepositories().repositories()).isEmpty(); // fails: there is one
        }
    }

    /** One registry per class, whichever container (parameterized, repeated, factory, nested) uses it first. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClassAcrossContainers {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().accountPerClass().build();

        @ParameterizedTest
        @ValueSource(strings = {"a", "b"})
        @Order(1)
        void createsOneRepositoryPerArgument(String name, FakeEcr fake) {
            observed.add(fake);
            fake.createRepository(name);
        }

        @RepeatedTest(2)
        @Order(2)
        void repeated(FakeEcr fake) {
            observed.add(fake);
        }

        @TestFactory
        @Order(3)
        Stream<DynamicTest> factory(FakeEcr fake) {
            observed.add(fake);
            return Stream.of(DynamicTest.dynamicTest("sees a and b", () -> assertThat(fake.repositories()).hasSize(2)));
        }

        @Test
        @Order(4)
        void aPlainTestSeesWhatTheParameterizedOneCreated(FakeEcr fake) {
            observed.add(fake);
            assertThat(fake.repositories()).extracting(r -> r.name()).containsExactly("a", "b");
        }

        @Nested
        class Inner {
            @Test
            void sharesTheEnclosingClassRegistry(FakeEcr fake) {
                observed.add(fake);
                assertThat(fake.repositories()).hasSize(2);
            }
        }
    }

    /** A class-wide fault rule fires in the second test: the first, which does not use it, must pass. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClassRuleFromBeforeAll {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().accountPerClass().build();

        @BeforeAll
        static void declareRule(FakeEcr fake) {
            fake.onCall("ListImages").failWith("AccessDeniedException", "no");
        }

        @Test
        @Order(1)
        void doesNotUseTheRule(EcrClient ecr) {
            ecr.describeRepositories();
        }

        @Test
        @Order(2)
        void usesTheRule(EcrClient ecr) {
            assertThatThrownBy(() -> ecr.listImages(r -> r.repositoryName("app"))).hasMessageContaining("no");
        }
    }

    static class PerClassRuleNeverUsed {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().accountPerClass().build();

        @BeforeAll
        static void declareRule(FakeEcr fake) {
            fake.onCall("ListImages").failWith("AccessDeniedException");
        }

        @Test
        void test(EcrClient ecr) {
            ecr.describeRepositories();
        }
    }

    @ExtendWith(FakeEcrExtension.class)
    static class FailsWithoutCalls {
        @Test
        void test(FakeEcr fake) {
            assertThat(fake.repositories()).isNotEmpty(); // fails, and no ECR call was made
        }
    }

    // ---- cases --------------------------------------------------------------------------------------------

    @Test
    void eachTestStartsFromAnEmptyRegistry() {
        Events events = run(EachTestStartsEmpty.class);

        events.assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Test
    void builderSettingsSeedEveryTest() {
        Events events = run(Seeded.class);

        events.assertStatistics(s -> s.started(2).succeeded(2));
    }

    @Test
    void nestedClassesUseTheSameServerWithTheirOwnRegistry() {
        Events events = run(Outer.class);

        events.assertStatistics(s -> s.started(2).succeeded(2));
        FakeEcr outer = (FakeEcr) observed.get(0);
        FakeEcr inner = (FakeEcr) observed.get(1);
        assertThat(inner.endpoint()).isEqualTo(outer.endpoint());
        assertThat(inner.accountId()).isNotEqualTo(outer.accountId());
    }

    @Test
    void aTestAndItsBeforeEachShareOneHandleAndClient() {
        run(SharesHandles.class).assertStatistics(s -> s.succeeded(1));

        assertThat(observed).hasSize(4);
        assertThat(observed.get(2)).isSameAs(observed.get(0));
        assertThat(observed.get(3)).isSameAs(observed.get(1));
    }

    @Test
    void handlesCloseWithTheirTestAndTheServerWithTheRun() {
        run(Outer.class);

        FakeEcr handle = (FakeEcr) observed.get(0);
        assertThatThrownBy(handle::repositories).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        URI endpoint = handle.endpoint();
        assertThatThrownBy(() -> new Socket(endpoint.getHost(), endpoint.getPort()).close())
                .as("the server stopped when the run ended").isInstanceOf(IOException.class);
    }

    @Test
    void injectionIntoBeforeAllIsRefusedWithAReason() {
        EngineExecutionResults results =
                EngineTestKit.engine("junit-jupiter").selectors(selectClass(InjectsIntoBeforeAll.class)).execute();

        results.testEvents().assertStatistics(s -> s.started(0)); // the class failed before any test started
        results.containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                message(m -> m.contains("into test methods and @BeforeEach/@AfterEach methods only")))));
    }

    @Test
    void anUnusedFaultRuleFailsTheTestAndSaysWhichRule() {
        Events events = run(LeavesARuleUnused.class);

        events.assertStatistics(s -> s.started(1).failed(1));
        events.assertThatEvents().haveExactly(1, event(finishedWithFailure(instanceOf(AssertionError.class),
                message(m -> m.contains("1 fault rule never fired")
                        && m.contains("PutImage: fail with ServerException (500), once (fired 0)")
                        && m.contains("DescribeRepositories -> 200 OK")))));
    }

    @Test
    void lenientFaultsAllowUnusedRules() {
        run(LeavesARuleUnusedLeniently.class).assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void aFailingTestReportsTheEcrCallsItMade() {
        Events events = run(FailsAfterCalls.class);

        events.assertStatistics(s -> s.failed(1));
        Throwable failure = events.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionError.class);
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(EcrCallsReport.class)
                .extracting(Throwable::getMessage).asString()
                .contains("ECR calls made by this test")
                .contains("1. CreateRepository app -> 200 OK")
                .contains("2. PutImage app:v1 -> 200 OK")
                .contains("3. DescribeRepositories -> 200 OK");
    }

    @Test
    void accountPerClassGivesEveryContainerOfTheClassOneRegistry() {
        Events events = run(PerClassAcrossContainers.class);

        events.assertStatistics(s -> s.failed(0).succeeded(2 + 2 + 1 + 1 + 1));
        assertThat(observed).hasSize(2 + 2 + 1 + 1 + 1).allSatisfy(handle -> assertThat(handle).isSameAs(observed.get(0)));
    }

    @Test
    void aFaultRuleFromBeforeAllIsCheckedAfterTheClassNotAfterEachTest() {
        EngineExecutionResults results =
                EngineTestKit.engine("junit-jupiter").selectors(selectClass(PerClassRuleFromBeforeAll.class)).execute();

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void anUnusedFaultRuleFromBeforeAllFailsTheClass() {
        EngineExecutionResults results =
                EngineTestKit.engine("junit-jupiter").selectors(selectClass(PerClassRuleNeverUsed.class)).execute();

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        results.containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(AssertionError.class),
                message(m -> m.contains("1 fault rule declared for the class (outside its tests, e.g. in @BeforeAll)"
                        + " never fired") && m.contains("ListImages")))));
    }

    @Test
    void aFailingTestThatMadeNoCallCarriesNoCallReport() {
        Events events = run(FailsWithoutCalls.class);

        events.assertStatistics(s -> s.failed(1));
        Throwable failure = events.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void theDefaultAccountsAreTwelveDigitsAndDistinct() {
        run(EachTestStartsEmpty.class, Outer.class);

        assertThat(observed).hasSize(2).allSatisfy(o -> assertThat(((FakeEcr) o).accountId()).matches("[0-9]{12}"));
        assertThat(observed).extracting(o -> ((FakeEcr) o).accountId()).doesNotHaveDuplicates();
    }
}
