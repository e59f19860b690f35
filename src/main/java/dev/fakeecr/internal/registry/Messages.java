package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.ErrorCode;

import java.util.EnumMap;
import java.util.Map;

/**
 * ECR's error messages, in one place: the ones seen from real ECR (with the repository, tag, digest and
 * account filled in), and, for every other error, the model's description of it.
 *
 * <p>Used by the fake's protocol layer; tests normally go through {@link dev.fakeecr.FakeEcr}.
 */
public final class Messages {
    private static final Map<ErrorCode, String> DESCRIPTIONS = new EnumMap<>(ErrorCode.class);

    static {
        // The service model's documentation of each error shape (ecr-service-2.json), where no real message is known.
        DESCRIPTIONS.put(ErrorCode.EMPTY_UPLOAD, "The specified layer upload does not contain any layer parts.");
        DESCRIPTIONS.put(ErrorCode.IMAGE_DIGEST_DOES_NOT_MATCH,
                "The specified image digest does not match the digest that Amazon ECR calculated for the image.");
        DESCRIPTIONS.put(ErrorCode.INVALID_LAYER, "The layer digest calculation performed by Amazon ECR upon receipt"
                + " of the image layer does not match the digest specified.");
        DESCRIPTIONS.put(ErrorCode.INVALID_LAYER_PART, "The layer part size is not valid, or the first byte specified"
                + " is not consecutive to the last byte of a previous layer part upload.");
        DESCRIPTIONS.put(ErrorCode.INVALID_PARAMETER,
                "The specified parameter is invalid. Review the available parameters for the API request.");
        DESCRIPTIONS.put(ErrorCode.KMS, "The operation failed due to a KMS exception.");
        DESCRIPTIONS.put(ErrorCode.LAYER_ALREADY_EXISTS, "The image layer already exists in the associated repository.");
        DESCRIPTIONS.put(ErrorCode.LAYER_INACCESSIBLE, "The specified layer is not available because it is not"
                + " associated with an image. Unassociated image layers may be cleaned up at any time.");
        DESCRIPTIONS.put(ErrorCode.LAYER_PART_TOO_SMALL, "Layer parts must be at least 5 MiB in size.");
        DESCRIPTIONS.put(ErrorCode.LAYERS_NOT_FOUND,
                "The specified layers could not be found, or the specified layer is not valid for this repository.");
        DESCRIPTIONS.put(ErrorCode.LIMIT_EXCEEDED, "The operation did not succeed because it would have exceeded a"
                + " service limit for your account.");
        DESCRIPTIONS.put(ErrorCode.REFERENCED_IMAGES_NOT_FOUND,
                "The manifest list is referencing an image that does not exist.");
        DESCRIPTIONS.put(ErrorCode.SERVER, "These errors are usually caused by a server-side issue.");
        DESCRIPTIONS.put(ErrorCode.TOO_MANY_TAGS, "The list of tags on the repository is over the limit. The maximum"
                + " number of tags that can be applied to a repository is 50.");
        DESCRIPTIONS.put(ErrorCode.INVALID_TAG_PARAMETER, "Tag keys can have a maximum character length of 128"
                + " characters, and tag values can have a maximum length of 256 characters.");
        DESCRIPTIONS.put(ErrorCode.UPLOAD_NOT_FOUND,
                "The upload could not be found, or the specified upload ID is not valid for this repository.");
        DESCRIPTIONS.put(ErrorCode.VALIDATION, "There was an exception validating this request.");
        DESCRIPTIONS.put(ErrorCode.THROTTLING, "Rate exceeded");
        DESCRIPTIONS.put(ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
        DESCRIPTIONS.put(ErrorCode.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
        DESCRIPTIONS.put(ErrorCode.INVALID_SIGNATURE, "The request signature we calculated does not match the"
                + " signature you provided. Check your AWS Secret Access Key and signing method. Consult the service"
                + " documentation for details.");
    }

    private Messages() {}

    /**
     * The message real ECR gives when the repository does not exist ({@code RepositoryNotFoundException}).
     *
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String repositoryNotFound(String repository, String accountId) {
        return "The repository with name '" + repository + "' does not exist in the registry with id '" + accountId + "'";
    }

    /**
     * The message real ECR gives when CreateRepository names a repository that exists
     * ({@code RepositoryAlreadyExistsException}).
     *
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String repositoryAlreadyExists(String repository, String accountId) {
        return "The repository with name '" + repository + "' already exists in the registry with id '" + accountId + "'";
    }

    /**
     * The message real ECR gives when DeleteRepository without {@code force} finds images in the repository
     * ({@code RepositoryNotEmptyException}).
     *
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String repositoryNotEmpty(String repository, String accountId) {
        return "The repository with name '" + repository + "' in registry with id '" + accountId
                + "' cannot be deleted because it still contains images";
    }

    /**
     * The message real ECR gives when PutImage pushes an image the repository already holds under the same
     * tag, or untagged ({@code ImageAlreadyExistsException}).
     *
     * @param digest the image's digest
     * @param tag the tag pushed, or null
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String imageAlreadyExists(String digest, String tag, String repository, String accountId) {
        return "Image with digest '" + digest + "' and tag '" + tag + "' already exists in the repository with name '"
                + repository + "' in registry with id '" + accountId + "'";
    }

    /**
     * The message real ECR gives when PutImage would move an immutable tag to another image
     * ({@code ImageTagAlreadyExistsException}).
     *
     * @param tag the tag
     * @param repository the repository's name
     * @return the message
     */
    public static String imageTagAlreadyExists(String tag, String repository) {
        return "The image tag '" + tag + "' already exists in the '" + repository
                + "' repository and cannot be overwritten because the tag is immutable.";
    }

    /**
     * The message real ECR gives when the image a request names is not in the repository
     * ({@code ImageNotFoundException}).
     *
     * @param digest the digest asked for, or null
     * @param tag the tag asked for, or null
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String imageNotFound(String digest, String tag, String repository, String accountId) {
        return "The image with imageId {imageDigest:'" + digest + "', imageTag:'" + tag + "'} does not exist within"
                + " the repository with name '" + repository + "' in the registry with id '" + accountId + "'";
    }

    /**
     * The message real ECR gives when an image's layers, or a layer to download, are not in the repository
     * ({@code LayersNotFoundException}).
     *
     * @param digests the digests of the missing layers
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String layersNotFound(java.util.Collection<String> digests, String repository, String accountId) {
        return "Layers with digests '" + digests + "' required for pushing image into repository with name '"
                + repository + "' in registry with id '" + accountId + "' do not exist";
    }

    /**
     * The message real ECR gives when a pushed manifest list names images that are not in the repository
     * ({@code ReferencedImagesNotFoundException}).
     *
     * @param digests the digests of the missing images
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String referencedImagesNotFound(java.util.Collection<String> digests, String repository,
                                                  String accountId) {
        return "Images with digests '" + digests + "' required for pushing image into repository with name '"
                + repository + "' in registry with id '" + accountId + "' do not exist";
    }

    /**
     * The message real ECR gives when an upload id is not a layer upload in progress in the repository
     * ({@code UploadNotFoundException}).
     *
     * @param uploadId the upload id
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String uploadNotFound(String uploadId, String repository, String accountId) {
        return "Upload with id '" + uploadId + "' does not exist in the repository with name '" + repository
                + "' in registry with id '" + accountId + "'";
    }

    /**
     * The message real ECR gives when CompleteLayerUpload finishes a layer the repository already holds
     * ({@code LayerAlreadyExistsException}).
     *
     * @param digest the layer's digest
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String layerAlreadyExists(String digest, String repository, String accountId) {
        return "Layer with digest '" + digest + "' already exists in the repository with name '" + repository
                + "' in registry with id '" + accountId + "'";
    }

    /**
     * The message for an image that was never scanned ({@code ScanNotFoundException}). [infer] wording.
     *
     * @param digest the digest asked for, or null
     * @param tag the tag asked for, or null
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String scanNotFound(String digest, String tag, String repository, String accountId) {
        return "Image scan does not exist for the image with '{imageDigest:'" + digest + "', imageTag:'" + tag
                + "'}' in the repository with name '" + repository + "' in the registry with id '" + accountId + "'";
    }

    /**
     * The message for a repository that has no repository policy ({@code RepositoryPolicyNotFoundException}).
     * [infer] the AWS CLI's usual wording, as for {@link #lifecyclePolicyNotFound}.
     *
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String repositoryPolicyNotFound(String repository, String accountId) {
        return "Repository policy does not exist for the repository with name '" + repository
                + "' in the registry with id '" + accountId + "'";
    }

    /**
     * The message for a repository that has no lifecycle policy ({@code LifecyclePolicyNotFoundException}).
     * [infer] the AWS CLI's usual wording, as for {@link #repositoryPolicyNotFound}.
     *
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String lifecyclePolicyNotFound(String repository, String accountId) {
        return "Lifecycle policy does not exist for the repository with name '" + repository
                + "' in the registry with id '" + accountId + "'";
    }

    /**
     * The message for a registry that has no registry policy ({@code RegistryPolicyNotFoundException}).
     * [infer] wording, in the style of {@link #repositoryPolicyNotFound}.
     *
     * @param accountId the registry's account id
     * @return the message
     */
    public static String registryPolicyNotFound(String accountId) {
        return "Registry policy does not exist in the registry with id '" + accountId + "'";
    }

    /**
     * The message for a prefix that has no repository creation template ({@code TemplateNotFoundException}).
     * [infer] wording.
     *
     * @param prefix the template's prefix
     * @param accountId the registry's account id
     * @return the message
     */
    public static String templateNotFound(String prefix, String accountId) {
        return "Repository creation template with prefix '" + prefix + "' does not exist in the registry with id '"
                + accountId + "'";
    }

    /**
     * The message for a prefix that has a repository creation template already
     * ({@code TemplateAlreadyExistsException}). [infer] wording.
     *
     * @param prefix the template's prefix
     * @param accountId the registry's account id
     * @return the message
     */
    public static String templateAlreadyExists(String prefix, String accountId) {
        return "Repository creation template with prefix '" + prefix + "' already exists in the registry with id '"
                + accountId + "'";
    }

    /**
     * The message for a registry without a signing configuration ({@code SigningConfigurationNotFoundException}).
     * [infer] wording.
     *
     * @param accountId the registry's account id
     * @return the message
     */
    public static String signingConfigurationNotFound(String accountId) {
        return "Signing configuration does not exist in the registry with id '" + accountId + "'";
    }

    /**
     * The message for a principal already excluded from pull time updates ({@code ExclusionAlreadyExistsException}).
     * [infer] wording.
     *
     * @param principalArn the principal
     * @param accountId the registry's account id
     * @return the message
     */
    public static String exclusionAlreadyExists(String principalArn, String accountId) {
        return "Pull time update exclusion for principal '" + principalArn + "' already exists in the registry with id '"
                + accountId + "'";
    }

    /**
     * The message for a principal not excluded from pull time updates ({@code ExclusionNotFoundException}).
     * [infer] wording.
     *
     * @param principalArn the principal
     * @param accountId the registry's account id
     * @return the message
     */
    public static String exclusionNotFound(String principalArn, String accountId) {
        return "Pull time update exclusion for principal '" + principalArn + "' does not exist in the registry with id '"
                + accountId + "'";
    }

    /**
     * The message for a prefix without a pull through cache rule ({@code PullThroughCacheRuleNotFoundException}).
     * [infer] wording.
     *
     * @param prefix the ECR repository prefix
     * @param accountId the registry's account id
     * @return the message
     */
    public static String pullThroughCacheRuleNotFound(String prefix, String accountId) {
        return "Pull through cache rule with prefix '" + prefix + "' does not exist in the registry with id '"
                + accountId + "'";
    }

    /**
     * The message for a prefix that has a pull through cache rule already
     * ({@code PullThroughCacheRuleAlreadyExistsException}). [infer] wording.
     *
     * @param prefix the ECR repository prefix
     * @param accountId the registry's account id
     * @return the message
     */
    public static String pullThroughCacheRuleAlreadyExists(String prefix, String accountId) {
        return "Pull through cache rule with prefix '" + prefix + "' already exists in the registry with id '"
                + accountId + "'";
    }

    /**
     * The message when a pull through cache cannot get the image upstream ({@code UnableToGetUpstreamImageException}).
     * [infer] wording.
     *
     * @param upstreamRepository the upstream repository
     * @param tagOrDigest the image asked for
     * @param upstreamRegistryUrl the upstream registry
     * @return the message
     */
    public static String unableToGetUpstreamImage(String upstreamRepository, String tagOrDigest,
                                                  String upstreamRegistryUrl) {
        return "The image '" + upstreamRepository + ":" + tagOrDigest + "' could not be pulled from the upstream"
                + " registry '" + upstreamRegistryUrl + "'";
    }

    /**
     * [infer] after the model's description ("The previous lifecycle policy preview request has not completed").
     *
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String lifecyclePolicyPreviewInProgress(String repository, String accountId) {
        return "The previous lifecycle policy preview request has not completed for the repository with name '"
                + repository + "' in the registry with id '" + accountId + "'. Wait and try again.";
    }

    /**
     * [infer] after the model's description ("There is no dry run for this repository").
     *
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String lifecyclePolicyPreviewNotFound(String repository, String accountId) {
        return "Lifecycle policy preview does not exist for the repository with name '" + repository
                + "' in the registry with id '" + accountId + "'";
    }

    /**
     * [infer] UpdateImageStorageClass asked to archive an image while it is being restored.
     *
     * @param digest the image's digest
     * @param repository the repository's name
     * @param accountId the registry's account id
     * @return the message
     */
    public static String imageBeingRestored(String digest, String repository, String accountId) {
        return "The image with digest '" + digest + "' in the repository with name '" + repository
                + "' in the registry with id '" + accountId + "' is being restored and cannot be archived";
    }

    /**
     * The model's description of an error, or its code when the model has none worth quoting.
     *
     * @param code the error
     * @return the description, or the wire code
     */
    public static String description(ErrorCode code) {
        return DESCRIPTIONS.getOrDefault(code, code.code());
    }

    // SigV4 refusals (InvalidSignatureException). AWS's own words, as its endpoints send them (seen in SDK
    // issue reports, ECR's among them); the trailing spaces are AWS's.

    /** A signature dated before the window: {@code signed}, {@code earliest} and {@code now} as {@code yyyyMMdd'T'HHmmss'Z'}. */
    public static String signatureExpired(String signed, String earliest, String now) {
        return "Signature expired: " + signed + " is now earlier than " + earliest + " (" + now + " - 15 min.)";
    }

    /** A signature dated after the window. */
    public static String signatureNotYetCurrent(String signed, String latest, String now) {
        return "Signature not yet current: " + signed + " is still later than " + latest + " (" + now + " + 15 min.)";
    }

    /** A credential scope naming another service. */
    public static String credentialService(String service) {
        return "Credential should be scoped to correct service: '" + service + "'. ";
    }

    /** A credential scope naming no valid region. */
    public static String credentialRegion(String region) {
        return "Credential should be scoped to a valid region, not '" + region + "'. ";
    }

    /** A credential scope whose date is not the request's {@code X-Amz-Date} day. [infer] wording */
    public static String credentialDate(String scopeDate, String amzDate) {
        return "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                + scopeDate + "' != '" + amzDate.substring(0, Math.min(8, amzDate.length())) + "', from '" + amzDate + "'.";
    }

    // Manifest descriptors ECR cannot read sizes from. [infer] wording: ECR's answer is an
    // InvalidParameterException on ImageManifest, as for "Invalid JSON syntax"; its text is not confirmed.

    /** A descriptor (config, a layer, a list's manifest) that is not a JSON object, or a list that is not an array. */
    public static String manifestDescriptor(String at) {
        return "Invalid descriptor at '" + at + "'"; // [infer]
    }

    /** A descriptor's {@code size} that is not a whole number from 0 up within a long. */
    public static String manifestSize(String at, String size) {
        return "Invalid size " + (size.length() > 40 ? size.substring(0, 40) + "…" : size) + " at '" + at
                + "': must be an integer from 0 to " + Long.MAX_VALUE; // [infer]
    }

    /** Config and layer sizes whose sum overflows. */
    public static String manifestSizeOverflow() {
        return "The sum of the config and layer sizes exceeds " + Long.MAX_VALUE; // [infer]
    }
}
