package dev.fakeecr.internal.protocol;

import dev.fakeecr.internal.account.AccountKey;
import dev.fakeecr.internal.account.AccountState;
import dev.fakeecr.internal.account.Accounts;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.registry.Partition;
import java.util.function.Supplier;

/**
 * Where an operation acts: the caller's scope and state, the other accounts it may name, and the server's
 * own endpoint (for the URLs it hands out; never the request's Host header).
 *
 * @param operation the operation's name, e.g. {@code PutImage}
 * @param repositoryName the request's {@code repositoryName}, or null (for messages)
 * @param hostLookup the server's own host and port, which links in the answer name (never the request's Host
 *     header); looked up only when an answer builds one
 */
record OperationContext(String operation, String repositoryName, RequestScope scope, AccountState caller,
                        Accounts accounts, Supplier<String> hostLookup) {
    /** The server's own {@code host:port}, as links in the answer name it. */
    String host() {
        return hostLookup.get();
    }

    /**
     * The registry {@code registryId} names, or the caller's own when it is null or the caller's. Another
     * account's registry is reached only if the fake holds state for it (a handle opened it, or its own
     * requests created it) and its policies allow this call to the caller ({@link CrossAccountAccess});
     * otherwise AccessDeniedException, and naming a registry the fake does not hold creates nothing.
     */
    Registry registry(String registryId) {
        return registry(registryId, repositoryName);
    }

    /** As {@link #registry(String)}, for a call on {@code repository} (one not named by {@code repositoryName}). */
    Registry registry(String registryId, String repository) {
        if (registryId == null || registryId.equals(scope.accountId())) {
            return caller.registry();
        }
        Registry target = accounts.find(new AccountKey(registryId, scope.region())).map(AccountState::registry)
                .orElseThrow(() -> CrossAccountAccess.denied(this, registryId, repository));
        CrossAccountAccess.check(this, target, repository);
        return target;
    }

    /**
     * The caller as an IAM principal, for pull time update exclusions: the fake knows access keys, not IAM,
     * so the access key id names a user of the signing account, {@code arn:aws:iam::<account>:user/<access key id>}.
     */
    String principalArn() {
        return "arn:" + Partition.of(scope.region()).name() + ":iam::" + scope.accountId() + ":user/"
                + scope.accessKeyId();
    }
}
