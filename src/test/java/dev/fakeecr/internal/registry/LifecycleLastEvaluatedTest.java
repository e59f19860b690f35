package dev.fakeecr.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.registry.RegistryConfig;
import dev.fakeecr.registry.RepositorySettings;
import dev.fakeecr.registry.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The registry's record of when a repository's lifecycle policy last ran (the wire field is GetLifecyclePolicy's). */
class LifecycleLastEvaluatedTest {
    private static final String POLICY = "{\"rules\":[{\"rulePriority\":1,\"description\":\"expire untagged images\","
            + "\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\","
            + "\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}";

    @Test
    void aRunIsRecordedAndForgottenWithThePolicy() {
        TestClock clock = new TestClock(Clock.systemUTC());
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        clock.set(now);
        Registry registry = new Registry("123456789012", "us-east-1", clock, RegistryConfig.DEFAULTS);
        registry.createRepository(RepositorySettings.named("app"));
        registry.putLifecyclePolicy("app", POLICY);
        assertThat(registry.lifecyclePolicyLastEvaluatedAt("app")).as("never ran").isEmpty();

        registry.applyLifecyclePolicies();
        assertThat(registry.lifecyclePolicyLastEvaluatedAt("app")).contains(now);
        clock.advance(Duration.ofDays(1));
        registry.applyLifecyclePolicy("app");
        assertThat(registry.lifecyclePolicyLastEvaluatedAt("app")).contains(now.plus(Duration.ofDays(1)));

        registry.deletePolicy("app", PolicyKind.LIFECYCLE);
        registry.putLifecyclePolicy("app", POLICY);
        assertThat(registry.lifecyclePolicyLastEvaluatedAt("app")).as("the new policy never ran").isEmpty();
    }
}
