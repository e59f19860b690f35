package dev.fakeecr.registry;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every error the fake can answer with: the errors ECR models (each maps to a typed exception in every
 * SDK) and the generic errors an AWS JSON endpoint produces in front of the service.
 *
 * <p>This is the one place that knows which error is a server fault; the protocol layer derives the HTTP
 * status from it (500 for server faults, 400 for everything else).
 */
public enum ErrorCode {
    // Modelled by ECR (service-2.json "exception": true). Only ServerException is a fault.
    BLOCKED_BY_ORGANIZATION_POLICY("BlockedByOrganizationPolicyException"),
    EMPTY_UPLOAD("EmptyUploadException"),
    EXCLUSION_ALREADY_EXISTS("ExclusionAlreadyExistsException"),
    EXCLUSION_NOT_FOUND("ExclusionNotFoundException"),
    IMAGE_ALREADY_EXISTS("ImageAlreadyExistsException"),
    IMAGE_ARCHIVED("ImageArchivedException"),
    IMAGE_DIGEST_DOES_NOT_MATCH("ImageDigestDoesNotMatchException"),
    IMAGE_NOT_FOUND("ImageNotFoundException"),
    IMAGE_STORAGE_CLASS_UPDATE_NOT_SUPPORTED("ImageStorageClassUpdateNotSupportedException"),
    IMAGE_TAG_ALREADY_EXISTS("ImageTagAlreadyExistsException"),
    INVALID_LAYER("InvalidLayerException"),
    INVALID_LAYER_PART("InvalidLayerPartException"),
    INVALID_PARAMETER("InvalidParameterException"),
    INVALID_TAG_PARAMETER("InvalidTagParameterException"),
    KMS("KmsException"),
    LAYER_ALREADY_EXISTS("LayerAlreadyExistsException"),
    LAYER_INACCESSIBLE("LayerInaccessibleException"),
    LAYER_PART_TOO_SMALL("LayerPartTooSmallException"),
    LAYERS_NOT_FOUND("LayersNotFoundException"),
    LIFECYCLE_POLICY_NOT_FOUND("LifecyclePolicyNotFoundException"),
    LIFECYCLE_POLICY_PREVIEW_IN_PROGRESS("LifecyclePolicyPreviewInProgressException"),
    LIFECYCLE_POLICY_PREVIEW_NOT_FOUND("LifecyclePolicyPreviewNotFoundException"),
    LIMIT_EXCEEDED("LimitExceededException"),
    PULL_THROUGH_CACHE_RULE_ALREADY_EXISTS("PullThroughCacheRuleAlreadyExistsException"),
    PULL_THROUGH_CACHE_RULE_NOT_FOUND("PullThroughCacheRuleNotFoundException"),
    REFERENCED_IMAGES_NOT_FOUND("ReferencedImagesNotFoundException"),
    REGISTRY_POLICY_NOT_FOUND("RegistryPolicyNotFoundException"),
    REPOSITORY_ALREADY_EXISTS("RepositoryAlreadyExistsException"),
    REPOSITORY_NOT_EMPTY("RepositoryNotEmptyException"),
    REPOSITORY_NOT_FOUND("RepositoryNotFoundException"),
    REPOSITORY_POLICY_NOT_FOUND("RepositoryPolicyNotFoundException"),
    SCAN_NOT_FOUND("ScanNotFoundException"),
    SECRET_NOT_FOUND("SecretNotFoundException"),
    SERVER("ServerException", true, false),
    SIGNING_CONFIGURATION_NOT_FOUND("SigningConfigurationNotFoundException"),
    TEMPLATE_ALREADY_EXISTS("TemplateAlreadyExistsException"),
    TEMPLATE_NOT_FOUND("TemplateNotFoundException"),
    TOO_MANY_TAGS("TooManyTagsException"),
    UNABLE_TO_ACCESS_SECRET("UnableToAccessSecretException"),
    UNABLE_TO_DECRYPT_SECRET_VALUE("UnableToDecryptSecretValueException"),
    UNABLE_TO_GET_UPSTREAM_IMAGE("UnableToGetUpstreamImageException"),
    UNABLE_TO_GET_UPSTREAM_LAYER("UnableToGetUpstreamLayerException"),
    UNABLE_TO_LIST_UPSTREAM_IMAGE_REFERRERS("UnableToListUpstreamImageReferrersException"),
    UNSUPPORTED_IMAGE_TYPE("UnsupportedImageTypeException"),
    UNSUPPORTED_UPSTREAM_REGISTRY("UnsupportedUpstreamRegistryException"),
    UPLOAD_NOT_FOUND("UploadNotFoundException"),
    VALIDATION("ValidationException"),
    // In the Java SDK 2.57.8 but not yet in botocore's model (replication backfill).
    REPLICATION_BACKFILL_IN_PROGRESS("ReplicationBackfillInProgressException"),
    REPLICATION_BACKFILL_INVALID_STATUS("ReplicationBackfillInvalidStatusException"),
    REPLICATION_BACKFILL_NOT_FOUND("ReplicationBackfillNotFoundException"),

    // Generic errors of AWS's JSON front end (Coral), not modelled by ECR: the SDKs see an error code only.
    UNKNOWN_OPERATION("UnknownOperationException", false, true),
    SERIALIZATION("SerializationException", false, true),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", false, false),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", false, false),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", false, false),
    INVALID_SIGNATURE("InvalidSignatureException", false, false),
    ACCESS_DENIED("AccessDeniedException", false, false),
    THROTTLING("ThrottlingException", false, false);

    private static final Map<String, ErrorCode> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private final String code;
    private final boolean serverFault;
    private final boolean coralFramework;

    ErrorCode(String code) {
        this(code, false, false);
    }

    ErrorCode(String code, boolean serverFault, boolean coralFramework) {
        this.code = code;
        this.serverFault = serverFault;
        this.coralFramework = coralFramework;
    }

    /** The error code as it appears on the wire and in the SDKs, e.g. {@code ImageTagAlreadyExistsException}. */
    public String code() {
        return code;
    }

    /** True for server faults ({@code ServerException}), which every SDK retries. */
    public boolean isServerFault() {
        return serverFault;
    }

    /**
     * True for the errors AWS's request framework raises before the service sees the request; real
     * endpoints send these with a {@code com.amazon.coral.service#} namespace.
     */
    public boolean isFrameworkError() {
        return coralFramework;
    }

    /** The constant for a wire error code such as {@code RepositoryNotFoundException}. */
    public static Optional<ErrorCode> fromCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
