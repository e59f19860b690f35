package dev.fakeecr.faults;

import dev.fakeecr.journal.EcrRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The fault rules of one client scope, tried in the order they were declared.
 *
 * <p>Used by the fake's protocol layer; tests declare rules with {@link dev.fakeecr.FakeEcr#onCall}.
 */
public final class FaultRules {
    private final List<FaultRule> rules = new ArrayList<>();

    /**
     * Declares a rule; rules declared earlier are tried first.
     *
     * @param operation the operation whose calls the rule takes
     * @param condition which of those calls it takes
     * @param conditionText the condition as failure messages show it, or null for none
     * @param times how many calls it answers, or {@link FaultRule#ALWAYS}
     * @param outcome what it answers
     * @return the rule
     */
    public synchronized FaultRule add(String operation, Predicate<EcrRequest> condition, String conditionText,
                                      int times, Outcome outcome) {
        FaultRule rule = new FaultRule(operation, condition, conditionText, times, outcome);
        rules.add(rule);
        return rule;
    }

    /**
     * The first rule that takes this call, counted as fired; empty when the call is answered normally.
     *
     * @param request the decoded call
     * @return the rule that takes it, or empty
     */
    public synchronized Optional<FaultRule> fire(EcrRequest request) {
        for (FaultRule rule : rules) {
            if (rule.tryFire(request)) {
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
