package dev.fakeecr.assertj;

import dev.fakeecr.journal.Call;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.FactoryBasedNavigableListAssert;

/**
 * Assertions on recorded calls: every list assertion ({@code hasSize}, {@code extracting}, …) plus
 * navigation to one call ({@code first()}, {@code element(i)}, {@code last()}) as a {@link CallAssert}.
 */
public class CallListAssert extends FactoryBasedNavigableListAssert<CallListAssert, List<Call>, Call, CallAssert> {

    /**
     * Assertions on {@code actual}, oldest call first.
     *
     * @param actual the calls
     */
    public CallListAssert(List<Call> actual) {
        super(actual, CallListAssert.class, CallAssert::new);
    }

    /**
     * The calls were of exactly these operations, in this order, and no others.
     *
     * @param operations the expected operations, oldest first
     * @return this assertion object
     */
    public CallListAssert containsExactlyOperations(String... operations) {
        isNotNull();
        if (!operations().equals(List.of(operations))) {
            failWithMessage("%nExpecting calls %s, exactly and in this order, but they were:%n%s", List.of(operations),
                    describe());
        }
        return this;
    }

    /**
     * Each of these operations was called at least once, in any order, among any other calls.
     *
     * @param operations the operations
     * @return this assertion object
     */
    public CallListAssert containsOperations(String... operations) {
        isNotNull();
        List<String> missing = Arrays.stream(operations).filter(o -> !operations().contains(o)).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            failWithMessage("%nExpecting calls of %s, but there was none of %s among:%n%s", List.of(operations), missing,
                    describe());
        }
        return this;
    }

    /**
     * None of these operations was called.
     *
     * @param operations the operations
     * @return this assertion object
     */
    public CallListAssert doesNotContainOperations(String... operations) {
        isNotNull();
        List<String> made = Arrays.stream(operations).filter(operations()::contains).collect(Collectors.toList());
        if (!made.isEmpty()) {
            failWithMessage("%nExpecting no calls of %s, but there were calls of %s:%n%s", List.of(operations), made,
                    describe());
        }
        return this;
    }

    /**
     * The calls were of exactly these operations, in this order.
     *
     * @param operations the expected operations, oldest first
     * @return this assertion object
     * @deprecated the name does not say "exactly": use {@link #containsExactlyOperations(String...)}
     */
    @Deprecated
    public CallListAssert haveOperations(String... operations) {
        return containsExactlyOperations(operations);
    }

    private List<String> operations() {
        return actual.stream().map(Call::operation).collect(Collectors.toList());
    }

    /**
     * Every call was answered with HTTP 200.
     *
     * @return this assertion object
     */
    public CallListAssert allSucceeded() {
        isNotNull();
        if (actual.stream().anyMatch(c -> !c.succeeded())) {
            failWithMessage("%nExpecting every call to succeed, but they were:%n%s", describe());
        }
        return this;
    }

    private String describe() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < actual.size(); i++) {
            text.append("  ").append(i + 1).append(". ").append(actual.get(i)).append('\n');
        }
        return text.length() == 0 ? "  (none)" : text.toString().stripTrailing();
    }
}
