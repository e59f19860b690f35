package dev.fakeecr.protocol;

import dev.fakeecr.registry.EcrError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Pagination over a listing sorted by a unique key. The token is opaque to callers; it names the key of
 * the first item of the next page, so it stays valid while items before or after it change.
 */
final class Pages {
    private static final String TOKEN_PREFIX = "fake-ecr:1:";

    private Pages() {}

    record Page<T>(List<T> items, String nextToken) {}

    static <T> Page<T> of(List<T> sortedItems, Function<T, String> key, Integer maxResults, String nextToken,
                          int defaultPageSize) {
        int start = 0;
        if (nextToken != null) {
            String resumeAt = decode(nextToken);
            while (start < sortedItems.size() && key.apply(sortedItems.get(start)).compareTo(resumeAt) < 0) {
                start++;
            }
        }
        int size = maxResults != null ? maxResults : defaultPageSize;
        int end = Math.min(sortedItems.size(), start + size);
        String next = end < sortedItems.size() ? encode(key.apply(sortedItems.get(end))) : null;
        return new Page<>(sortedItems.subList(start, end), next);
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(TOKEN_PREFIX)) {
                return decoded.substring(TOKEN_PREFIX.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // refused below, like any other token this fake did not issue
        }
        throw EcrError.invalidParameter("nextToken", "Invalid pagination token"); // [infer] wording
    }
}
