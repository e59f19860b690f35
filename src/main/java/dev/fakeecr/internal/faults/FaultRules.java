package dev.fakeecr.internal.faults;

import dev.fakeecr.faults.FaultRule;
import dev.fakeecr.faults.FaultRuleBuilder;
import dev.fakeecr.journal.EcrRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fault rules of one client scope, tried in the order they were declared.
 *
 * <p>Held in an account's state; tests declare rules with {@code FakeEcr.onCall}, which builds them here.
 */
public final class FaultRules {
    private final List<FaultRule> rules = new ArrayList<>();

    /**
     * A declaration of a rule for {@code operation}; the finished rule is tried after those declared before it.
     *
     * @param operation the ECR operation
     * @return the builder
     */
    public FaultRuleBuilder declare(String operation) {
        return FaultAccess.get().newBuilder(this::add, operation);
    }

    private synchronized void add(FaultRule rule) {
        rules.add(rule);
    }

    /**
     * The first rule that takes this call, counted as fired; empty when the call is answered normally.
     *
     * @param request the decoded call
     * @return the rule that takes it, or empty
     */
    public synchronized Optional<FaultRule> fire(EcrRequest request) {
        for (FaultRule rule : rules) {
            if (FaultAccess.get().tryFire(rule, request)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /**
     * The rules, in declaration order.
     *
     * @return a copy of the list
     */
    public synchronized List<FaultRule> rules() {
        return new ArrayList<>(rules);
    }

    /**
     * Whether no rule was declared.
     *
     * @return true if there is no rule
     */
    public synchronized boolean isEmpty() {
        return rules.isEmpty();
    }
}
