package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.faults.FaultRule;
import dev.fakeecr.faults.Outcome;
import dev.fakeecr.internal.Json;
import dev.fakeecr.internal.account.AccountKey;
import dev.fakeecr.internal.account.AccountState;
import dev.fakeecr.internal.account.Accounts;
import dev.fakeecr.journal.Call;
import dev.fakeecr.journal.EcrRequest;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * ECR's awsJson1_1 protocol: reads {@code X-Amz-Target}, the SigV4 scope and the JSON body, dispatches to
 * the operation, and encodes its output or error exactly as ECR does on the wire. Knows nothing of the
 * HTTP server in front of it.
 */
public final class EcrProtocol {
    public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";

    private static final ObjectMapper JSON = Json.MAPPER;

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
            Map.entry("GetAuthorizationToken", AuthorizationOperations::getAuthorizationToken),
            Map.entry("InitiateLayerUpload", LayerOperations::initiateLayerUpload),
            Map.entry("UploadLayerPart", LayerOperations::uploadLayerPart),
            Map.entry("CompleteLayerUpload", LayerOperations::completeLayerUpload),
            Map.entry("BatchCheckLayerAvailability", LayerOperations::batchCheckLayerAvailability),
            Map.entry("GetDownloadUrlForLayer", LayerOperations::getDownloadUrlForLayer),
            Map.entry("SetRepositoryPolicy", PolicyOperations::setRepositoryPolicy),
            Map.entry("GetRepositoryPolicy", PolicyOperations::getRepositoryPolicy),
            Map.entry("DeleteRepositoryPolicy", PolicyOperations::deleteRepositoryPolicy),
            Map.entry("PutLifecyclePolicy", PolicyOperations::putLifecyclePolicy),
            Map.entry("GetLifecyclePolicy", PolicyOperations::getLifecyclePolicy),
            Map.entry("DeleteLifecyclePolicy", PolicyOperations::deleteLifecyclePolicy),
            Map.entry("StartLifecyclePolicyPreview", LifecycleOperations::startLifecyclePolicyPreview),
            Map.entry("GetLifecyclePolicyPreview", LifecycleOperations::getLifecyclePolicyPreview),
            Map.entry("UpdateImageStorageClass", LifecycleOperations::updateImageStorageClass),
            Map.entry("PutImageScanningConfiguration", ScanOperations::putImageScanningConfiguration),
            Map.entry("StartImageScan", ScanOperations::startImageScan),
            Map.entry("DescribeImageScanFindings", ScanOperations::describeImageScanFindings),
            // Registry-level settings (issue #16).
            Map.entry("GetAccountSetting", RegistrySettingsOperations::getAccountSetting),
            Map.entry("PutAccountSetting", RegistrySettingsOperations::putAccountSetting),
            Map.entry("PutRegistryPolicy", PolicyOperations::putRegistryPolicy),
            Map.entry("GetRegistryPolicy", PolicyOperations::getRegistryPolicy),
            Map.entry("DeleteRegistryPolicy", PolicyOperations::deleteRegistryPolicy),
            Map.entry("PutRegistryScanningConfiguration",
                    RegistrySettingsOperations::putRegistryScanningConfiguration),
            Map.entry("GetRegistryScanningConfiguration",
                    RegistrySettingsOperations::getRegistryScanningConfiguration),
            Map.entry("BatchGetRepositoryScanningConfiguration",
                    RegistrySettingsOperations::batchGetRepositoryScanningConfiguration),
            Map.entry("DescribeRegistry", ReplicationOperations::describeRegistry),
            Map.entry("PutReplicationConfiguration", ReplicationOperations::putReplicationConfiguration),
            Map.entry("DescribeImageReplicationStatus", ReplicationOperations::describeImageReplicationStatus),
            Map.entry("CreateRepositoryCreationTemplate", TemplateOperations::createRepositoryCreationTemplate),
            Map.entry("DescribeRepositoryCreationTemplates", TemplateOperations::describeRepositoryCreationTemplates),
            Map.entry("UpdateRepositoryCreationTemplate", TemplateOperations::updateRepositoryCreationTemplate),
            Map.entry("DeleteRepositoryCreationTemplate", TemplateOperations::deleteRepositoryCreationTemplate),
            Map.entry("PutSigningConfiguration", SigningOperations::putSigningConfiguration),
            Map.entry("GetSigningConfiguration", SigningOperations::getSigningConfiguration),
            Map.entry("DeleteSigningConfiguration", SigningOperations::deleteSigningConfiguration),
            Map.entry("DescribeImageSigningStatus", SigningOperations::describeImageSigningStatus),
            Map.entry("RegisterPullTimeUpdateExclusion", PullTimeOperations::registerPullTimeUpdateExclusion),
            Map.entry("DeregisterPullTimeUpdateExclusion", PullTimeOperations::deregisterPullTimeUpdateExclusion),
            Map.entry("ListPullTimeUpdateExclusions", PullTimeOperations::listPullTimeUpdateExclusions),
            Map.entry("ListImageReferrers", ReferrerOperations::listImageReferrers),
            Map.entry("CreatePullThroughCacheRule", PullThroughCacheOperations::createPullThroughCacheRule),
            Map.entry("DescribePullThroughCacheRules", PullThroughCacheOperations::describePullThroughCacheRules),
            Map.entry("UpdatePullThroughCacheRule", PullThroughCacheOperations::updatePullThroughCacheRule),
            Map.entry("DeletePullThroughCacheRule", PullThroughCacheOperations::deletePullThroughCacheRule),
            Map.entry("ValidatePullThroughCacheRule", PullThroughCacheOperations::validatePullThroughCacheRule));

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

    /**
     * The largest request body the fake reads. The largest legitimate ECR request is an UploadLayerPart
     * carrying the model's largest part (20,971,520 bytes, about 28 MB once base64-encoded), so 32 MiB
     * refuses nothing a real client sends while keeping a runaway body out of the heap.
     */
    public static final long MAX_REQUEST_BYTES = 32L * 1024 * 1024;


    private final Accounts accounts;
    private final SigningKeys signingKeys;
    private final String defaultAccountId;
    private final UnaryOperator<String> linkHost;

    /**
     * @param accounts the state of every account and region
     * @param signingKeys which requests must be signed correctly
     * @param defaultAccountId the account of requests whose access key id is not a 12-digit account id
     */
    public EcrProtocol(Accounts accounts, SigningKeys signingKeys, String defaultAccountId) {
        this(accounts, signingKeys, defaultAccountId, UnaryOperator.identity());
    }

    /**
     * @param accounts the state of every account and region
     * @param signingKeys which requests must be signed correctly
     * @param defaultAccountId the account of requests whose access key id is not a 12-digit account id
     * @param linkHost maps the {@code Host} a request named to the host that links in its answer (layer URLs)
     *     name; called only when an answer builds a link. The in-memory transport's host has no socket behind
     *     it, so its links must name the HTTP server's.
     */
    public EcrProtocol(Accounts accounts, SigningKeys signingKeys, String defaultAccountId,
                       UnaryOperator<String> linkHost) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
        this.defaultAccountId = Objects.requireNonNull(defaultAccountId, "defaultAccountId");
        this.linkHost = Objects.requireNonNull(linkHost, "linkHost");
    }

    /**
     * The account a request is signed for, its signature checked as an ECR call's would be (strictly when the
     * server or the account asks for it); empty for a request without an {@code Authorization} header. The admin
     * API acts only on this account when there is one.
     *
     * @param request the request
     * @return the signed account, or empty
     * @throws EcrError as the protocol refuses a bad signature
     */
    public Optional<String> signedAccount(WireRequest request) {
        if (request.authorization() == null) {
            return Optional.empty();
        }
        RequestScope scope = RequestScope.of(request.authorization(), defaultAccountId);
        SigV4.verify(request, signingKeys, scope.accessKeyId(),
                accounts.find(new AccountKey(scope.accountId(), scope.region())).orElse(null));
        return Optional.of(scope.accountId());
    }

    /**
     * Whether every request's signature is verified ({@code --strict-sigv4}).
     *
     * @return whether signatures are required
     */
    public boolean verifiesEverySignature() {
        return signingKeys.strictForAll();
    }

    /** The operations this fake implements, sorted. */
    public static Set<String> supportedOperations() {
        return new TreeSet<>(OPERATIONS.keySet());
    }

    /**
     * Answers one request, as a fault rule of the caller's scope says or else by ECR's rules, and records
     * the call in the scope's journal. Never throws: a bug in the fake becomes a {@code ServerException},
     * not a stack trace.
     */
    public WireResponse handle(WireRequest request) {
        String requestId = RequestIds.next();
        AccountKey key = null;
        AccountState caller = null;
        String target = request.target();
        String operationName = operationName(target);
        EcrRequest call = null; // once the body is read; a request refused before has an empty one in the journal
        FaultRule rule = null;
        JournalCopy.Result journalCopy = null;
        WireResponse response;
        try {
            RequestScope scope = RequestScope.of(request.authorization(), defaultAccountId);
            key = new AccountKey(scope.accountId(), scope.region());
            // Verified against what exists, so a refused request creates no state.
            AccountState existing = accounts.find(key).orElse(null);
            SigV4.verify(request, signingKeys, scope.accessKeyId(), existing);
            caller = existing != null ? existing : accounts.forRequest(key);
            Operation operation = operation(target, operationName);
            Map<String, EscapedString> literals = new HashMap<>(2);
            Map<String, Object> body = RequestBody.read(request.body(), literals);
            journalCopy = JournalCopy.of(body); // most bodies fit the journal whole: then it is the body itself
            call = new EcrRequest(operationName, body);
            rule = caller.faults().fire(call).orElse(null);
            Outcome outcome = rule == null ? new Outcome.Normal() : rule.outcome();
            OperationContext context = new OperationContext(operationName, call.repositoryName(), scope, caller,
                    accounts, () -> linkHost.apply(request.host()));
            response = answer(outcome, operation, context, new JsonInput(body, literals), call, requestId);
        } catch (EcrError e) {
            response = errorResponse(e, requestId);
        } catch (RuntimeException e) { // a bug in the fake, or in a test's fault condition
            response = errorResponse(ErrorCode.SERVER, "fake-ecr failed to handle this request: " + e, requestId);
        }
        AccountState journal = caller != null ? caller : key == null ? null : accounts.find(key).orElse(null);
        if (journal != null) {
            EcrRequest copy = call == null ? new EcrRequest(operationName, Map.of())
                    : journalCopy.whole() ? call : new EcrRequest(operationName, journalCopy.copy());
            journal.journal().record(new Call(copy, response.status(), response.errorCode(), requestId,
                    Instant.now(), rule != null,
                    response.connectionFault() == null ? null : response.connectionFault().name(),
                    batchFailureCodes(operationName, response)),
                    journalCopy == null ? 0 : journalCopy.bytes());
        }
        return response;
    }

    /** The failure codes a successful batch call answered, for its journal line; empty for other calls. */
    private static List<String> batchFailureCodes(String operation, WireResponse response) {
        if (response.status() != 200 || !operation.startsWith("Batch") || response.body() == null
                || !contains(response.body(), FAILURE_CODE)) { // most batches fail nothing: no need to parse
            return List.of();
        }
        try {
            List<String> codes = new ArrayList<>();
            JSON.readTree(response.body()).path("failures").forEach(f -> codes.add(f.path("failureCode").asText()));
            return codes;
        } catch (IOException e) {
            return List.of(); // our own JSON: cannot happen, and the journal line is only a description
        }
    }

    private static final byte[] FAILURE_CODE = "\"failureCode\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static WireResponse answer(Outcome outcome, Operation operation, OperationContext context,
                                       JsonInput input, EcrRequest call, String requestId) {
        if (outcome instanceof Outcome.Error error) {
            String message = error.message() != null ? error.message()
                    : DefaultMessages.of(error.code(), call, context.scope().accountId());
            return errorResponse(error.code(), error.status(), false, message, requestId);
        }
        if (outcome instanceof Outcome.ConnectionFault fault) {
            return WireResponse.brokenConnection(fault.kind(), requestId);
        }
        WireResponse normal = invoke(operation, context, input, requestId);
        return outcome instanceof Outcome.Delay delay ? normal.after(delay.delay()) : normal;
    }

    private static WireResponse invoke(Operation operation, OperationContext context, JsonInput input,
                                       String requestId) {
        try {
            return WireResponse.of(200, JsonWriter.bytes(operation.invoke(context, input)), requestId, null);
        } catch (EcrError e) {
            return errorResponse(e, requestId);
        } catch (RuntimeException | IOException e) {
            return errorResponse(ErrorCode.SERVER, "fake-ecr failed to handle this request: " + e, requestId);
        }
    }

    /**
     * The answer to a request whose body is over {@link #MAX_REQUEST_BYTES}, given before the body is read.
     * HTTP 413 with a JSON error, so every SDK reports it as a service error rather than a parse failure.
     *
     * @param bodyBytes the body's declared length, or -1 when it came chunked and was cut off at the limit
     */
    public static WireResponse requestTooLarge(long bodyBytes) {
        String size = bodyBytes < 0 ? "more than " + MAX_REQUEST_BYTES + " bytes" : bodyBytes + " bytes";
        return errorResponse("RequestEntityTooLargeException", 413, false,
                "Request body of " + size + " exceeds the maximum of " + MAX_REQUEST_BYTES + " bytes.", Map.of(),
                RequestIds.next());
    }

    /**
     * The answer to a {@code Content-Encoding: gzip} body that inflates past {@link #MAX_REQUEST_BYTES},
     * given as soon as the inflated bytes pass it.
     */
    public static WireResponse decodedRequestTooLarge() {
        return errorResponse("RequestEntityTooLargeException", 413, false, "Request body decodes (Content-Encoding:"
                + " gzip) to more than the maximum of " + MAX_REQUEST_BYTES + " bytes.", Map.of(), RequestIds.next());
    }

    /**
     * The answer to a body whose {@code Content-Encoding} does not decode, as a body that does not parse.
     *
     * @param reason what went wrong
     */
    public static WireResponse undecodableBody(String reason) {
        return errorResponse(ErrorCode.SERIALIZATION, "fake-ecr: " + reason, RequestIds.next());
    }

    /**
     * An error answer in the protocol's form for a code the fake owns (its own paths, HTTP-level refusals),
     * with a new request id.
     *
     * @param code the {@code __type}
     * @param status the HTTP status
     * @param message the message
     * @return the answer
     */
    public static WireResponse error(String code, int status, String message) {
        return errorResponse(code, status, false, message, Map.of(), RequestIds.next());
    }

    /**
     * An error answer as every SDK reads it: HTTP 400 (500 for server faults) and
     * {@code {"__type":"<code>","message":"<text>"}} — always a JSON body, even for 5xx.
     */
    public static WireResponse errorResponse(ErrorCode code, String message, String requestId) {
        return errorResponse(code.code(), code.httpStatus(), code.isFrameworkError(), message,
                Map.of(), requestId);
    }

    private static WireResponse errorResponse(EcrError error, String requestId) {
        ErrorCode code = error.code();
        return errorResponse(code.code(), code.httpStatus(), code.isFrameworkError(),
                error.getMessage(), error.details(), requestId);
    }

    private static WireResponse errorResponse(String code, int status, boolean framework, String message,
                                              String requestId) {
        return errorResponse(code, status, framework, message, Map.of(), requestId);
    }

    private static WireResponse errorResponse(String code, int status, boolean framework, String message,
                                              Map<String, Object> details, String requestId) {
        ObjectNode body = JsonOutput.object();
        if (framework) {
            // AWS's request framework namespaces its errors and capitalises Message; all SDKs accept both.
            body.put("__type", "com.amazon.coral.service#" + code).put("Message", message);
        } else {
            body.put("__type", code).put("message", message);
        }
        details.forEach((member, value) -> body.set(member, JSON.valueToTree(value)));
        try {
            return WireResponse.of(status, JsonWriter.bytes(body), requestId, code);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a two-string JSON object always serialises", e);
        }
    }

    /** Each of ECR's operation names, once: the journal keeps a call's name, and a call names one of these. */
    private static final Map<String, String> OPERATION_NAMES = ECR_OPERATIONS.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(name -> name, name -> name));

    private static String operationName(String target) {
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            return String.valueOf(target);
        }
        String name = target.substring(TARGET_PREFIX.length());
        return OPERATION_NAMES.getOrDefault(name, name);
    }

    /** The operation {@code target} names ({@code name} is {@link #operationName} of it). */
    private static Operation operation(String target, String operationName) {
        String name = target != null && target.startsWith(TARGET_PREFIX) ? operationName : null;
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
}
