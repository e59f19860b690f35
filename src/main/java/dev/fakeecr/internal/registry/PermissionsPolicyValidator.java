package dev.fakeecr.internal.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.fakeecr.internal.Json;
import dev.fakeecr.registry.EcrError;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ECR's check of a permissions policy document, a repository policy (SetRepositoryPolicy) or a registry policy
 * (PutRegistryPolicy): IAM's policy grammar, as far as it can be checked without IAM. A document that breaks it is
 * refused with {@code InvalidParameterException} at {@code PolicyText}, and nothing is stored.
 *
 * <p>What is known of real ECR: a JSON syntax error and a {@code Resource} in a repository policy are refused with
 * "Invalid repository policy provided" [field: awsdocs/amazon-ecr-user-guide#20, aws-cdk#24314]; a registry policy
 * ECR refuses gets "Invalid registry policy provided" [field: pulumi-aws#2326]; real repository policies use
 * {@code "Version":"2008-10-17"} or {@code "2012-10-17"}, {@code "Principal":"*"} and lists of {@code ecr:}
 * actions with wildcards. Every other rule here is IAM's policy grammar applied to ECR [infer]: the elements IAM
 * knows and no others; {@code Effect} {@code Allow} or {@code Deny}; a principal and an action in every statement
 * (a resource-based policy names who may do what). Not checked, because only IAM knows: whether the principals
 * exist (real ECR refuses a policy naming a role that does not), and whether a condition's keys and operators are
 * real ones.
 */
public final class PermissionsPolicyValidator {
    /** Text after the document's JSON object has always been accepted; whether ECR refuses it is unchecked. */
    private static final ObjectReader JSON =
            Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> DOCUMENT_ELEMENTS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");
    /** An action's name after its {@code ecr:} prefix (which IAM matches in any case), with IAM's wildcards. */
    private static final Pattern ACTION_NAME = Pattern.compile("[A-Za-z0-9*?]+");

    /** What differs between the two kinds of document. */
    private enum Kind {
        /** A repository policy applies to its repository: it names none. Wording [field]. */
        REPOSITORY("Invalid repository policy provided", false),
        /** A registry policy names the repositories it covers (replication, pull through cache). Wording [field]. */
        REGISTRY("Invalid registry policy provided", true);

        final String invalid;
        final boolean resourcesAllowed;

        Kind(String invalid, boolean resourcesAllowed) {
            this.invalid = invalid;
            this.resourcesAllowed = resourcesAllowed;
        }
    }

    /** Thrown inside the check, for the one error every broken rule gives. */
    private static final class Invalid extends Exception {
        Invalid() {
            super(null, null, false, false);
        }
    }

    private PermissionsPolicyValidator() {}

    /**
     * SetRepositoryPolicy's check of its {@code policyText}.
     *
     * @param text the policy document
     * @throws EcrError {@code InvalidParameterException} "Invalid parameter at 'PolicyText' failed to satisfy
     *     constraint: 'Invalid repository policy provided'" if ECR would refuse it
     */
    public static void validateRepositoryPolicy(String text) {
        validate(text, Kind.REPOSITORY);
    }

    /**
     * PutRegistryPolicy's check of its {@code policyText}: as a repository policy's, but statements may name
     * resources ({@code Resource} or {@code NotResource}).
     *
     * @param text the policy document
     * @throws EcrError {@code InvalidParameterException} "Invalid parameter at 'PolicyText' failed to satisfy
     *     constraint: 'Invalid registry policy provided'" if ECR would refuse it
     */
    public static void validateRegistryPolicy(String text) {
        validate(text, Kind.REGISTRY);
    }

    private static void validate(String text, Kind kind) {
        try {
            document(parse(text), kind);
        } catch (Invalid e) {
            throw EcrError.invalidParameter("PolicyText", kind.invalid);
        }
    }

    private static JsonNode parse(String text) throws Invalid {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException | NumberFormatException e) { // also a number no BigDecimal holds
            throw new Invalid();
        }
    }

    private static void document(JsonNode document, Kind kind) throws Invalid {
        require(document != null && document.isObject());
        onlyElements(document, DOCUMENT_ELEMENTS);
        JsonNode version = document.get("Version");
        require(version == null || version.isTextual() && VERSIONS.contains(version.asText()));
        JsonNode id = document.get("Id");
        require(id == null || id.isTextual());
        JsonNode statements = document.get("Statement");
        require(statements != null);
        if (statements.isArray()) {
            require(!statements.isEmpty());
            for (JsonNode statement : statements) {
                statement(statement, kind);
            }
        } else {
            statement(statements, kind); // IAM allows a single statement without the list
        }
    }

    private static void statement(JsonNode statement, Kind kind) throws Invalid {
        require(statement.isObject());
        onlyElements(statement, STATEMENT_ELEMENTS);
        JsonNode sid = statement.get("Sid");
        require(sid == null || sid.isTextual());
        String effect = statement.path("Effect").asText(null);
        require("Allow".equals(effect) || "Deny".equals(effect));
        principal(exactlyOne(statement, "Principal", "NotPrincipal"));
        for (JsonNode action : strings(exactlyOne(statement, "Action", "NotAction"))) {
            require("*".equals(action.asText()) || isEcrAction(action.asText()));
        }
        for (String element : new String[] {"Resource", "NotResource"}) {
            if (statement.has(element)) {
                require(kind.resourcesAllowed);
                strings(statement.get(element));
            }
        }
        JsonNode condition = statement.get("Condition");
        if (condition != null) {
            require(condition.isObject());
            for (JsonNode operator : condition) {
                require(operator.isObject());
            }
        }
    }

    /** {@code "*"}, or principals by type: each type one id or a non-empty list of them. */
    private static void principal(JsonNode principal) throws Invalid {
        if (principal.isTextual()) {
            require("*".equals(principal.asText()));
            return;
        }
        require(principal.isObject() && !principal.isEmpty());
        onlyElements(principal, PRINCIPAL_TYPES);
        for (JsonNode ids : principal) {
            strings(ids);
        }
    }

    private static boolean isEcrAction(String action) {
        return action.regionMatches(true, 0, "ecr:", 0, 4) && ACTION_NAME.matcher(action.substring(4)).matches();
    }

    /** The one of two alternative elements the statement has (IAM's Principal/NotPrincipal, Action/NotAction). */
    private static JsonNode exactlyOne(JsonNode statement, String element, String negated) throws Invalid {
        require(statement.has(element) != statement.has(negated));
        return statement.has(element) ? statement.get(element) : statement.get(negated);
    }

    /** One string or a non-empty list of strings, as the list. */
    private static Iterable<JsonNode> strings(JsonNode value) throws Invalid {
        if (value.isTextual()) {
            return List.of(value);
        }
        require(value.isArray() && !value.isEmpty());
        for (JsonNode item : value) {
            require(item.isTextual());
        }
        return value;
    }

    private static void onlyElements(JsonNode object, Set<String> allowed) throws Invalid {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            require(allowed.contains(names.next()));
        }
    }

    private static void require(boolean rule) throws Invalid {
        if (!rule) {
            throw new Invalid();
        }
    }
}
