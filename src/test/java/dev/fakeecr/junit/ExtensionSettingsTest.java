package dev.fakeecr.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.fakeecr.FakeEcr;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import software.amazon.awssdk.services.ecr.EcrClient;

/** The extension's settings: {@code @FakeEcrTest}, nested classes with their own, server settings, concurrency. */
class ExtensionSettingsTest {
    static final List<String> observed = new CopyOnWriteArrayList<>();

    private static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
        observed.clear();
        return EngineTestKit.engine("junit-jupiter").configurationParameters(configuration)
                .selectors(selectClass(fixture)).execute();
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        return run(fixture, Map.of());
    }

    // ---- fixtures -----------------------------------------------------------------------------------------

    @FakeEcrTest(region = "eu-west-1", repositories = {"app", "team/base"})
    static class Annotated {
        @Test
        void test(FakeEcr fake, EcrClient ecr) {
            observed.add(fake.region() + " " + ecr.describeRepositories().repositories().size());
        }

        @Nested
        class InheritsTheSettings {
            @Test
            void test(FakeEcr fake) {
                observed.add("inherits " + fake.region() + " " + fake.repositories().size());
            }
        }

        @Nested
        @FakeEcrTest(region = "ap-south-1")
        class OverridesTheSettings {
            @Test
            void test(FakeEcr fake) {
                observed.add("overrides " + fake.region() + " " + fake.repositories().size());
            }
        }
    }

    @FakeEcrTest(accountPerClass = true, repositories = "app")
    static class AnnotatedPerClass {
        static String beforeAllAccount;

        @BeforeAll
        static void seed(FakeEcr fake) {
            beforeAllAccount = fake.accountId();
            fake.createRepository("seeded");
        }

        @Test
        void test(FakeEcr fake) {
            observed.add((fake.accountId().equals(beforeAllAccount)) + " " + fake.repositories().size());
        }
    }

    static class RegisteredOuter {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().region("us-west-2").build();

        @Test
        void outer(FakeEcr fake) {
            observed.add("outer " + fake.region());
        }

        @Nested
        class WithItsOwnExtension {
            @RegisterExtension
            static FakeEcrExtension nestedEcr = FakeEcrExtension.builder().region("eu-north-1").repositories("n").build();

            @Test
            void inner(FakeEcr fake, EcrClient ecr) {
                observed.add("inner " + fake.region() + " " + ecr.describeRepositories().repositories().size());
            }
        }
    }

    static class RegisteredOuterAnnotatedNested {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().region("us-west-2").repositories("outer").build();

        @Nested
        @FakeEcrTest(region = "sa-east-1")
        class Annotated {
            @Test
            void inner(FakeEcr fake) {
                observed.add("annotated " + fake.region() + " " + fake.repositories().size());
            }
        }
    }

    static class SmallJournal {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().journalCapacity(2).build();

        @Test
        void test(FakeEcr fake, EcrClient ecr) {
            ecr.describeRepositories();
            ecr.describeRepositories();
            ecr.describeRepositories();
            observed.add("kept " + fake.calls().size());
        }
    }

    static class PerClassConcurrent {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().accountPerClass().build();

        @Test
        void test(FakeEcr fake) {}
    }

    @TestMethodOrder(MethodOrderer.MethodName.class) // an orderer also runs the methods in one thread
    static class PerClassOrdered {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().accountPerClass().build();

        @Test
        void test(FakeEcr fake) {}
    }

    @Execution(ExecutionMode.SAME_THREAD)
    static class PerClassSequential {
        @RegisterExtension
        static FakeEcrExtension ecr = FakeEcrExtension.builder().accountPerClass().build();

        @Test
        void test(FakeEcr fake) {}
    }

    // ---- cases --------------------------------------------------------------------------------------------

    @Test
    void fakeEcrTestConfiguresRegionAndRepositoriesAndNestedClassesCanOverrideIt() {
        run(Annotated.class).testEvents().assertStatistics(s -> s.started(3).succeeded(3));

        assertThat(observed).containsExactlyInAnyOrder("eu-west-1 2", "inherits eu-west-1 2", "overrides ap-south-1 0");
    }

    @Test
    void fakeEcrTestSharesOneRegistryPerClassWhenAsked() {
        run(AnnotatedPerClass.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        assertThat(observed).containsExactly("true 2");
    }

    @Test
    void aNestedClassCanRegisterItsOwnExtension() {
        run(RegisteredOuter.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));

        assertThat(observed).containsExactlyInAnyOrder("outer us-west-2", "inner eu-north-1 1");
    }

    @Test
    void aNestedClassCanOverrideARegisteredExtensionWithTheAnnotation() {
        run(RegisteredOuterAnnotatedNested.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        assertThat(observed).containsExactly("annotated sa-east-1 0");
    }

    @Test
    void theJournalCapacityIsSetFromTheExtension() {
        run(SmallJournal.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        assertThat(observed).containsExactly("kept 2");
    }

    @Test
    void accountPerClassRefusesToRunItsTestsConcurrentlyAndSaysWhy() {
        Map<String, String> concurrent = Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent");

        EngineExecutionResults refused = run(PerClassConcurrent.class, concurrent);
        refused.containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(m -> m.contains("accountPerClass() shares one registry among the tests of")
                        && m.contains("@Execution(ExecutionMode.SAME_THREAD)")))));

        run(PerClassSequential.class, concurrent).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        run(PerClassOrdered.class, concurrent).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }
}
