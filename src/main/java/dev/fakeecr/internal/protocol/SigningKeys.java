package dev.fakeecr.internal.protocol;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The credentials the fake knows (access key id to secret) and which of them must sign correctly.
 * With {@code strictForAll}, every request must come from a known key with a valid signature, as at AWS.
 */
public final class SigningKeys {
    private final ConcurrentMap<String, String> secrets = new ConcurrentHashMap<>();
    private final Set<String> strictKeys = ConcurrentHashMap.newKeySet();
    private final boolean strictForAll;

    public SigningKeys(boolean strictForAll) {
        this.strictForAll = strictForAll;
    }

    /** Makes a key known; {@code strict} demands valid signatures from it even when the server is lenient. */
    public void register(String accessKeyId, String secretAccessKey, boolean strict) {
        secrets.put(accessKeyId, secretAccessKey);
        if (strict) {
            strictKeys.add(accessKeyId);
        } else {
            strictKeys.remove(accessKeyId);
        }
    }

    public void forget(String accessKeyId) {
        secrets.remove(accessKeyId);
        strictKeys.remove(accessKeyId);
    }

    /** How many keys are known. */
    public int size() {
        return secrets.size();
    }

    boolean mustVerify(String accessKeyId) {
        return strictForAll || strictKeys.contains(accessKeyId);
    }

    Optional<String> secret(String accessKeyId) {
        return Optional.ofNullable(secrets.get(accessKeyId));
    }
}
