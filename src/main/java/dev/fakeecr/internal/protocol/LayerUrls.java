package dev.fakeecr.internal.protocol;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The form of the layer download URLs GetDownloadUrlForLayer hands out and the server serves, written and
 * read only here: {@code <server>/fake-ecr/layers/<account>/<region>/<digest>/<repository>?caller=…&expires=…&signature=…}.
 * Like ECR's presigned S3 URLs they need no credentials but cannot be made up: each is signed (HMAC-SHA256
 * with a key of this process) for the account that asked for it, and expires {@link #VALIDITY} after it was
 * handed out, by the registry's clock.
 */
public final class LayerUrls {
    /** The path prefix of every layer download URL. */
    public static final String PREFIX = "/fake-ecr/layers/";

    /** How long a URL is good for, by the registry's clock. [infer] ECR's presigned URLs are short-lived; an hour here. */
    public static final Duration VALIDITY = Duration.ofHours(1);

    private static final byte[] SIGNING_KEY = randomKey();

    /**
     * What a download URL names.
     *
     * @param accountId the registry's account
     * @param region the registry's region
     * @param digest the layer's digest
     * @param repositoryName the repository
     * @param expires when the URL stops working, by the registry's clock
     */
    public record Target(String accountId, String region, String digest, String repositoryName, Instant expires) {}

    /** Why a URL is not served. */
    public enum Refusal {
        /** Not a download path of this form. */
        MALFORMED,
        /** Not signed by this server, or changed since. */
        BAD_SIGNATURE
    }

    private LayerUrls() {}

    static String url(URI endpoint, String callerAccountId, String accountId, String region, String digest,
                      String repositoryName, Instant expires) {
        String path = PREFIX + accountId + "/" + region + "/" + URLEncoder.encode(digest, StandardCharsets.UTF_8) + "/"
                + repositoryName;
        long expiresAt = expires.getEpochSecond();
        return endpoint.getScheme() + "://" + endpoint.getRawAuthority() + path + "?caller=" + callerAccountId
                + "&expires=" + expiresAt + "&signature=" + sign(path, callerAccountId, expiresAt);
    }

    /**
     * Reads and checks a download URL (path and query).
     *
     * @param url the request's path and query
     * @return what it names if this server signed it (expiry is the caller's to check, on the registry's clock)
     * @throws IllegalArgumentException with a {@link Refusal} name as message when it is not served
     */
    public static Target parse(String url) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        if (!path.startsWith(PREFIX)) {
            throw new IllegalArgumentException(Refusal.MALFORMED.name());
        }
        String[] parts = path.substring(PREFIX.length()).split("/", 4);
        if (parts.length < 4 || parts[0].isEmpty() || parts[1].isEmpty() || parts[3].isEmpty()) {
            throw new IllegalArgumentException(Refusal.MALFORMED.name());
        }
        Map<String, String> query = query(q < 0 ? "" : url.substring(q + 1));
        String caller = query.get("caller");
        long expires;
        try {
            expires = Long.parseLong(query.getOrDefault("expires", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Refusal.BAD_SIGNATURE.name());
        }
        String signature = query.get("signature");
        if (caller == null || signature == null || !MessageDigest.isEqual(
                sign(path, caller, expires).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException(Refusal.BAD_SIGNATURE.name());
        }
        return new Target(parts[0], parts[1], URLDecoder.decode(parts[2], StandardCharsets.UTF_8), parts[3],
                Instant.ofEpochSecond(expires));
    }

    private static Map<String, String> query(String query) {
        Map<String, String> values = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return values;
    }

    private static String sign(String path, String callerAccountId, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SIGNING_KEY, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((path + "\n" + callerAccountId + "\n" + expires)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
