package dev.fakeecr.faults;

import dev.fakeecr.journal.EcrRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Declares a fault for one operation: which calls it takes ({@link #where}), how often ({@link #once},
 * {@link #times}, {@link #always}; once by default), and, last, what it answers.
 *
 * <pre>{@code
 * fake.onCall("PutImage").where(r -> "app".equals(r.repositoryName())).times(2).failWith(ServerException.class);
 * }</pre>
 */
public final class FaultRuleBuilder {
    private final Consumer<FaultRule> declared;
    private final String operation;
    private Predicate<EcrRequest> condition = request -> true;
    private String conditionText;
    private int times = 1;

    /**
     * A declaration of a rule for {@code operation}; tests get one from {@link dev.fakeecr.FakeEcr#onCall}.
     *
     * @param declared takes the finished rule into the handle's list
     * @param operation the operation, e.g. {@code PutImage}
     */
    FaultRuleBuilder(Consumer<FaultRule> declared, String operation) {
        this.declared = Objects.requireNonNull(declared, "declared");
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    /**
     * Only calls whose request matches; several conditions must all hold.
     *
     * @param condition a test on the decoded request
     * @return this builder
     */
    public FaultRuleBuilder where(Predicate<EcrRequest> condition) {
        return where(condition, "a condition");
    }

    /**
     * Only calls on this repository.
     *
     * @param repositoryName the repository's name
     * @return this builder
     */
    public FaultRuleBuilder forRepository(String repositoryName) {
        return where(r -> repositoryName.equals(r.repositoryName()), "repositoryName = " + repositoryName);
    }

    /**
     * Only calls naming this image tag ({@code imageTag}, or the first of {@code imageIds}).
     *
     * @param imageTag the image tag
     * @return this builder
     */
    public FaultRuleBuilder forTag(String imageTag) {
        return where(r -> imageTag.equals(r.imageTag()), "imageTag = " + imageTag);
    }

    private FaultRuleBuilder where(Predicate<EcrRequest> more, String text) {
        Objects.requireNonNull(more, "condition");
        condition = condition.and(more);
        conditionText = conditionText == null ? text : conditionText + " and " + text;
        return this;
    }

    /**
     * The rule answers one matching call (the default).
     *
     * @return this builder
     */
    public FaultRuleBuilder once() {
        return times(1);
    }

    /**
     * The rule answers the next {@code n} matching calls.
     *
     * @param n how many calls, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is below 1
     */
    public FaultRuleBuilder times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + n);
        }
        times = n;
        return this;
    }

    /**
     * The rule answers every matching call.
     *
     * @return this builder
     */
    public FaultRuleBuilder always() {
        times = FaultRule.ALWAYS;
        return this;
    }

    /**
     * Answers with this error, at its status, and a realistic message for the call.
     *
     * @param error the error
     * @return the rule, declared and in force
     */
    public FaultRule failWith(ErrorSpec error) {
        return then(error.toOutcome(null));
    }

    /**
     * Answers with this error and message.
     *
     * @param error the error
     * @param message the message the caller sees
     * @return the rule, declared and in force
     */
    public FaultRule failWith(ErrorSpec error, String message) {
        return then(error.toOutcome(Objects.requireNonNull(message, "message")));
    }

    /**
     * Answers with the ECR error of this SDK exception class, e.g. {@code ServerException.class}.
     *
     * @param sdkExceptionClass an exception class of the ECR SDK
     * @return the rule, declared and in force
     * @throws IllegalArgumentException if the class is not one of ECR's errors
     */
    public FaultRule failWith(Class<? extends RuntimeException> sdkExceptionClass) {
        return failWith(ErrorSpec.of(sdkExceptionClass));
    }

    /**
     * Answers with the ECR error of this SDK exception class, and this message.
     *
     * @param sdkExceptionClass an exception class of the ECR SDK
     * @param message the message the caller sees
     * @return the rule, declared and in force
     * @throws IllegalArgumentException if the class is not one of ECR's errors
     */
    public FaultRule failWith(Class<? extends RuntimeException> sdkExceptionClass, String message) {
        return failWith(ErrorSpec.of(sdkExceptionClass), message);
    }

    /**
     * Answers with this error code, e.g. {@code "ImageTagAlreadyExistsException"} or {@code "AccessDeniedException"}.
     *
     * @param errorCode the error code, answered at 500 for {@code ServerException} and 400 for any other
     * @return the rule, declared and in force
     */
    public FaultRule failWith(String errorCode) {
        return failWith(ErrorSpec.of(errorCode));
    }

    /**
     * Answers with this error code and message.
     *
     * @param errorCode the error code, answered at 500 for {@code ServerException} and 400 for any other
     * @param message the message the caller sees
     * @return the rule, declared and in force
     */
    public FaultRule failWith(String errorCode, String message) {
        return failWith(ErrorSpec.of(errorCode), message);
    }

    /**
     * Answers {@code ThrottlingException: Rate exceeded} (400), which every SDK retries with back-off.
     *
     * @return the rule, declared and in force
     */
    public FaultRule throttle() {
        return failWith(ErrorSpec.of("ThrottlingException"));
    }

    /**
     * Waits, then answers normally: for client timeouts. The call still takes effect.
     *
     * @param delay how long to wait before answering
     * @return the rule, declared and in force
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public FaultRule delay(Duration delay) {
        return then(new Outcome.Delay(delay));
    }

    /**
     * Resets the connection instead of answering.
     *
     * @return the rule, declared and in force
     */
    public FaultRule resetConnection() {
        return then(new Outcome.ConnectionFault(Outcome.ConnectionFault.Kind.RESET));
    }

    /**
     * Closes the connection without a response.
     *
     * @return the rule, declared and in force
     */
    public FaultRule emptyResponse() {
        return then(new Outcome.ConnectionFault(Outcome.ConnectionFault.Kind.EMPTY_RESPONSE));
    }

    /**
     * Sends garbage bytes, then closes the connection.
     *
     * @return the rule, declared and in force
     */
    public FaultRule garbage() {
        return then(new Outcome.ConnectionFault(Outcome.ConnectionFault.Kind.GARBAGE));
    }

    /**
     * Answers normally: lets the first matching calls through before a later rule fails one.
     *
     * @return the rule, declared and in force
     */
    public FaultRule answerNormally() {
        return then(new Outcome.Normal());
    }

    private FaultRule then(Outcome outcome) {
        FaultRule rule = new FaultRule(operation, condition, conditionText, times, outcome);
        declared.accept(rule);
        return rule;
    }
}
