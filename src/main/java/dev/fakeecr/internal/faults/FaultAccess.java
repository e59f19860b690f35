package dev.fakeecr.internal.faults;

import dev.fakeecr.faults.FaultRule;
import dev.fakeecr.faults.FaultRuleBuilder;
import dev.fakeecr.journal.EcrRequest;
import java.util.function.Consumer;

/**
 * The door from the internal packages to what the public {@code dev.fakeecr.faults} types keep
 * package-private (the builder's constructor and the firing of a rule), so neither is API. {@link FaultRule}
 * installs the one implementation when it is initialised: the only import of an internal type by an API
 * package, and it carries no state.
 */
public abstract class FaultAccess {
    private static volatile FaultAccess installed;

    /**
     * Called once, by {@code FaultRule}'s static initialiser.
     *
     * @param access the API package's implementation
     */
    public static void install(FaultAccess access) {
        installed = access;
    }

    static FaultAccess get() {
        FaultAccess access = installed;
        if (access == null) {
            try { // initialising FaultRule runs its install(...)
                Class.forName(FaultRule.class.getName(), true, FaultRule.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("dev.fakeecr.faults is part of this jar", e);
            }
            access = installed;
        }
        return access;
    }

    /**
     * Counts the call as fired if the rule takes it.
     *
     * @param rule the rule
     * @param request the decoded call
     * @return whether the rule takes it
     */
    protected abstract boolean tryFire(FaultRule rule, EcrRequest request);

    /**
     * A declaration of a rule that is handed to {@code declared} when finished.
     *
     * @param declared takes the finished rule
     * @param operation the operation
     * @return the builder
     */
    protected abstract FaultRuleBuilder newBuilder(Consumer<FaultRule> declared, String operation);
}
