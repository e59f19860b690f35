package dev.fakeecr.internal.protocol;

import dev.fakeecr.internal.account.AccountKey;
import dev.fakeecr.internal.account.AccountState;
import dev.fakeecr.internal.account.Accounts;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import dev.fakeecr.registry.Partition;
import java.util.function.Supplier;

/**
 * Where an operation acts: the caller's scope and state, the other accounts it may name, and the host it
 * called.
 *
 * @param operation the operation's name, e.g. {@code PutImage}
 * @param repositoryName the request's {@code repositoryName}, or null (for messages)
 * @param hostLookup the host links in the answer name; looked up only when an answer builds one
 */
record OperationContext(String operation, String repositoryName, RequestScope scope, AccountState caller,
                        Accounts accounts, Supplier<String> hostLookup) {
    /** The host the request called, as links in the answer name it, or null if it named none. */
    String host() {
        return hostLookup.get();
    }

    /**
     * The registry {@code registryId} names, or the caller's own when it is null or the caller's. Another
     * account's registry is reached only if the fake holds state for it (a handle opened it, or its own
     * requests created it); naming one it does not hold creates nothing and is refused, as ECR refuses a
     * registry no policy lets the caller into.
     */
    Registry registry(String registryId) {
        if (registryId == null || registryId.equals(scope.accountId())) {
            return caller.registry();
        }
        return accounts.find(new AccountKey(registryId, scope.region())).map(AccountState::registry)
                .orElseThrow(() -> accessDenied(registryId));
    }

    /**
     * The caller as an IAM principal, for pull time update exclusions: the fake knows access keys, not IAM,
     * so the access key id names a user of the signing account, {@code arn:aws:iam::<account>:user/<access key id>}.
     */
    String principalArn() {
        return "arn:" + Partition.of(scope.region()).name() + ":iam::" + scope.accountId() + ":user/"
                + scope.accessKeyId();
    }

    private EcrError accessDenied(String registryId) {
        String partition = Partition.of(scope.region()).name();
        String action = "ecr:" + operation;
        String resource = "arn:" + partition + ":ecr:" + scope.region() + ":" + registryId + ":repository/"
                + (repositoryName == null ? "*" : repositoryName);
        // [infer] IAM's wording for a cross-account call no resource-based policy allows; the caller is its root.
        return new EcrError(ErrorCode.ACCESS_DENIED, "User: arn:" + partition + ":iam::" + scope.accountId()
                + ":root is not authorized to perform: " + action + " on resource: " + resource
                + " because no resource-based policy allows the " + action + " action");
    }
}
