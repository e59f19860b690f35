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
 * Repository policies (Set/Get/DeleteRepositoryPolicy) and lifecycle policies (Put/Get/DeleteLifecyclePolicy):
 * stored and returned as given, checked for JSON syntax and length; not enforced or applied.
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
    private static final Family LIFECYCLE = new Family(PolicyKind.LIFECYCLE, "lifecyclePolicyText", 100, 30720,
            "LifecyclePolicyText", "Lifecycle policy validation failure: Could not map policyString"
                    + " into LifecyclePolicy."); // [infer] wording

    /** The registry policy has the repository policy's bounds; it names no repository. */
    private static final Family REGISTRY = new Family(null, "policyText", 0, 10240, "PolicyText",
            "Invalid registry policy provided"); // [infer] wording

    private PolicyOperations() {}

    static ObjectNode putRegistryPolicy(OperationContext context, JsonInput input) {
        String policy = checkedPolicy(input, REGISTRY);
        Registry registry = context.caller().registry();
        return registryPolicyOutput(registry, registry.putRegistryPolicy(policy));
    }

    static ObjectNode getRegistryPolicy(OperationContext context, JsonInput input) {
        Registry registry = context.caller().registry();
        return registryPolicyOutput(registry, registry.registryPolicy());
    }

    static ObjectNode deleteRegistryPolicy(OperationContext context, JsonInput input) {
        Registry registry = context.caller().registry();
        return registryPolicyOutput(registry, registry.deleteRegistryPolicy());
    }

    private static ObjectNode registryPolicyOutput(Registry registry, String policy) {
        return JsonOutput.object().put("registryId", registry.accountId()).put("policyText", policy);
    }

    static ObjectNode setRepositoryPolicy(OperationContext context, JsonInput input) {
        return write(context, input, REPOSITORY);
    }

    static ObjectNode getRepositoryPolicy(OperationContext context, JsonInput input) {
        return read(context, input, REPOSITORY, Registry::policy);
    }

    static ObjectNode deleteRepositoryPolicy(OperationContext context, JsonInput input) {
        return read(context, input, REPOSITORY, Registry::deletePolicy);
    }

    static ObjectNode putLifecyclePolicy(OperationContext context, JsonInput input) {
        return write(context, input, LIFECYCLE);
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
        String policy = checkedPolicy(input, family);
        Registry registry = context.registry(registryId);
        return policyOutput(registry, name, family.member(), registry.setPolicy(name, family.kind(), policy));
    }

    /**
     * The one validation of every policy document (repository, lifecycle, registry): presence, length, then
     * content. The seam where a fuller policy validator plugs in.
     */
    private static String checkedPolicy(JsonInput input, Family family) {
        String policy = Params.required(family.member(), input.string(family.member()));
        if (policy.length() < family.minLength()) {
            throw EcrError.invalidParameter(family.member(),
                    "must have length greater than or equal to " + family.minLength());
        }
        if (policy.length() > family.maxLength()) {
            throw EcrError.invalidParameter(family.member(),
                    "must have length less than or equal to " + family.maxLength());
        }
        requireJsonObject(policy, family.jsonMember(), family.notJson());
        return policy;
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

    static void requireJsonObject(String text, String member, String constraint) {
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
