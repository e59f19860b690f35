package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.Json;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.internal.registry.PolicyKind;
import dev.fakeecr.internal.registry.Registry;

/**
 * Repository policies (Set/Get/DeleteRepositoryPolicy: stored as given, checked for JSON syntax and length,
 * not enforced) and lifecycle policies (Put/Get/DeleteLifecyclePolicy: validated and stored as ECR does; see
 * {@link LifecycleOperations} for previews, and the registry for applying them).
 */
final class PolicyOperations {
    /** Text after the policy's JSON object has always been accepted; whether ECR refuses it is unchecked. */
    private static final ObjectReader JSON =
            Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * What differs between the two families on the wire: the member carrying the text, its length bounds,
     * and the constraint a text that is not a JSON object breaks.
     */
    private record Family(PolicyKind kind, String member, int minLength, int maxLength, String jsonMember,
                          String notJson) {}

    private static final Family REPOSITORY = new Family(PolicyKind.REPOSITORY, "policyText", 0, 10240,
            "PolicyText", "Invalid repository policy provided"); // [infer] wording
    /** Its text is validated by the registry (internal.lifecycle), so its JSON constraint is not used here. */
    private static final Family LIFECYCLE = new Family(PolicyKind.LIFECYCLE, "lifecyclePolicyText", 100, 30720,
            "LifecyclePolicyText", null);

    private PolicyOperations() {}

    static ObjectNode setRepositoryPolicy(OperationContext context, JsonInput input) {
        return write(context, input, REPOSITORY);
    }

    static ObjectNode getRepositoryPolicy(OperationContext context, JsonInput input) {
        return read(context, input, REPOSITORY, Registry::policy);
    }

    static ObjectNode deleteRepositoryPolicy(OperationContext context, JsonInput input) {
        return read(context, input, REPOSITORY, Registry::deletePolicy);
    }

    /** Validated as ECR does and stored as ECR stores it (minified, rules by priority): the registry's rules. */
    static ObjectNode putLifecyclePolicy(OperationContext context, JsonInput input) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        String policy = Params.required(LIFECYCLE.member(), input.string(LIFECYCLE.member()));
        checkLifecyclePolicyLength(policy);
        Registry registry = context.registry(registryId);
        return policyOutput(registry, name, LIFECYCLE.member(), registry.putLifecyclePolicy(name, policy));
    }

    /** The model's bounds on {@code lifecyclePolicyText} (100..30720), which the Java SDK does not check. */
    static void checkLifecyclePolicyLength(String policy) {
        checkLength(policy, LIFECYCLE);
    }

    static ObjectNode getLifecyclePolicy(OperationContext context, JsonInput input) {
        return read(context, input, LIFECYCLE, Registry::policy);
    }

    static ObjectNode deleteLifecyclePolicy(OperationContext context, JsonInput input) {
        return read(context, input, LIFECYCLE, Registry::deletePolicy);
    }

    private static ObjectNode write(OperationContext context, JsonInput input, Family family) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        String policy = Params.required(family.member(), input.string(family.member()));
        checkLength(policy, family);
        requireJsonObject(policy, family.jsonMember(), family.notJson());
        Registry registry = context.registry(registryId);
        return policyOutput(registry, name, family.member(), registry.setPolicy(name, family.kind(), policy));
    }

    private static void checkLength(String policy, Family family) {
        if (policy.length() < family.minLength()) {
            throw EcrError.invalidParameter(family.member(),
                    "must have length greater than or equal to " + family.minLength());
        }
        if (policy.length() > family.maxLength()) {
            throw EcrError.invalidParameter(family.member(),
                    "must have length less than or equal to " + family.maxLength());
        }
    }

    private static ObjectNode read(OperationContext context, JsonInput input, Family family,
                                   PolicyAccess access) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        Registry registry = context.registry(registryId);
        return policyOutput(registry, name, family.member(), access.apply(registry, name, family.kind()));
    }

    /** Registry::policy or Registry::deletePolicy. */
    private interface PolicyAccess {
        String apply(Registry registry, String repositoryName, PolicyKind kind);
    }

    private static ObjectNode policyOutput(Registry registry, String repositoryName, String member, String policy) {
        return JsonOutput.object().put("registryId", registry.accountId()).put("repositoryName", repositoryName)
                .put(member, policy);
    }

    private static void requireJsonObject(String text, String member, String constraint) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw EcrError.invalidParameter(member, constraint);
        }
        if (node == null || !node.isObject()) {
            throw EcrError.invalidParameter(member, constraint);
        }
    }
}
