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
 * <p>This is the one place that knows which error is a server fault, and so its HTTP status
 * ({@link #httpStatus()}).
 */
public enum ErrorCode {
    // Modelled by ECR (service-2.json "exception": true). Only ServerException is a fault.
    /** An organization policy manages the account, so ECR refuses the change (PutRegistryScanningConfiguration). */
    BLOCKED_BY_ORGANIZATION_POLICY("BlockedByOrganizationPolicyException"),
    /** CompleteLayerUpload finds no parts in the upload. */
    EMPTY_UPLOAD("EmptyUploadException"),
    /** The pull time update exclusion is already registered (RegisterPullTimeUpdateExclusion). */
    EXCLUSION_ALREADY_EXISTS("ExclusionAlreadyExistsException"),
    /** The pull time update exclusion does not exist (DeregisterPullTimeUpdateExclusion). */
    EXCLUSION_NOT_FOUND("ExclusionNotFoundException"),
    /** PutImage pushes an image the repository already holds, under the same tag or untagged. */
    IMAGE_ALREADY_EXISTS("ImageAlreadyExistsException"),
    /** The image is archived and cannot be scanned (StartImageScan). */
    IMAGE_ARCHIVED("ImageArchivedException"),
    /** The {@code imageDigest} given to PutImage is not the digest of the manifest. */
    IMAGE_DIGEST_DOES_NOT_MATCH("ImageDigestDoesNotMatchException"),
    /** The image, named by tag or digest, is not in the repository. */
    IMAGE_NOT_FOUND("ImageNotFoundException"),
    /** UpdateImageStorageClass is asked for a storage class change ECR does not support. */
    IMAGE_STORAGE_CLASS_UPDATE_NOT_SUPPORTED("ImageStorageClassUpdateNotSupportedException"),
    /** PutImage would move an immutable tag to another image. */
    IMAGE_TAG_ALREADY_EXISTS("ImageTagAlreadyExistsException"),
    /** The digest of the uploaded layer is not one of those given to CompleteLayerUpload. */
    INVALID_LAYER("InvalidLayerException"),
    /** An UploadLayerPart does not start where the upload's last part ended, or its range does not match its size. */
    INVALID_LAYER_PART("InvalidLayerPartException"),
    /** A request member is missing or breaks one of the API's constraints. */
    INVALID_PARAMETER("InvalidParameterException"),
    /** A resource tag key is empty, over 128 characters or reserved ({@code aws:}), or a value is over 256. */
    INVALID_TAG_PARAMETER("InvalidTagParameterException"),
    /** The operation fails because of an error from AWS KMS. */
    KMS("KmsException"),
    /** CompleteLayerUpload finishes a layer the repository already holds. */
    LAYER_ALREADY_EXISTS("LayerAlreadyExistsException"),
    /** The layer is in the repository but no image names it, so it cannot be downloaded (GetDownloadUrlForLayer). */
    LAYER_INACCESSIBLE("LayerInaccessibleException"),
    /** A layer part other than the last is under 5 MiB (CompleteLayerUpload). */
    LAYER_PART_TOO_SMALL("LayerPartTooSmallException"),
    /** An image's layers, or a layer to download, are not in the repository (PutImage, GetDownloadUrlForLayer). */
    LAYERS_NOT_FOUND("LayersNotFoundException"),
    /** The repository has no lifecycle policy. */
    LIFECYCLE_POLICY_NOT_FOUND("LifecyclePolicyNotFoundException"),
    /** The repository's previous lifecycle policy preview has not completed yet. */
    LIFECYCLE_POLICY_PREVIEW_IN_PROGRESS("LifecyclePolicyPreviewInProgressException"),
    /** The repository has no lifecycle policy preview. */
    LIFECYCLE_POLICY_PREVIEW_NOT_FOUND("LifecyclePolicyPreviewNotFoundException"),
    /** The call would exceed a service quota, e.g. images per repository or one scan per image per day. */
    LIMIT_EXCEEDED("LimitExceededException"),
    /** A pull through cache rule with these settings already exists in the registry. */
    PULL_THROUGH_CACHE_RULE_ALREADY_EXISTS("PullThroughCacheRuleAlreadyExistsException"),
    /** The pull through cache rule does not exist. */
    PULL_THROUGH_CACHE_RULE_NOT_FOUND("PullThroughCacheRuleNotFoundException"),
    /** A manifest list pushed with PutImage names images that are not in the repository. */
    REFERENCED_IMAGES_NOT_FOUND("ReferencedImagesNotFoundException"),
    /** The registry has no registry policy. */
    REGISTRY_POLICY_NOT_FOUND("RegistryPolicyNotFoundException"),
    /** CreateRepository names a repository that already exists in the registry. */
    REPOSITORY_ALREADY_EXISTS("RepositoryAlreadyExistsException"),
    /** DeleteRepository without {@code force} finds images in the repository. */
    REPOSITORY_NOT_EMPTY("RepositoryNotEmptyException"),
    /** The repository does not exist in the registry. */
    REPOSITORY_NOT_FOUND("RepositoryNotFoundException"),
    /** The repository has no repository policy. */
    REPOSITORY_POLICY_NOT_FOUND("RepositoryPolicyNotFoundException"),
    /** The image was never scanned (DescribeImageScanFindings). */
    SCAN_NOT_FOUND("ScanNotFoundException"),
    /** The Secrets Manager secret a pull through cache rule names does not exist. */
    SECRET_NOT_FOUND("SecretNotFoundException"),
    /**
     * An error on ECR's side (HTTP 500, which every SDK retries); the fake also answers it when it fails to
     * handle a request.
     */
    SERVER("ServerException", true, false),
    /** The registry has no signing configuration (GetSigningConfiguration, DeleteSigningConfiguration). */
    SIGNING_CONFIGURATION_NOT_FOUND("SigningConfigurationNotFoundException"),
    /** A repository creation template with this prefix already exists. */
    TEMPLATE_ALREADY_EXISTS("TemplateAlreadyExistsException"),
    /** The repository creation template does not exist. */
    TEMPLATE_NOT_FOUND("TemplateNotFoundException"),
    /** The repository would carry more than 50 resource tags. */
    TOO_MANY_TAGS("TooManyTagsException"),
    /** ECR cannot access the secret a pull through cache rule names. */
    UNABLE_TO_ACCESS_SECRET("UnableToAccessSecretException"),
    /** ECR can access the secret a pull through cache rule names, but cannot decrypt it. */
    UNABLE_TO_DECRYPT_SECRET_VALUE("UnableToDecryptSecretValueException"),
    /** A pull through cache rule cannot pull the image from the upstream registry (BatchGetImage). */
    UNABLE_TO_GET_UPSTREAM_IMAGE("UnableToGetUpstreamImageException"),
    /** A pull through cache rule cannot get the layer from the upstream registry (GetDownloadUrlForLayer). */
    UNABLE_TO_GET_UPSTREAM_LAYER("UnableToGetUpstreamLayerException"),
    /** A pull through cache rule cannot list the image's referrers upstream (ListImageReferrers). */
    UNABLE_TO_LIST_UPSTREAM_IMAGE_REFERRERS("UnableToListUpstreamImageReferrersException"),
    /** The image is of a type that cannot be scanned (StartImageScan). */
    UNSUPPORTED_IMAGE_TYPE("UnsupportedImageTypeException"),
    /** The upstream registry of a pull through cache rule is not supported. */
    UNSUPPORTED_UPSTREAM_REGISTRY("UnsupportedUpstreamRegistryException"),
    /** The upload id is not a layer upload in progress in the repository. */
    UPLOAD_NOT_FOUND("UploadNotFoundException"),
    /** The request fails validation. */
    VALIDATION("ValidationException"),
    // In the Java SDK 2.57.8 but not yet in botocore's model (replication backfill).
    /** A replication backfill is already in progress. */
    REPLICATION_BACKFILL_IN_PROGRESS("ReplicationBackfillInProgressException"),
    /** The replication backfill's status does not allow the operation. */
    REPLICATION_BACKFILL_INVALID_STATUS("ReplicationBackfillInvalidStatusException"),
    /** The replication backfill does not exist. */
    REPLICATION_BACKFILL_NOT_FOUND("ReplicationBackfillNotFoundException"),

    // Generic errors of AWS's JSON front end (Coral), not modelled by ECR: the SDKs see an error code only.
    /**
     * The {@code X-Amz-Target} header names no operation of the service; the fake also answers it for the ECR
     * operations it does not implement.
     */
    UNKNOWN_OPERATION("UnknownOperationException", false, true),
    /** The request body is not a JSON object, or a member has the wrong JSON type or bad base64. */
    SERIALIZATION("SerializationException", false, true),
    /** The request carries no {@code Authorization} header. */
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", false, false),
    /** The {@code Authorization} header is not a SigV4 header with a well-formed {@code Credential}. */
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", false, false),
    /** The access key id is not known (strict SigV4 verification). */
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", false, false),
    /**
     * The request's SigV4 signature does not match the one computed with the secret key (strict SigV4
     * verification).
     */
    INVALID_SIGNATURE("InvalidSignatureException", false, false),
    /** The caller is not allowed the operation; the fake answers it only when a fault rule injects it. */
    ACCESS_DENIED("AccessDeniedException", false, false),
    /**
     * The caller exceeds the request rate; the fake answers it only when a fault rule injects it
     * ({@link dev.fakeecr.faults.FaultRuleBuilder#throttle()}).
     */
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

    /**
     * The error code as it appears on the wire and in the SDKs, e.g. {@code ImageTagAlreadyExistsException}.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * True for server faults ({@code ServerException}), which every SDK retries.
     *
     * @return whether the error is a server fault
     */
    public boolean isServerFault() {
        return serverFault;
    }

    /**
     * The HTTP status ECR answers this error with: 500 for server faults, 400 for every other error.
     *
     * @return the status
     */
    public int httpStatus() {
        return serverFault ? 500 : 400;
    }

    /**
     * True for the errors AWS's request framework raises before the service sees the request; real
     * endpoints send these with a {@code com.amazon.coral.service#} namespace.
     *
     * @return whether the error comes from the request framework
     */
    public boolean isFrameworkError() {
        return coralFramework;
    }

    /**
     * The constant for a wire error code such as {@code RepositoryNotFoundException}.
     *
     * @param code a wire error code
     * @return the constant, or empty if the fake does not know the code
     */
    public static Optional<ErrorCode> fromCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
