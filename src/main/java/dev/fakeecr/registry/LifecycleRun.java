package dev.fakeecr.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One application of a repository's lifecycle policy: when it ran on the registry's clock, and what it did.
 * The fake applies policies only when a test asks (or, if it opted in, when the registry's clock moves).
 *
 * @param repositoryName the repository whose policy ran
 * @param evaluatedAt the registry's time of the run (the policy's {@code lastEvaluatedAt})
 * @param actions what the policy did, by ascending rule priority then push time; an image deleted or archived
 *     only because its subject was (a referrer) is listed with its subject's rule
 */
public record LifecycleRun(String repositoryName, Instant evaluatedAt, List<LifecycleAction> actions) {
    /**
     * Copies {@code actions}.
     *
     * @param repositoryName the repository whose policy ran
     * @param evaluatedAt the registry's time of the run
     * @param actions what the policy did
     */
    public LifecycleRun {
        Objects.requireNonNull(repositoryName, "repositoryName");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        actions = List.copyOf(actions);
    }

    /**
     * The actions of one type.
     *
     * @param type expire or transition
     * @return those actions, in order
     */
    public List<LifecycleAction> actions(LifecycleAction.Type type) {
        return actions.stream().filter(a -> a.type() == type).toList();
    }

    /** The repository, the time and the actions, one short line. */
    @Override
    public String toString() {
        return "lifecycle policy of '" + repositoryName + "' at " + evaluatedAt + ": "
                + (actions.isEmpty() ? "no action" : actions.toString());
    }
}
