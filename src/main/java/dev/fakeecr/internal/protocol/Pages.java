package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.registry.EcrError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Pagination over a listing in a stable order. The token is opaque to callers; it carries the position
 * and the key of the first item of the next page, so reading resumes at that item even if items before
 * it were removed meanwhile, and a token this fake did not issue is refused.
 */
final class Pages {
    private static final String TOKEN_PREFIX = "fake-ecr:1:";

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

    static <T> Page<T> of(List<T> items, Function<T, String> key, Integer maxResults, String nextToken,
                          int defaultPageSize) {
        int start = nextToken == null ? 0 : resume(items, key, nextToken);
        int size = maxResults != null ? maxResults : defaultPageSize;
        int end = Math.min(items.size(), start + size);
        String next = end < items.size() ? encode(end, key.apply(items.get(end))) : null;
        return new Page<>(items.subList(start, end), next);
    }

    private static String encode(int position, String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + position + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static <T> int resume(List<T> items, Function<T, String> key, String token) {
        String decoded;
        int position;
        String resumeKey;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!decoded.startsWith(TOKEN_PREFIX)) {
                throw invalidToken();
            }
            String rest = decoded.substring(TOKEN_PREFIX.length());
            int colon = rest.indexOf(':');
            position = Integer.parseInt(rest.substring(0, colon));
            resumeKey = rest.substring(colon + 1);
        } catch (IllegalArgumentException | IndexOutOfBoundsException notOurs) {
            throw invalidToken();
        }
        if (position < 0) {
            throw invalidToken();
        }
        if (position < items.size() && key.apply(items.get(position)).equals(resumeKey)) {
            return position;
        }
        for (int i = 0; i < items.size(); i++) {
            if (key.apply(items.get(i)).equals(resumeKey)) {
                return i;
            }
        }
        // The item is gone: resume at its old position, a best effort for a listing that changed meanwhile.
        return Math.min(position, items.size());
    }

    private static EcrError invalidToken() {
        return EcrError.invalidParameter("nextToken", "Invalid pagination token"); // [infer] wording
    }
}
