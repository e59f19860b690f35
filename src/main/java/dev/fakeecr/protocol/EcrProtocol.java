package dev.fakeecr.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import dev.fakeecr.registry.Registries;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * ECR's awsJson1_1 protocol: reads {@code X-Amz-Target}, the SigV4 scope and the JSON body, dispatches to
 * the operation, and encodes its output or error exactly as ECR does on the wire. Knows nothing of the
 * HTTP server in front of it.
 */
public final class EcrProtocol {
    public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final Map<String, Operation> OPERATIONS = Map.ofEntries(
            Map.entry("CreateRepository", RepositoryOperations::createRepository),
            Map.entry("DescribeRepositories", RepositoryOperations::describeRepositories),
            Map.entry("DeleteRepository", RepositoryOperations::deleteRepository),
            Map.entry("PutImageTagMutability", RepositoryOperations::putImageTagMutability),
            Map.entry("PutImage", ImageOperations::putImage),
            Map.entry("BatchGetImage", ImageOperations::batchGetImage),
            Map.entry("BatchDeleteImage", ImageOperations::batchDeleteImage),
            Map.entry("DescribeImages", ImageOperations::describeImages),
            Map.entry("ListImages", ImageOperations::listImages),
            Map.entry("TagResource", TaggingOperations::tagResource),
            Map.entry("UntagResource", TaggingOperations::untagResource),
            Map.entry("ListTagsForResource", TaggingOperations::listTagsForResource),
            Map.entry("GetAuthorizationToken", AuthorizationOperations::getAuthorizationToken));

    /** Every operation of ECR's API (Java SDK 2.57.8, which has four more than botocore's model). */
    public static final Set<String> ECR_OPERATIONS = Set.of(
            "BatchCheckLayerAvailability", "BatchDeleteImage", "BatchGetImage",
            "BatchGetRepositoryScanningConfiguration", "CompleteLayerUpload", "CreatePullThroughCacheRule",
            "CreateRepository", "CreateRepositoryCreationTemplate", "DeleteLifecyclePolicy",
            "DeletePullThroughCacheRule", "DeleteRegistryPolicy", "DeleteRepository",
            "DeleteRepositoryCreationTemplate", "DeleteRepositoryPolicy", "DeleteSigningConfiguration",
            "DeregisterPullTimeUpdateExclusion", "DescribeImageReplicationStatus", "DescribeImageScanFindings",
            "DescribeImageSigningStatus", "DescribeImages", "DescribePullThroughCacheRules", "DescribeRegistry",
            "DescribeReplicationBackfillResults", "DescribeRepositories", "DescribeRepositoryCreationTemplates",
            "GetAccountSetting", "GetAuthorizationToken", "GetDownloadUrlForLayer", "GetLifecyclePolicy",
            "GetLifecyclePolicyPreview", "GetRegistryPolicy", "GetRegistryScanningConfiguration",
            "GetRepositoryPolicy", "GetSigningConfiguration", "InitiateLayerUpload", "ListImageReferrers",
            "ListImages", "ListPullTimeUpdateExclusions", "ListReplicationBackfills", "ListTagsForResource",
            "PutAccountSetting", "PutImage", "PutImageScanningConfiguration", "PutImageTagMutability",
            "PutLifecyclePolicy", "PutRegistryPolicy", "PutRegistryScanningConfiguration",
            "PutReplicationConfiguration", "PutSigningConfiguration", "RegisterPullTimeUpdateExclusion",
            "SetRepositoryPolicy", "StartImageScan", "StartLifecyclePolicyPreview", "StartReplicationBackfill",
            "StopReplicationBackfill", "TagResource", "UntagResource", "UpdateImageStorageClass",
            "UpdatePullThroughCacheRule", "UpdateRepositoryCreationTemplate", "UploadLayerPart",
            "ValidatePullThroughCacheRule");

    private final Registries registries;
    private final String defaultAccountId;

    /**
     * @param defaultAccountId the account of requests whose access key id is not a 12-digit account id
     */
    public EcrProtocol(Registries registries, String defaultAccountId) {
        this.registries = Objects.requireNonNull(registries, "registries");
        this.defaultAccountId = Objects.requireNonNull(defaultAccountId, "defaultAccountId");
    }

    /** The operations this fake implements, sorted. */
    public static Set<String> supportedOperations() {
        return new TreeSet<>(OPERATIONS.keySet());
    }

    /** Answers one request. Never throws: a bug in the fake becomes a {@code ServerException}, not a stack trace. */
    public WireResponse handle(WireRequest request) {
        String requestId = UUID.randomUUID().toString();
        try {
            RequestScope scope = RequestScope.of(request.authorization(), defaultAccountId);
            Operation operation = operation(request.target());
            JsonInput input = new JsonInput(parse(request.body()));
            ObjectNode output = operation.invoke(new OperationContext(scope, registries), input);
            return new WireResponse(200, JSON.writeValueAsBytes(output), requestId, null);
        } catch (EcrError e) {
            return errorResponse(e.code(), e.getMessage(), requestId);
        } catch (RuntimeException | IOException e) {
            return errorResponse(ErrorCode.SERVER, "fake-ecr failed to handle this request: " + e, requestId);
        }
    }

    /**
     * An error answer as every SDK reads it: HTTP 400 (500 for server faults) and
     * {@code {"__type":"<code>","message":"<text>"}} — always a JSON body, even for 5xx.
     */
    public static WireResponse errorResponse(ErrorCode code, String message, String requestId) {
        ObjectNode body = JsonOutput.object();
        if (code.isFrameworkError()) {
            // AWS's request framework namespaces its errors and capitalises Message; all SDKs accept both.
            body.put("__type", "com.amazon.coral.service#" + code.code()).put("Message", message);
        } else {
            body.put("__type", code.code()).put("message", message);
        }
        try {
            return new WireResponse(code.isServerFault() ? 500 : 400, JSON.writeValueAsBytes(body), requestId,
                    code.code());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a two-string JSON object always serialises", e);
        }
    }

    private static Operation operation(String target) {
        String name = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
        Operation operation = name == null ? null : OPERATIONS.get(name);
        if (operation != null) {
            return operation;
        }
        if (name != null && ECR_OPERATIONS.contains(name)) {
            throw new EcrError(ErrorCode.UNKNOWN_OPERATION, "fake-ecr does not implement the ECR operation " + name
                    + " yet; the supported operations are " + supportedOperations());
        }
        throw new EcrError(ErrorCode.UNKNOWN_OPERATION, null);
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return JsonOutput.object(); // an operation without input may send no body at all
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new EcrError(ErrorCode.SERIALIZATION, null);
        }
        if (node == null || !node.isObject()) {
            throw new EcrError(ErrorCode.SERIALIZATION, "Start of structure or map expected.");
        }
        return node;
    }
}
