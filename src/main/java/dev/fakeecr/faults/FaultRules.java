package dev.fakeecr.faults;

import dev.fakeecr.journal.EcrRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The fault rules of one client scope, tried in the order they were declared. */
public final class FaultRules {
    private final List<FaultRule> rules = new ArrayList<>();

    /** Declares a rule; rules declared earlier are tried first. */
    public synchronized FaultRule add(String operation, Predicate<EcrRequest> condition, String conditionText,
                                      int times, Outcome outcome) {
        FaultRule rule = new FaultRule(operation, condition, conditionText, times, outcome);
        rules.add(rule);
        return rule;
    }

    /** The first rule that takes this call, counted as fired; empty when the call is answered normally. */
    public synchronized Optional<FaultRule> fire(EcrRequest request) {
        for (FaultRule rule : rules) {
            if (rule.tryFire(request)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    public synchronized List<FaultRule> rules() {
        return new ArrayList<>(rules);
    }

    public synchronized boolean isEmpty() {
        return rules.isEmpty();
    }
}
