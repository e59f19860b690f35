package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import dev.fakeecr.registry.ExclusionFilter;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.LayerMemory;
import dev.fakeecr.registry.RegistryConfig;
import dev.fakeecr.registry.RepositoryInfo;
import dev.fakeecr.registry.RepositorySettings;
import dev.fakeecr.registry.ResourceTag;
import dev.fakeecr.registry.ScanFinding;
import dev.fakeecr.registry.ScanResult;
import dev.fakeecr.registry.TagMutability;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One account's private registry in one region, and ECR's rules for it. Knows nothing of HTTP or JSON
 * requests: callers hand it validated values and get snapshots back or an {@link EcrError}.
 *
 * <p>Thread-safe: every operation holds this registry's lock, so concurrent calls on one account see each
 * other's effects in some order, and calls on different accounts never contend.
 *
 * <p>Methods that take a repository name throw {@code RepositoryNotFoundException} when the registry has no
 * such repository, except {@link #findRepository} and {@link #layerBytes}, which answer empty.
 *
 * <p>Used by the fake's protocol layer; tests normally go through {@link dev.fakeecr.FakeEcr}.
 */
public final class Registry {
    private final String accountId;
    private final String region;
    private final Clock clock;
    private final RegistryConfig config;
    /** Repositories by name; sorted, so listings are in name order. */
    private final TreeMap<String, Repository> repositories = new TreeMap<>();
    private long pushes;
    /** Layer bytes held (completed layers and upload buffers), and the most ever held at once. */
    private long retainedBytes;
    private long peakRetainedBytes;

    /**
     * An empty registry.
     *
     * @param accountId the account that owns it
     * @param region the region it is in
     * @param clock the source of every time it records: creation, push, pull and scan times
     * @param config its quotas and layer checks
     */
    public Registry(String accountId, String region, Clock clock, RegistryConfig config) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * The account that owns this registry.
     *
     * @return the account id
     */
    public String accountId() {
        return accountId;
    }

    /**
     * The region this registry is in.
     *
     * @return the region, e.g. {@code us-east-1}
     */
    public String region() {
        return region;
    }

    /**
     * The registry's time, for anything it stamps or expires.
     *
     * @return the current instant of the registry's clock
     */
    public Instant now() {
        return clock.instant();
    }

    // ---- repositories -------------------------------------------------------------------------------

    /**
     * CreateRepository after parameter validation: checks the resource tags, then that the name is free.
     *
     * @param settings the new repository's name and settings
     * @return the new repository
     * @throws EcrError {@code InvalidTagParameterException} or {@code TooManyTagsException} for resource tags
     *     that break ECR's rules, {@code RepositoryAlreadyExistsException} if the name is taken
     */
    public synchronized RepositoryInfo createRepository(RepositorySettings settings) {
        ResourceTags.check(settings.tags());
        if (repositories.containsKey(settings.name())) {
            throw new EcrError(ErrorCode.REPOSITORY_ALREADY_EXISTS,
                    Messages.repositoryAlreadyExists(settings.name(), accountId));
        }
        Repository repository = new Repository(settings, clock.instant());
        repositories.put(settings.name(), repository);
        return repository.info(accountId, region);
    }

    /**
     * All repositories, sorted by name.
     *
     * @return snapshots of the repositories
     */
    public synchronized List<RepositoryInfo> repositories() {
        List<RepositoryInfo> all = new ArrayList<>(repositories.size());
        repositories.values().forEach(r -> all.add(r.info(accountId, region)));
        return all;
    }

    /**
     * The named repository, or {@code RepositoryNotFoundException}.
     *
     * @param name the repository's name
     * @return a snapshot of the repository
     */
    public synchronized RepositoryInfo describeRepository(String name) {
        return existing(name).info(accountId, region);
    }

    /**
     * The named repository, if there is one.
     *
     * @param name the repository's name
     * @return a snapshot of the repository, or empty if the registry has none by that name
     */
    public synchronized Optional<RepositoryInfo> findRepository(String name) {
        return Optional.ofNullable(repositories.get(name)).map(r -> r.info(accountId, region));
    }

    /**
     * DeleteRepository: removes the repository with its images, layers and uploads in progress, and
     * releases the layer bytes it held.
     *
     * @param name the repository's name
     * @param force whether to delete it even if it holds images
     * @return the repository as it was
     * @throws EcrError {@code RepositoryNotEmptyException} if it holds images and {@code force} is false
     */
    public synchronized RepositoryInfo deleteRepository(String name, boolean force) {
        Repository repository = existing(name);
        if (!repository.images.isEmpty() && !force) {
            throw new EcrError(ErrorCode.REPOSITORY_NOT_EMPTY, Messages.repositoryNotEmpty(name, accountId));
        }
        repositories.remove(name);
        retainedBytes -= repository.retainedBytes(); // its layers' bytes go with it
        return repository.info(accountId, region);
    }

    /**
     * Sets the tag mutability; the next PutImage obeys it.
     *
     * @param name the repository's name
     * @param mutability the new setting
     * @param filters its exclusion filters, replacing the current ones
     * @return the repository with its new setting
     */
    public synchronized RepositoryInfo putImageTagMutability(String name, TagMutability mutability,
                                                             List<ExclusionFilter> filters) {
        Repository repository = existing(name);
        repository.tagMutability = Objects.requireNonNull(mutability, "mutability");
        repository.exclusionFilters = List.copyOf(filters);
        return repository.info(accountId, region);
    }

    /**
     * Adds or overwrites resource tags; the repository may hold at most 50.
     *
     * @param name the repository's name
     * @param tags the tags to set; a key the repository has already gets the new value
     * @throws EcrError {@code InvalidTagParameterException} for a key or value that breaks ECR's rules,
     *     {@code TooManyTagsException} past 50 tags
     */
    public synchronized void tagRepository(String name, List<ResourceTag> tags) {
        Repository repository = existing(name);
        ResourceTags.check(tags);
        List<ResourceTag> merged = repository.resourceTagList();
        merged.removeIf(existing -> tags.stream().anyMatch(t -> t.key().equals(existing.key())));
        merged.addAll(tags);
        ResourceTags.check(merged);
        tags.forEach(t -> repository.resourceTags.put(t.key(), t.value()));
    }

    /**
     * Removes resource tags by key; keys that are not there are ignored.
     *
     * @param name the repository's name
     * @param keys the keys of the tags to remove
     */
    public synchronized void untagRepository(String name, List<String> keys) {
        Repository repository = existing(name);
        keys.forEach(repository.resourceTags::remove);
    }

    // ---- policies (stored and returned; ECR enforces them, the fake does not) --------------------------------

    /**
     * Sets the repository policy, replacing any; returns it.
     *
     * @param repositoryName the repository's name
     * @param policyText the policy document, stored as given
     * @return {@code policyText}
     */
    public synchronized String setRepositoryPolicy(String repositoryName, String policyText) {
        existing(repositoryName).policyText = Objects.requireNonNull(policyText, "policyText");
        return policyText;
    }

    /**
     * The repository policy, or {@code RepositoryPolicyNotFoundException}.
     *
     * @param repositoryName the repository's name
     * @return the policy document, as it was set
     */
    public synchronized String repositoryPolicy(String repositoryName) {
        Repository repository = existing(repositoryName);
        if (repository.policyText == null) {
            throw new EcrError(ErrorCode.REPOSITORY_POLICY_NOT_FOUND,
                    Messages.repositoryPolicyNotFound(repositoryName, accountId));
        }
        return repository.policyText;
    }

    /**
     * Removes the repository policy and returns it, or {@code RepositoryPolicyNotFoundException}.
     *
     * @param repositoryName the repository's name
     * @return the policy document that was removed
     */
    public synchronized String deleteRepositoryPolicy(String repositoryName) {
        String policy = repositoryPolicy(repositoryName);
        existing(repositoryName).policyText = null;
        return policy;
    }

    /**
     * Sets the lifecycle policy, replacing any; returns it. Its rules are not applied.
     *
     * @param repositoryName the repository's name
     * @param policyText the policy document, stored as given
     * @return {@code policyText}
     */
    public synchronized String putLifecyclePolicy(String repositoryName, String policyText) {
        existing(repositoryName).lifecyclePolicyText = Objects.requireNonNull(policyText, "policyText");
        return policyText;
    }

    /**
     * The lifecycle policy, or {@code LifecyclePolicyNotFoundException}.
     *
     * @param repositoryName the repository's name
     * @return the policy document, as it was set
     */
    public synchronized String lifecyclePolicy(String repositoryName) {
        Repository repository = existing(repositoryName);
        if (repository.lifecyclePolicyText == null) {
            throw new EcrError(ErrorCode.LIFECYCLE_POLICY_NOT_FOUND,
                    Messages.lifecyclePolicyNotFound(repositoryName, accountId));
        }
        return repository.lifecyclePolicyText;
    }

    /**
     * Removes the lifecycle policy and returns it, or {@code LifecyclePolicyNotFoundException}.
     *
     * @param repositoryName the repository's name
     * @return the policy document that was removed
     */
    public synchronized String deleteLifecyclePolicy(String repositoryName) {
        String policy = lifecyclePolicy(repositoryName);
        existing(repositoryName).lifecyclePolicyText = null;
        return policy;
    }

    // ---- scanning (basic scans complete at once, with the findings a test set) --------------------------------

    /**
     * Turns scan on push on or off; returns the setting.
     *
     * @param repositoryName the repository's name
     * @param scanOnPush whether images pushed from now on are scanned at once
     * @return {@code scanOnPush}
     */
    public synchronized boolean putImageScanningConfiguration(String repositoryName, boolean scanOnPush) {
        existing(repositoryName).scanOnPush = scanOnPush;
        return scanOnPush;
    }

    /**
     * What scans of this image report from now on (by tag or digest; the image need not exist yet by digest).
     *
     * @param repositoryName the repository's name
     * @param tagOrDigest a tag an image carries now (resolved to its digest at once), or a digest
     * @param findings what the scans report; empty for nothing
     */
    public synchronized void setScanFindings(String repositoryName, String tagOrDigest, List<ScanFinding> findings) {
        Repository repository = existing(repositoryName);
        String digest = repository.tags.getOrDefault(tagOrDigest, tagOrDigest);
        repository.scanFindings.put(digest, List.copyOf(findings));
    }

    /** ECR allows one basic scan per image per day. */
    static final java.time.Duration SCAN_QUOTA_PERIOD = java.time.Duration.ofHours(24);

    /**
     * StartImageScan: the scan completes at once. A second scan within 24 hours exceeds ECR's quota.
     *
     * @param repositoryName the repository's name
     * @param id the image, by tag, digest or both
     * @return the image that was scanned, with its new scan
     * @throws EcrError {@code ImageNotFoundException}, or {@code LimitExceededException} for a second scan
     *     within 24 hours
     */
    public synchronized ImageInfo startImageScan(String repositoryName, ImageId id) {
        Repository repository = existing(repositoryName);
        StoredImage image = found(repository, id);
        if (image.scan != null && image.scan.completedAt().plus(SCAN_QUOTA_PERIOD).isAfter(clock.instant())) {
            throw new EcrError(ErrorCode.LIMIT_EXCEEDED,
                    "The scan quota per image has been exceeded. Wait and try again."); // [infer] wording
        }
        image.scan = scan(repository, image);
        return repository.info(accountId, image);
    }

    /**
     * The image with its last scan, or {@code ScanNotFoundException} if it was never scanned.
     *
     * @param repositoryName the repository's name
     * @param id the image, by tag, digest or both
     * @return the image, with its last scan in {@link ImageInfo#scan()}
     */
    public synchronized ImageInfo scannedImage(String repositoryName, ImageId id) {
        Repository repository = existing(repositoryName);
        StoredImage image = found(repository, id);
        if (image.scan == null) {
            throw new EcrError(ErrorCode.SCAN_NOT_FOUND,
                    Messages.scanNotFound(id.digest(), id.tag(), repositoryName, accountId));
        }
        return repository.info(accountId, image);
    }

    private ScanResult scan(Repository repository, StoredImage image) {
        return new ScanResult(clock.instant(), repository.scanFindings.getOrDefault(image.digest, List.of()));
    }

    /** The image an id names, or {@code ImageNotFoundException} in DescribeImages' wording. */
    private StoredImage found(Repository repository, ImageId id) {
        ImageLookup lookup = lookUp(repository, id);
        if (lookup.failure != null) {
            throw new EcrError(ErrorCode.IMAGE_NOT_FOUND,
                    Messages.imageNotFound(id.digest(), id.tag(), repository.name, accountId));
        }
        return lookup.image;
    }

    // ---- images ----------------------------------------------------------------------------------------

    /**
     * PutImage after parameter validation: ECR's checks from "repository exists" on, in ECR's order.
     *
     * @param repositoryName the repository's name
     * @param manifest the manifest, stored verbatim; the image's digest is the SHA-256 of its UTF-8 bytes
     * @param mediaType the declared {@code imageManifestMediaType}, or null
     * @param tag the image tag, or null to store the image untagged
     * @param expectedDigest the caller's {@code imageDigest}, or null
     * @return the image as stored, with all its tags
     * @throws EcrError {@code InvalidParameterException} for a manifest ECR cannot read,
     *     {@code ImageDigestDoesNotMatchException}, {@code ReferencedImagesNotFoundException} or
     *     {@code LayersNotFoundException} (when layer checks are on), {@code ImageAlreadyExistsException},
     *     {@code ImageTagAlreadyExistsException}, or {@code LimitExceededException}
     */
    public synchronized ImageInfo putImage(String repositoryName, String manifest, String mediaType, String tag,
                                           String expectedDigest) {
        return putImage(repositoryName, manifest, mediaType, tag, expectedDigest, false);
    }

    /**
     * Seeds an image as a test's setup would: as PutImage, but the blobs the manifest names are taken as
     * uploaded. A manifest list's images must still be in the repository.
     *
     * @param repositoryName the repository's name
     * @param manifest the manifest, stored verbatim
     * @param mediaType the manifest's media type, or null to read it from the manifest
     * @param tag the image tag, or null to store the image untagged
     * @return the image as stored, with all its tags
     */
    public synchronized ImageInfo seedImage(String repositoryName, String manifest, String mediaType, String tag) {
        return putImage(repositoryName, manifest, mediaType, tag, null, true);
    }

    private ImageInfo putImage(String repositoryName, String manifest, String mediaType, String tag,
                               String expectedDigest, boolean blobsGiven) {
        Repository repository = existing(repositoryName);
        Manifest parsed = Manifest.parse(manifest, mediaType);
        String digest = Digests.of(manifest);
        if (expectedDigest != null && !expectedDigest.equals(digest)) {
            throw new EcrError(ErrorCode.IMAGE_DIGEST_DOES_NOT_MATCH, "The image digest '" + expectedDigest
                    + "' provided does not match the digest '" + digest + "' calculated for the image manifest");
        }
        if (config.layerChecks()) {
            checkGraph(repository, parsed, blobsGiven);
        }
        StoredImage existing = repository.images.get(digest);
        String taggedDigest = tag == null ? null : repository.tags.get(tag);
        if (existing != null && (tag == null || digest.equals(taggedDigest))) {
            // Not idempotent, whatever the mutability: the same push twice is refused.
            throw new EcrError(ErrorCode.IMAGE_ALREADY_EXISTS,
                    Messages.imageAlreadyExists(digest, tag, repositoryName, accountId));
        }
        if (taggedDigest != null && repository.tagMutability.isImmutable(tag, repository.exclusionFilters)) {
            throw new EcrError(ErrorCode.IMAGE_TAG_ALREADY_EXISTS, Messages.imageTagAlreadyExists(tag, repositoryName));
        }
        if (existing == null && repository.images.size() >= config.maxImagesPerRepository()) {
            throw new EcrError(ErrorCode.LIMIT_EXCEEDED,
                    "The maximum number of images per repository has been reached"); // [infer] wording
        }
        StoredImage image = existing;
        if (image == null) {
            image = new StoredImage(++pushes, digest, manifest, parsed, sizeOf(repository, parsed), clock.instant());
            repository.images.put(digest, image);
            recordBlobs(repository, parsed);
            if (repository.scanOnPush) {
                image.scan = scan(repository, image);
            }
        }
        if (tag != null) {
            repository.attachTag(tag, image);
        }
        return repository.info(accountId, image);
    }

    /**
     * ECR's checks 12a and 12b: an image manifest's config and layers must be in the repository (foreign
     * layers excepted); a manifest list's images must be images in the repository.
     */
    private void checkGraph(Repository repository, Manifest parsed, boolean blobsGiven) {
        if (!parsed.referencedManifests().isEmpty()) {
            List<String> missing = new ArrayList<>();
            parsed.referencedManifests().stream().filter(d -> !repository.images.containsKey(d)).forEach(missing::add);
            if (!missing.isEmpty()) {
                throw new EcrError(ErrorCode.REFERENCED_IMAGES_NOT_FOUND,
                        Messages.referencedImagesNotFound(missing, repository.name, accountId));
            }
        }
        if (blobsGiven) {
            return;
        }
        java.util.Set<String> missing = new java.util.LinkedHashSet<>();
        parsed.blobs().stream().filter(b -> !b.isForeign() && !repository.blobs.containsKey(b.digest()))
                .forEach(b -> missing.add(b.digest()));
        if (!missing.isEmpty()) {
            throw new EcrError(ErrorCode.LAYERS_NOT_FOUND, Messages.layersNotFound(missing, repository.name, accountId));
        }
    }

    /** An image's blobs belong to its repository from now on (their bytes only if they were uploaded). */
    private static void recordBlobs(Repository repository, Manifest parsed) {
        for (Manifest.BlobRef ref : parsed.blobs()) {
            if (ref.isForeign()) {
                continue;
            }
            Blob known = repository.blobs.get(ref.digest());
            if (known == null) {
                repository.blobs.put(ref.digest(), new Blob(ref.digest(), ref.size(), ref.mediaType(), null));
            } else if (known.mediaType() == null) {
                repository.blobs.put(ref.digest(), new Blob(known.digest(), known.size(), ref.mediaType(), known.bytes()));
            }
        }
    }

    // ---- layers ------------------------------------------------------------------------------------------

    /**
     * InitiateLayerUpload: a new upload id.
     *
     * @param repositoryName the repository's name
     * @return the new upload's id
     */
    public synchronized String initiateLayerUpload(String repositoryName) {
        Repository repository = existing(repositoryName);
        String uploadId = java.util.UUID.randomUUID().toString(); // rare: SecureRandom is fine here
        repository.uploads.put(uploadId, new LayerUpload(uploadId));
        return uploadId;
    }

    /**
     * UploadLayerPart: parts must be contiguous, starting at 0. The digest advances with each part; the
     * bytes are kept while the registry's retention bound allows.
     *
     * @param repositoryName the repository's name
     * @param uploadId the upload, as {@link #initiateLayerUpload} returned it
     * @param partFirstByte the offset in the layer of the part's first byte
     * @param partLastByte the offset in the layer of the part's last byte (inclusive)
     * @param part the part's bytes
     * @return the last byte received
     * @throws EcrError {@code UploadNotFoundException}, or {@code InvalidLayerPartException} (with
     *     {@code lastValidByteReceived} once bytes were received) if the part does not continue the upload
     *     or its range does not match its size
     */
    public synchronized long uploadLayerPart(String repositoryName, String uploadId, long partFirstByte,
                                             long partLastByte, byte[] part) {
        Repository repository = existing(repositoryName);
        LayerUpload upload = upload(repository, uploadId);
        if (partFirstByte != upload.received || partLastByte < partFirstByte
                || partLastByte - partFirstByte + 1 != part.length) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("registryId", accountId);
            details.put("repositoryName", repositoryName);
            details.put("uploadId", uploadId);
            if (upload.received > 0) {
                details.put("lastValidByteReceived", upload.received - 1);
            }
            throw new EcrError(ErrorCode.INVALID_LAYER_PART, "The layer part size is not valid, or the"
                    + " first byte specified is not consecutive to the last byte of a previous layer part upload.",
                    details);
        }
        if (upload.buffer != null) {
            if (retainedBytes + part.length > config.layerBytesRetained()) {
                retainedBytes -= upload.buffered(); // over the bound: this layer's bytes will not be kept
                upload.buffer = null;
            } else {
                retainedBytes += part.length;
                peakRetainedBytes = Math.max(peakRetainedBytes, retainedBytes);
            }
        }
        upload.append(part);
        return partLastByte;
    }

    /** ECR's minimum size for every part but the last. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    /**
     * CompleteLayerUpload: verifies the parts and the digest, and adds the layer to the repository. The
     * upload ends whatever the outcome, except when it is not found.
     *
     * @param repositoryName the repository's name
     * @param uploadId the upload, as {@link #initiateLayerUpload} returned it
     * @param layerDigests the digests the caller gave; the computed digest must be one of them
     * @return the layer's digest
     * @throws EcrError {@code UploadNotFoundException}, {@code EmptyUploadException},
     *     {@code LayerPartTooSmallException}, {@code InvalidLayerException} or {@code LayerAlreadyExistsException}
     */
    public synchronized String completeLayerUpload(String repositoryName, String uploadId, List<String> layerDigests) {
        Repository repository = existing(repositoryName);
        LayerUpload upload = upload(repository, uploadId);
        repository.uploads.remove(uploadId);
        if (upload.received == 0) {
            throw new EcrError(ErrorCode.EMPTY_UPLOAD, Messages.description(ErrorCode.EMPTY_UPLOAD));
        }
        boolean smallPart = upload.partSizes.subList(0, upload.partSizes.size() - 1).stream()
                .anyMatch(size -> size < MIN_PART_SIZE);
        String digest = upload.digest();
        EcrError refusal = smallPart
                ? new EcrError(ErrorCode.LAYER_PART_TOO_SMALL, Messages.description(ErrorCode.LAYER_PART_TOO_SMALL))
                : !layerDigests.contains(digest)
                ? new EcrError(ErrorCode.INVALID_LAYER, "The calculated layer digest '" + digest
                        + "' does not match the provided layer digests " + layerDigests) // [infer] wording
                : repository.blobs.containsKey(digest)
                ? new EcrError(ErrorCode.LAYER_ALREADY_EXISTS, Messages.layerAlreadyExists(digest, repositoryName, accountId))
                : null;
        if (refusal != null) {
            retainedBytes -= upload.buffered();
            throw refusal;
        }
        byte[] bytes = upload.buffer == null ? null : upload.buffer.toByteArray();
        repository.blobs.put(digest, new Blob(digest, upload.received, null, bytes));
        return digest;
    }

    /**
     * BatchCheckLayerAvailability for one well-formed digest: the layer, if the repository has it.
     *
     * @param repositoryName the repository's name
     * @param digest the layer's digest
     * @return the layer, or empty if the repository does not hold it
     */
    public synchronized Optional<LayerInfo> layer(String repositoryName, String digest) {
        Repository repository = existing(repositoryName);
        return Optional.ofNullable(repository.blobs.get(digest))
                .map(b -> new LayerInfo(b.digest(), b.size(), b.mediaType(), b.bytes() != null));
    }

    /**
     * GetDownloadUrlForLayer's checks: the layer must be in the repository ({@code LayersNotFoundException})
     * and named by one of its images ({@code LayerInaccessibleException}).
     *
     * @param repositoryName the repository's name
     * @param digest the layer's digest
     * @return the layer
     */
    public synchronized LayerInfo downloadableLayer(String repositoryName, String digest) {
        Repository repository = existing(repositoryName);
        Blob blob = repository.blobs.get(digest);
        if (blob == null) {
            throw new EcrError(ErrorCode.LAYERS_NOT_FOUND, Messages.layersNotFound(List.of(digest), repositoryName, accountId));
        }
        if (!repository.isReferenced(digest)) {
            throw new EcrError(ErrorCode.LAYER_INACCESSIBLE, Messages.description(ErrorCode.LAYER_INACCESSIBLE));
        }
        return new LayerInfo(blob.digest(), blob.size(), blob.mediaType(), blob.bytes() != null);
    }

    /**
     * The bytes of a layer, if the repository has it and kept them.
     *
     * @param repositoryName the repository's name
     * @param digest the layer's digest
     * @return the layer's bytes, or empty if there is no such repository or layer, or its bytes were not kept;
     *     the array the registry holds, not a copy (downloads send it as is), so callers must not change it
     */
    public synchronized Optional<byte[]> layerBytes(String repositoryName, String digest) {
        Repository repository = repositories.get(repositoryName);
        Blob blob = repository == null ? null : repository.blobs.get(digest);
        return Optional.ofNullable(blob == null ? null : blob.bytes());
    }

    /**
     * Layer bytes held now, the most ever held at once, and the bound.
     *
     * @return the three figures, in bytes
     */
    public synchronized LayerMemory layerMemory() {
        return new LayerMemory(retainedBytes, peakRetainedBytes, config.layerBytesRetained());
    }

    private LayerUpload upload(Repository repository, String uploadId) {
        LayerUpload upload = repository.uploads.get(uploadId);
        if (upload == null) {
            throw new EcrError(ErrorCode.UPLOAD_NOT_FOUND, Messages.uploadNotFound(uploadId, repository.name, accountId));
        }
        return upload;
    }

    /** [infer] A manifest list's size is taken as the sum of the images it names that the repository holds. */
    private static long sizeOf(Repository repository, Manifest parsed) {
        if (parsed.sizeInBytes() != null) {
            return parsed.sizeInBytes();
        }
        long size = 0;
        for (String child : parsed.referencedManifests()) {
            StoredImage image = repository.images.get(child);
            size += image == null ? 0 : image.sizeInBytes;
        }
        return size;
    }

    /**
     * BatchGetImage after parameter validation. Each id succeeds or fails on its own; each image returned
     * counts as a pull.
     *
     * @param repositoryName the repository's name
     * @param ids the images asked for, each by tag, digest or both
     * @param acceptedMediaTypes the media types the caller accepts, or null for all
     * @return the images found, and a failure for each other id (an image of a media type the caller does
     *     not accept fails as not found)
     */
    public synchronized BatchGetImageResult batchGetImage(String repositoryName, List<ImageId> ids,
                                                          List<String> acceptedMediaTypes) {
        Repository repository = existing(repositoryName);
        List<BatchGetImageResult.FoundImage> found = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        Instant now = clock.instant();
        for (ImageId id : ids) {
            ImageLookup lookup = lookUp(repository, id);
            if (lookup.failure != null) {
                failures.add(lookup.failure);
            } else if (acceptedMediaTypes != null
                    && !acceptedMediaTypes.contains(lookup.image.parsed.mediaType())) {
                // [infer] ECR may convert between formats; refusing as not found is the safe answer.
                failures.add(ImageFailure.notFound(id));
            } else {
                lookup.image.lastRecordedPullTime = now;
                found.add(new BatchGetImageResult.FoundImage(id, repository.info(accountId, lookup.image)));
            }
        }
        return new BatchGetImageResult(found, failures);
    }

    /**
     * BatchDeleteImage after parameter validation. By tag, the tag goes (and the image with its last tag);
     * by digest, the image and all its tags. An image a manifest list in the repository names stays.
     *
     * @param repositoryName the repository's name
     * @param ids the images or tags to delete, each by tag, digest or both
     * @return the image ids removed, and a failure for each id not found, malformed, or naming an image that
     *     a manifest list in the repository refers to
     */
    public synchronized BatchDeleteImageResult batchDeleteImage(String repositoryName, List<ImageId> ids) {
        Repository repository = existing(repositoryName);
        List<ImageId> deleted = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ImageId id : ids) {
            ImageLookup lookup = lookUp(repository, id);
            if (lookup.failure != null) {
                failures.add(lookup.failure);
                continue;
            }
            StoredImage image = lookup.image;
            boolean byTagOnly = id.tag() != null && id.digest() == null;
            boolean imageGoes = !byTagOnly || image.tags.size() == 1;
            List<String> lists = imageGoes ? repository.listsReferencing(image.digest) : List.of();
            if (!lists.isEmpty()) {
                failures.add(ImageFailure.referencedByManifestList(id, lists));
            } else if (byTagOnly && !imageGoes) {
                repository.tags.remove(id.tag());
                image.tags.remove(id.tag());
                deleted.add(new ImageId(image.digest, id.tag()));
            } else {
                if (image.tags.isEmpty()) {
                    deleted.add(ImageId.ofDigest(image.digest));
                }
                image.tags.forEach(t -> deleted.add(new ImageId(image.digest, t)));
                repository.remove(image);
            }
        }
        return new BatchDeleteImageResult(deleted, failures);
    }

    /**
     * DescribeImages by id: every id must name an image, or the whole call fails with
     * {@code ImageNotFoundException}.
     *
     * @param repositoryName the repository's name
     * @param ids the images, each by tag, digest or both
     * @return the images, in the order of {@code ids}
     */
    public synchronized List<ImageInfo> describeImages(String repositoryName, List<ImageId> ids) {
        Repository repository = existing(repositoryName);
        List<ImageInfo> found = new ArrayList<>(ids.size());
        for (ImageId id : ids) {
            found.add(repository.info(accountId, found(repository, id)));
        }
        return found;
    }

    /**
     * The repository's images in push order, or {@code RepositoryNotFoundException}.
     *
     * @param repositoryName the repository's name
     * @return snapshots of its images
     */
    public synchronized List<ImageInfo> images(String repositoryName) {
        Repository repository = existing(repositoryName);
        List<ImageInfo> images = new ArrayList<>(repository.images.size());
        repository.images.values().forEach(i -> images.add(repository.info(accountId, i)));
        return images;
    }

    private record ImageLookup(StoredImage image, ImageFailure failure) {}

    private static ImageLookup lookUp(Repository repository, ImageId id) {
        if (id.digest() == null && id.tag() == null) {
            return new ImageLookup(null, ImageFailure.missingDigestAndTag(id));
        }
        if (id.digest() != null && !Digests.isWellFormed(id.digest())) {
            return new ImageLookup(null, ImageFailure.invalidDigest(id));
        }
        String digest = id.digest();
        if (id.tag() != null) {
            String tagged = repository.tags.get(id.tag());
            if (tagged == null) {
                return new ImageLookup(null, ImageFailure.notFound(id));
            }
            if (digest != null && !digest.equals(tagged)) {
                return new ImageLookup(null, ImageFailure.tagDoesNotMatchDigest(id));
            }
            digest = tagged;
        }
        StoredImage image = repository.images.get(digest);
        return image == null ? new ImageLookup(null, ImageFailure.notFound(id)) : new ImageLookup(image, null);
    }

    private Repository existing(String name) {
        Repository repository = repositories.get(name);
        if (repository == null) {
            throw new EcrError(ErrorCode.REPOSITORY_NOT_FOUND, Messages.repositoryNotFound(name, accountId));
        }
        return repository;
    }
}
