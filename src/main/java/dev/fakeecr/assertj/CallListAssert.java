package dev.fakeecr.assertj;

import dev.fakeecr.journal.Call;
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
     * The calls were of these operations, in this order.
     *
     * @param operations the expected operations, oldest first
     * @return this assertion object
     */
    public CallListAssert haveOperations(String... operations) {
        isNotNull();
        List<String> actualOperations = actual.stream().map(Call::operation).collect(Collectors.toList());
        if (!actualOperations.equals(List.of(operations))) {
            failWithMessage("Expecting calls %s, but they were:%n%s", List.of(operations), describe());
        }
        return this;
    }

    /**
     * Every call was answered with HTTP 200.
     *
     * @return this assertion object
     */
    public CallListAssert allSucceeded() {
        isNotNull();
        if (actual.stream().anyMatch(c -> !c.succeeded())) {
            failWithMessage("Expecting every call to succeed, but they were:%n%s", describe());
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
