package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.Json;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.internal.registry.Registry;
import java.util.function.BiFunction;

/**
 * Repository policies (Set/Get/DeleteRepositoryPolicy) and lifecycle policies (Put/Get/DeleteLifecyclePolicy):
 * stored and returned as given, checked for JSON syntax and length; not enforced or applied.
 */
final class PolicyOperations {
    /** Text after the policy's JSON object has always been accepted; whether ECR refuses it is unchecked. */
    private static final ObjectReader JSON =
            Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PolicyOperations() {}

    static ObjectNode setRepositoryPolicy(OperationContext context, JsonInput input) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        String policy = Params.required("policyText", input.string("policyText"));
        if (policy.length() > 10240) {
            throw EcrError.invalidParameter("policyText", "must have length less than or equal to 10240");
        }
        requireJsonObject(policy, "PolicyText", "Invalid repository policy provided"); // [infer] wording
        Registry registry = context.registry(registryId);
        return policyOutput(registry, name, "policyText", registry.setRepositoryPolicy(name, policy));
    }

    static ObjectNode getRepositoryPolicy(OperationContext context, JsonInput input) {
        return read(context, input, "policyText", Registry::repositoryPolicy);
    }

    static ObjectNode deleteRepositoryPolicy(OperationContext context, JsonInput input) {
        return read(context, input, "policyText", Registry::deleteRepositoryPolicy);
    }

    static ObjectNode putLifecyclePolicy(OperationContext context, JsonInput input) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        String policy = Params.required("lifecyclePolicyText", input.string("lifecyclePolicyText"));
        if (policy.length() < 100) {
            throw EcrError.invalidParameter("lifecyclePolicyText", "must have length greater than or equal to 100");
        }
        if (policy.length() > 30720) {
            throw EcrError.invalidParameter("lifecyclePolicyText", "must have length less than or equal to 30720");
        }
        requireJsonObject(policy, "LifecyclePolicyText", "Lifecycle policy validation failure: Could not map policyString"
                + " into LifecyclePolicy."); // [infer] wording
        Registry registry = context.registry(registryId);
        return policyOutput(registry, name, "lifecyclePolicyText", registry.putLifecyclePolicy(name, policy));
    }

    static ObjectNode getLifecyclePolicy(OperationContext context, JsonInput input) {
        return read(context, input, "lifecyclePolicyText", Registry::lifecyclePolicy);
    }

    static ObjectNode deleteLifecyclePolicy(OperationContext context, JsonInput input) {
        return read(context, input, "lifecyclePolicyText", Registry::deleteLifecyclePolicy);
    }

    private static ObjectNode read(OperationContext context, JsonInput input, String member,
                                   BiFunction<Registry, String, String> operation) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        Registry registry = context.registry(registryId);
        return policyOutput(registry, name, member, operation.apply(registry, name));
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
