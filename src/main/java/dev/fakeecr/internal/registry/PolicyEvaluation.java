package dev.fakeecr.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeecr.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Evaluates a resource-based policy document (a repository policy, or a registry policy) for one request, as
 * IAM does for the parts the fake can know: a statement applies when its {@code Principal} names the caller's
 * account ({@code "*"}, {@code {"AWS":"*"}}, the account id or {@code arn:<partition>:iam::<account>:root}),
 * its {@code Action} matches the action ({@code ecr:DescribeImages}; {@code *} and {@code ?} wildcards,
 * case-insensitively) and its {@code Resource}, if it has one, matches the resource ARN. An applying Deny
 * wins over any Allow.
 *
 * <p>Not evaluated, because the fake cannot know them: {@code Condition} blocks (a statement with one is
 * taken conservatively: a Deny applies, an Allow does not), {@code NotPrincipal} and {@code NotAction}
 * (such statements are skipped), principals that name an IAM user or role (the fake's caller is its
 * account's root, so they never match), and service principals. Validation of the document is not done here.
 */
public final class PolicyEvaluation {
    /** What a policy says about one request. */
    public enum Decision {
        /** A statement allows it and none denies it. */
        ALLOW,
        /** A statement denies it. */
        DENY,
        /** No statement applies to it (or the document cannot be read). */
        NONE
    }

    private PolicyEvaluation() {}

    /**
     * @param policyText the policy document
     * @param callerAccountId the calling account
     * @param partition the partition, e.g. {@code aws}
     * @param action e.g. {@code ecr:DescribeImages}
     * @param resourceArn the repository's ARN
     * @return the decision
     */
    public static Decision evaluate(String policyText, String callerAccountId, String partition, String action,
                                    String resourceArn) {
        JsonNode policy;
        try {
            policy = Json.MAPPER.readTree(policyText);
        } catch (IOException | NumberFormatException unreadable) {
            return Decision.NONE;
        }
        if (policy == null || !policy.isObject()) {
            return Decision.NONE;
        }
        boolean allowed = false;
        for (JsonNode statement : asList(policy.get("Statement"))) {
            if (!statement.isObject() || statement.has("NotPrincipal") || statement.has("NotAction")
                    || statement.has("NotResource")) {
                continue;
            }
            String effect = statement.path("Effect").asText("");
            boolean conditional = statement.has("Condition");
            if (!principalMatches(statement.get("Principal"), callerAccountId, partition)
                    || !anyMatches(statement.get("Action"), action, true)
                    || (statement.has("Resource") && !anyMatches(statement.get("Resource"), resourceArn, false))) {
                continue;
            }
            if (effect.equals("Deny")) {
                return Decision.DENY; // conditions unknown: a Deny is taken to apply
            }
            if (effect.equals("Allow") && !conditional) {
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.NONE;
    }

    private static boolean principalMatches(JsonNode principal, String accountId, String partition) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return principal.textValue().equals("*");
        }
        if (!principal.isObject()) {
            return false;
        }
        for (JsonNode aws : asList(principal.get("AWS"))) {
            String named = aws.asText("");
            if (named.equals("*") || named.equals(accountId)
                    || named.equals("arn:" + partition + ":iam::" + accountId + ":root")) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(JsonNode patterns, String value, boolean ignoreCase) {
        for (JsonNode pattern : asList(patterns)) {
            if (pattern.isTextual() && glob(pattern.textValue(), ignoreCase).matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} one (actions match case-insensitively). */
    private static Pattern glob(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.DOTALL : Pattern.DOTALL);
    }

    private static List<JsonNode> asList(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node == null || node.isNull()) {
            return list;
        }
        if (node.isArray()) {
            node.forEach(list::add);
        } else {
            list.add(node);
        }
        return list;
    }
}
