package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.internal.registry.PermissionsPolicyValidator;
import dev.fakeecr.internal.registry.PolicyKind;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.internal.registry.StoredPolicy;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Repository policies (Set/Get/DeleteRepositoryPolicy: checked against IAM's grammar and for length, stored and
 * returned as given, not enforced) and lifecycle policies (Put/Get/DeleteLifecyclePolicy: checked for length
 * here, validated and stored as ECR does by the registry; see {@link LifecycleOperations} for previews), and the
 * registry policy (Put/Get/DeleteRegistryPolicy: IAM's grammar with {@code Resource}, stored, not enforced).
 */
final class PolicyOperations {
    /**
     * What differs between the two families on the wire: the member carrying the text, its length bounds,
     * and the check of the document itself.
     */
    private record Family(PolicyKind kind, String member, int minLength, int maxLength, Consumer<String> check) {}

    private static final Family REPOSITORY = new Family(PolicyKind.REPOSITORY, "policyText", 0, 10240,
            PermissionsPolicyValidator::validateRepositoryPolicy);
    /** The registry validates a lifecycle policy (internal.lifecycle) and answers the text it stored. */
    private static final Family LIFECYCLE = new Family(PolicyKind.LIFECYCLE, "lifecyclePolicyText", 100, 30720,
            text -> { });

    /** The registry policy has the repository policy's bounds and grammar (with Resource); it names no repository. */
    private static final Family REGISTRY = new Family(null, "policyText", 0, 10240,
            PermissionsPolicyValidator::validateRegistryPolicy);

    private PolicyOperations() {}

    static ObjectNode putRegistryPolicy(OperationContext context, JsonInput input) {
        String policy = Params.required(REGISTRY.member(), input.string(REGISTRY.member()));
        checkLength(policy, REGISTRY);
        REGISTRY.check().accept(policy);
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
        String policy = Params.required(family.member(), input.string(family.member()));
        checkLength(policy, family);
        family.check().accept(policy);
        Registry registry = context.registry(registryId);
        return policyOutput(registry, name, family.member(), registry.setPolicy(name, family.kind(), policy));
    }

    /** The model's bounds on {@code lifecyclePolicyText} (100..30720), which the Java SDK does not check. */
    static void checkLifecyclePolicyLength(String policy) {
        checkLength(policy, LIFECYCLE);
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
        StoredPolicy policy = access.apply(registry, name, family.kind());
        ObjectNode output = policyOutput(registry, name, family.member(), policy.text());
        if (family.kind() == PolicyKind.LIFECYCLE) {
            // Get/DeleteLifecyclePolicy always send it: 0.0 until the policy has run [doc: the AWS CLI's examples].
            Instant evaluated = policy.lastEvaluatedAt();
            output.put("lastEvaluatedAt", JsonOutput.timestamp(evaluated == null ? Instant.EPOCH : evaluated));
        }
        return output;
    }

    /** Registry::policy or Registry::deletePolicy. */
    private interface PolicyAccess {
        StoredPolicy apply(Registry registry, String repositoryName, PolicyKind kind);
    }

    private static ObjectNode policyOutput(Registry registry, String repositoryName, String member, String policy) {
        return JsonOutput.object().put("registryId", registry.accountId()).put("repositoryName", repositoryName)
                .put(member, policy);
    }
}
