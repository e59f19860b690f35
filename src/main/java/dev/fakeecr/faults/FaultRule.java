package dev.fakeecr.faults;

import dev.fakeecr.internal.faults.FaultAccess;
import dev.fakeecr.journal.EcrRequest;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** One declared fault: which calls it takes, how many times, and what it answers. */
public final class FaultRule {
    /** For rules that fire on every matching call. */
    public static final int ALWAYS = -1;

    private final String operation;
    private final Predicate<EcrRequest> condition;
    private final String conditionText;
    private final int times;
    private final Outcome outcome;
    private int fired;

    static {
        FaultAccess.install(new FaultAccess() {
            @Override
            protected boolean tryFire(FaultRule rule, EcrRequest request) {
                return rule.tryFire(request);
            }

            @Override
            protected FaultRuleBuilder newBuilder(Consumer<FaultRule> declared, String operation) {
                return new FaultRuleBuilder(declared, operation);
            }
        });
    }

    FaultRule(String operation, Predicate<EcrRequest> condition, String conditionText, int times, Outcome outcome) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.condition = Objects.requireNonNull(condition, "condition");
        this.conditionText = conditionText;
        this.times = times;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * The operation whose calls the rule takes.
     *
     * @return the operation, e.g. {@code PutImage}
     */
    public String operation() {
        return operation;
    }

    /**
     * What the rule answers.
     *
     * @return the outcome
     */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * How many calls this rule has answered so far.
     *
     * @return the number of calls it answered
     */
    public synchronized int timesFired() {
        return fired;
    }

    /** Takes the call if it matches and the rule has firings left. Called under the rule list's lock. */
    boolean tryFire(EcrRequest request) {
        synchronized (this) {
            if ((times != ALWAYS && fired >= times) || !operation.equals(request.operation())) {
                return false;
            }
        }
        if (!condition.test(request)) {
            return false;
        }
        synchronized (this) {
            fired++;
        }
        return true;
    }

    @Override
    public synchronized String toString() {
        String count = times == ALWAYS ? "always" : times == 1 ? "once" : times + " times";
        return operation + (conditionText == null ? "" : " where " + conditionText) + ": " + outcome + ", " + count
                + " (fired " + fired + ")";
    }
}
