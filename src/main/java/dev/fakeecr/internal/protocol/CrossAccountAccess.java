package dev.fakeecr.internal.protocol;

import dev.fakeecr.internal.registry.PolicyEvaluation;
import dev.fakeecr.internal.registry.PolicyEvaluation.Decision;
import dev.fakeecr.internal.registry.PolicyKind;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import dev.fakeecr.registry.Partition;
import java.util.Optional;

/**
 * Whether a caller may act on another account's registry, as ECR decides it from resource-based policies:
 * the repository's policy, and the registry's policy, must allow the operation's action ({@code ecr:<Operation>})
 * to the caller's account, and neither may deny it ({@link PolicyEvaluation} says what is evaluated and what
 * is not). Otherwise AccessDeniedException. The caller is taken to be its account's root.
 */
public final class CrossAccountAccess {
    private CrossAccountAccess() {}

    /**
     * Refuses the call unless a policy of {@code target} allows it.
     *
     * @param context the call
     * @param target the other account's registry
     * @param repositoryName the repository acted on, or null for registry-wide operations
     */
    static void check(OperationContext context, Registry target, String repositoryName) {
        check(context.scope().accountId(), context.scope().region(), "ecr:" + context.operation(), target,
                repositoryName);
    }

    /**
     * Refuses an action of {@code callerAccountId} on another account's registry unless a policy of it allows
     * the action; the registry endpoint asks this for each request a password for another registry makes.
     *
     * @param callerAccountId the caller's account
     * @param region the region of both
     * @param action the IAM action, e.g. {@code ecr:BatchGetImage}
     * @param target the other account's registry
     * @param repositoryName the repository acted on, or null for registry-wide actions
     * @throws EcrError {@code AccessDeniedException} with IAM's wording
     */
    public static void check(String callerAccountId, String region, String action, Registry target,
                             String repositoryName) {
        String partition = Partition.of(region).name();
        String resource = resourceArn(partition, region, target.accountId(), repositoryName);
        Decision repository = repositoryName == null ? Decision.NONE
                : repositoryPolicy(target, repositoryName).map(p -> PolicyEvaluation.evaluate(p,
                        callerAccountId, partition, action, resource)).orElse(Decision.NONE);
        Decision registry = registryPolicy(target).map(p -> PolicyEvaluation.evaluate(p, callerAccountId,
                partition, action, resource)).orElse(Decision.NONE);
        if (repository == Decision.DENY || registry == Decision.DENY) {
            throw denied(callerAccountId, partition, action, resource, true);
        }
        if (repository != Decision.ALLOW && registry != Decision.ALLOW) {
            throw denied(callerAccountId, partition, action, resource, false);
        }
    }

    /** The answer when the other account's registry is not even held: no policy can allow anything there. */
    static EcrError denied(OperationContext context, String registryId, String repositoryName) {
        String partition = Partition.of(context.scope().region()).name();
        String action = "ecr:" + context.operation();
        return denied(context.scope().accountId(), partition, action,
                resourceArn(partition, context.scope().region(), registryId, repositoryName), false);
    }

    private static Optional<String> repositoryPolicy(Registry target, String repositoryName) {
        try {
            return Optional.of(target.policy(repositoryName, PolicyKind.REPOSITORY).text());
        } catch (EcrError noPolicyOrNoRepository) {
            return Optional.empty();
        }
    }

    /** The registry's own policy (PutRegistryPolicy), if it has one. */
    static Optional<String> registryPolicy(Registry target) {
        try {
            return Optional.of(target.registryPolicy());
        } catch (EcrError none) {
            return Optional.empty();
        }
    }

    private static String resourceArn(String partition, String region, String registryId, String repositoryName) {
        return "arn:" + partition + ":ecr:" + region + ":" + registryId + ":repository/"
                + (repositoryName == null ? "*" : repositoryName);
    }

    private static EcrError denied(String callerAccountId, String partition, String action, String resource,
                                   boolean explicitDeny) {
        // [infer] IAM's wording for a cross-account call: the caller is its account's root.
        return new EcrError(ErrorCode.ACCESS_DENIED, "User: arn:" + partition + ":iam::" + callerAccountId
                + ":root is not authorized to perform: " + action + " on resource: " + resource
                + (explicitDeny ? " with an explicit deny in a resource-based policy"
                        : " because no resource-based policy allows the " + action + " action"));
    }
}
