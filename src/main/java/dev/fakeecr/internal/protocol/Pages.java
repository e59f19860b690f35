package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.registry.EcrError;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pagination over a listing whose items carry ascending keys (repository names; image push sequences). A
 * token holds the key of the last item returned, so the next page starts at the first item after it: an
 * item present throughout a listing is never skipped and never repeated, whatever is deleted or added
 * meanwhile. The token is signed (HMAC-SHA256 with a key of this process) over the key and the listing's
 * scope (operation, caller, registry, region, repository, filter), so a token from another listing, or one
 * this fake did not issue, is refused rather than continuing somewhere else.
 */
final class Pages {
    private static final String TOKEN_PREFIX = "fk1.";
    private static final byte[] SIGNING_KEY = randomKey();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Pages() {}

    record Page<T>(List<T> items, String nextToken) {
        /** The output shape of a paginated listing: the items under {@code member}, and {@code nextToken} if more follow. */
        ObjectNode toOutput(String member, Function<T, JsonNode> encode) {
            ObjectNode output = JsonOutput.object();
            ArrayNode array = output.putArray(member);
            items.forEach(item -> array.add(encode.apply(item)));
            if (nextToken != null) {
                output.put("nextToken", nextToken);
            }
            return output;
        }
    }

    /**
     * What a listing lists, which its tokens are bound to.
     *
     * @param operation the operation
     * @param callerAccountId the caller's account
     * @param registryId the registry listed
     * @param region the region
     * @param repositoryName the repository listed, or null
     * @param filter the request's filter as text, with its defaults filled in (so that leaving it out and
     *     sending the defaults are the same listing), or null
     */
    record Scope(String operation, String callerAccountId, String registryId, String region, String repositoryName,
                 String filter) {
        static Scope of(OperationContext context, String registryId, String repositoryName, String filter) {
            return new Scope(context.operation(), context.scope().accountId(),
                    registryId == null ? context.scope().accountId() : registryId, context.scope().region(),
                    repositoryName, filter);
        }

        private String text() {
            return String.join("\n", operation, callerAccountId, registryId, region, String.valueOf(repositoryName),
                    String.valueOf(filter));
        }
    }

    /**
     * One page of {@code items}, which must be in ascending order of {@code key} (by {@link String#compareTo}).
     */
    static <T> Page<T> of(List<T> items, Function<T, String> key, Integer maxResults, String nextToken,
                          int defaultPageSize, Scope scope) {
        int start = nextToken == null ? 0 : firstAfter(items, key, lastKey(nextToken, scope));
        int size = maxResults != null ? maxResults : defaultPageSize;
        int end = (int) Math.min(items.size(), (long) start + size);
        String next = end < items.size() ? token(key.apply(items.get(end - 1)), scope) : null;
        return new Page<>(items.subList(start, end), next);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * One page of a listing whose items are in no key order (pull through cache rules, exclusions,
     * templates, referrers): the token holds the place of the next item and the key of the last one
     * returned, so reading resumes after that item if it is still there, else at the same place (a best
     * effort for a listing that changed meanwhile). Signed and bound to the listing's scope like the others.
     */
    static <T> Page<T> unordered(List<T> items, Function<T, String> key, Integer maxResults, String nextToken,
                                 int defaultPageSize, Scope scope) {
        int start = 0;
        if (nextToken != null) {
            String[] placeAndKey = lastKey(nextToken, scope).split("\n", 2);
            int place;
            try {
                place = Integer.parseInt(placeAndKey[0]);
            } catch (NumberFormatException notOurs) {
                throw invalidToken();
            }
            String last = placeAndKey.length > 1 ? placeAndKey[1] : "";
            start = Math.min(Math.max(place, 0), items.size());
            if (start == 0 || !key.apply(items.get(start - 1)).equals(last)) {
                for (int i = 0; i < items.size(); i++) {
                    if (key.apply(items.get(i)).equals(last)) {
                        start = i + 1;
                        break;
                    }
                }
            }
        }
        int size = maxResults != null ? maxResults : defaultPageSize;
        int end = (int) Math.min(items.size(), (long) start + size);
        String next = end < items.size() ? token(end + "\n" + key.apply(items.get(end - 1)), scope) : null;
        return new Page<>(items.subList(start, end), next);
    }

    /** The zero-padded form of a position, so that text order is number order. */
    static String positionKey(long position) {
        return String.format("%019d", position);
    }

    private static <T> int firstAfter(List<T> items, Function<T, String> key, String lastKey) {
        int low = 0;
        int high = items.size();
        while (low < high) { // binary search: the items are in ascending key order
            int middle = (low + high) >>> 1;
            if (key.apply(items.get(middle)).compareTo(lastKey) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static String token(String lastKey, Scope scope) {
        byte[] keyBytes = lastKey.getBytes(StandardCharsets.UTF_8);
        return TOKEN_PREFIX + ENCODER.encodeToString(keyBytes) + "." + ENCODER.encodeToString(mac(scope, keyBytes));
    }

    private static String lastKey(String token, Scope scope) {
        if (!token.startsWith(TOKEN_PREFIX)) {
            throw invalidToken();
        }
        String[] parts = token.substring(TOKEN_PREFIX.length()).split("\\.", -1);
        if (parts.length != 2) {
            throw invalidToken();
        }
        byte[] keyBytes;
        byte[] signature;
        try {
            keyBytes = Base64.getUrlDecoder().decode(parts[0]);
            signature = Base64.getUrlDecoder().decode(parts[1]);
        } catch (IllegalArgumentException notOurs) {
            throw invalidToken();
        }
        if (!MessageDigest.isEqual(signature, mac(scope, keyBytes))) {
            throw invalidToken(); // another listing's token, or not one of ours
        }
        return new String(keyBytes, StandardCharsets.UTF_8);
    }

    private static byte[] mac(Scope scope, byte[] keyBytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SIGNING_KEY, "HmacSHA256"));
            mac.update(scope.text().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(keyBytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static EcrError invalidToken() {
        return EcrError.invalidParameter("nextToken", "Invalid pagination token"); // [infer] wording
    }
}
