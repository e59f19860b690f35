package dev.fakeecr.internal.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The registry endpoint's passwords, as GetAuthorizationToken hands them out. Real ECR's are opaque; the fake's
 * carry what the endpoint needs (the registry and region they open, the caller's account, when they expire)
 * under an HMAC with a key that lives and dies with the server, so a password cannot be forged or carried to
 * another server, and the server keeps no table of them.
 */
public final class RegistryTokens {
    private static final String PREFIX = "fakeecr1.";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key = new byte[32];

    RegistryTokens() {
        new SecureRandom().nextBytes(key);
    }

    /**
     * What a password grants.
     *
     * @param registryId the registry (account) it opens
     * @param region the region of that registry
     * @param callerAccountId the account that asked for it
     * @param expiresAt when it stops working, by the registry's clock
     */
    public record Grant(String registryId, String region, String callerAccountId, Instant expiresAt) {
        /** The registry's account and region. */
        public AccountKey registryKey() {
            return new AccountKey(registryId, region);
        }
    }

    /**
     * A password for {@code docker login -u AWS}.
     *
     * @param grant what it grants
     * @return the password
     */
    public String issue(Grant grant) {
        String payload = String.join("|", grant.registryId(), grant.region(), grant.callerAccountId(),
                Long.toString(grant.expiresAt().toEpochMilli()));
        String body = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return PREFIX + body + "." + ENCODER.encodeToString(mac(body));
    }

    /**
     * What a password grants, if this server issued it (expired or not: the caller checks the time on the
     * registry's clock).
     *
     * @param password the Basic password sent
     * @return the grant, or empty for a password this server did not issue
     */
    public Optional<Grant> verify(String password) {
        if (password == null || !password.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = password.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String body = rest.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(mac(body), DECODER.decode(rest.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] fields = new String(DECODER.decode(body), StandardCharsets.UTF_8).split("\\|", -1);
            if (fields.length != 4) {
                return Optional.empty();
            }
            return Optional.of(new Grant(fields[0], fields[1], fields[2], Instant.ofEpochMilli(Long.parseLong(fields[3]))));
        } catch (IllegalArgumentException e) { // not base64, or not a number: not one of ours
            return Optional.empty();
        }
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
