package dev.fakeecr.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the fake ECR, configured by the annotation: the one-annotation form of
 * {@code @ExtendWith(FakeEcrExtension.class)}. For every other setting, register a
 * {@link FakeEcrExtension#builder()} with {@code @RegisterExtension} instead.
 *
 * <pre>{@code
 * @FakeEcrTest(region = "eu-west-1", repositories = {"app", "team/base"})
 * class PromoterTest {
 *     @Test
 *     void promotes(EcrClient ecr, FakeEcr fake) { ... }
 * }
 * }</pre>
 *
 * <p>A {@code @Nested} class with its own {@code @FakeEcrTest} uses its own settings; one without uses its
 * enclosing class's.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeEcrExtension.class)
public @interface FakeEcrTest {
    /**
     * The region of the clients and of the registry.
     *
     * @return the region; default {@code us-east-1}
     */
    String region() default "us-east-1";

    /**
     * Repositories (with ECR's defaults) created before each test, or once per class with
     * {@link #accountPerClass()}.
     *
     * @return the repositories' names; default none
     */
    String[] repositories() default {};

    /**
     * One registry shared by the class's tests (in their order) instead of one per test, as
     * {@link FakeEcrExtension.Builder#accountPerClass()}.
     *
     * @return whether the class's tests share one registry; default false
     */
    boolean accountPerClass() default false;
}
