package dev.fakeecr.internal.protocol;

import dev.fakeecr.internal.account.AccountState;
import java.util.Map;
import java.util.Optional;

/**
 * Which requests must be signed correctly, and with what secret. The server knows the key pairs it was
 * given at start; a handle's clients sign with their account id and {@link #HANDLE_SECRET_ACCESS_KEY}, known
 * in the regions where a handle holds the account, and checked there when that handle asked for strict
 * signatures. With {@code strictForAll}, every request must come from a known key with a valid signature.
 */
public final class SigningKeys {
    /** The secret access key of every client a handle builds. */
    public static final String HANDLE_SECRET_ACCESS_KEY = "fake-ecr-secret-access-key";

    private final boolean strictForAll;
    private final Map<String, String> secrets;

    /**
     * @param strictForAll whether every request's signature is verified
     * @param secrets the key pairs known besides handles' (access key id to secret)
     */
    public SigningKeys(boolean strictForAll, Map<String, String> secrets) {
        this.strictForAll = strictForAll;
        this.secrets = Map.copyOf(secrets);
    }

    /** Whether every request's signature is verified. */
    boolean strictForAll() {
        return strictForAll;
    }

    /** Whether the request must carry a valid signature; {@code target} is the state it is signed for, or null. */
    boolean mustVerify(String accessKeyId, AccountState target) {
        return strictForAll || (isHandleKey(accessKeyId, target) && target.strictSignatures());
    }

    Optional<String> secret(String accessKeyId, AccountState target) {
        return isHandleKey(accessKeyId, target) ? Optional.of(HANDLE_SECRET_ACCESS_KEY)
                : Optional.ofNullable(secrets.get(accessKeyId));
    }

    private static boolean isHandleKey(String accessKeyId, AccountState target) {
        return target != null && target.heldByHandles() && target.key().accountId().equals(accessKeyId);
    }
}
