package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import java.util.function.BinaryOperator;

/**
 * The policy documents a repository stores (a repository policy as given and not enforced; a lifecycle policy
 * as ECR stores it, validated, and run when the test asks):
 * one set/get/delete shape, told apart only by the error a missing one answers.
 */
public enum PolicyKind {
    /** SetRepositoryPolicy / GetRepositoryPolicy / DeleteRepositoryPolicy. */
    REPOSITORY(ErrorCode.REPOSITORY_POLICY_NOT_FOUND, Messages::repositoryPolicyNotFound),
    /** PutLifecyclePolicy / GetLifecyclePolicy / DeleteLifecyclePolicy. */
    LIFECYCLE(ErrorCode.LIFECYCLE_POLICY_NOT_FOUND, Messages::lifecyclePolicyNotFound);

    private final ErrorCode notFound;
    private final BinaryOperator<String> notFoundMessage;

    PolicyKind(ErrorCode notFound, BinaryOperator<String> notFoundMessage) {
        this.notFound = notFound;
        this.notFoundMessage = notFoundMessage;
    }

    EcrError notFound(String repositoryName, String accountId) {
        return new EcrError(notFound, notFoundMessage.apply(repositoryName, accountId));
    }
}
