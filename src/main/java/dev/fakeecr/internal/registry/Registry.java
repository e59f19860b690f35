package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import dev.fakeecr.registry.ExclusionFilter;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.LifecycleAction;
import dev.fakeecr.registry.LifecycleRun;
import dev.fakeecr.registry.StorageClass;
import dev.fakeecr.internal.lifecycle.LifecyclePolicy;
import dev.fakeecr.registry.LayerMemory;
import dev.fakeecr.registry.Partition;
import dev.fakeecr.registry.RegistryConfig;
import dev.fakeecr.registry.RepositoryInfo;
import dev.fakeecr.registry.RepositorySettings;
import dev.fakeecr.registry.ResourceTag;
import dev.fakeecr.registry.ScanFinding;
import dev.fakeecr.registry.TagMutability;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One account's private registry in one region: the entry point for ECR's operations on it. Knows nothing of
 * HTTP or JSON requests: callers hand it validated values and get snapshots back or an {@link EcrError}.
 *
 * <p>The registry holds what spans repositories (the repositories by name, the push order, the layer bytes
 * its {@link BlobStore} keeps, content-addressed) and the lock; the rules about one repository live on
 * {@link Repository}, which each method here finds and delegates to.
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
    /** [infer] How long a restore from the archive takes (ECR gives no figure), on the registry's clock. */
    public static final Duration RESTORE_TIME = Duration.ofMinutes(20);

    private final String accountId;
    private final String region;
    private final Clock clock;
    private final RegistryConfig config;
    /** Repositories by name; sorted, so listings are in name order. */
    private final TreeMap<String, Repository> repositories = new TreeMap<>();
    /** Push order across the registry's repositories, for {@link StoredImage#sequence}. */
    private long pushes;
    /** Layer and config bytes of all repositories, each digest once. */
    private final BlobStore blobs;
    /** The account setting BLOB_MOUNTING. */
    private boolean blobMounting;

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
        this.blobs = new BlobStore(config.layerBytesRetained());
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
        Repository repository = new Repository(accountId, withDefaultKmsKey(settings), clock.instant(), blobs);
        repositories.put(settings.name(), repository);
        return repository.info(region);
    }

    /**
     * KMS (or KMS_DSSE) encryption without a key uses the AWS-managed key for ECR of the account and region,
     * as the service model's {@code kmsKey} says; ECR then reports that key's ARN (the Terraform provider's
     * acceptance test against real ECR expects it). [infer] for KMS_DSSE, whose model text says "similar to KMS".
     */
    private RepositorySettings withDefaultKmsKey(RepositorySettings settings) {
        if (settings.kmsKey() != null || !settings.encryptionType().startsWith("KMS")) {
            return settings;
        }
        return new RepositorySettings(settings.name(), settings.tagMutability(), settings.exclusionFilters(),
                settings.scanOnPush(), settings.encryptionType(), awsManagedKeyArn(), settings.tags());
    }

    /**
     * The ARN of the account's AWS-managed key for ECR ({@code aws/ecr}) in this region. Real key ids are random
     * UUIDs made once per account and region; this one derives from the two, so every call sees the same key.
     */
    private String awsManagedKeyArn() {
        UUID keyId = UUID.nameUUIDFromBytes(("aws/ecr:" + accountId + ":" + region).getBytes(StandardCharsets.UTF_8));
        return "arn:" + Partition.of(region).name() + ":kms:" + region + ":" + accountId + ":key/" + keyId;
    }

    /**
     * All repositories, sorted by name.
     *
     * @return snapshots of the repositories
     */
    public synchronized List<RepositoryInfo> repositories() {
        List<RepositoryInfo> all = new ArrayList<>(repositories.size());
        repositories.values().forEach(r -> all.add(r.info(region)));
        return all;
    }

    /**
     * The named repository, or {@code RepositoryNotFoundException}.
     *
     * @param name the repository's name
     * @return a snapshot of the repository
     */
    public synchronized RepositoryInfo describeRepository(String name) {
        return existing(name).info(region);
    }

    /**
     * The named repository, if there is one.
     *
     * @param name the repository's name
     * @return a snapshot of the repository, or empty if the registry has none by that name
     */
    public synchronized Optional<RepositoryInfo> findRepository(String name) {
        return Optional.ofNullable(repositories.get(name)).map(r -> r.info(region));
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
        repository.checkDeletable(force);
        repositories.remove(name);
        repository.releaseUploads();
        // Blob bytes are shared by digest: those no other repository holds go with it.
        for (String digest : repository.blobs.keySet()) {
            if (repositories.values().stream().noneMatch(r -> r.blobs.containsKey(digest))) {
                blobs.remove(digest);
            }
        }
        return repository.info(region);
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
        repository.setTagMutability(mutability, filters);
        return repository.info(region);
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
        existing(name).tag(tags);
    }

    /**
     * Removes resource tags by key; keys that are not there are ignored.
     *
     * @param name the repository's name
     * @param keys the keys of the tags to remove
     */
    public synchronized void untagRepository(String name, List<String> keys) {
        existing(name).untag(keys);
    }

    // ---- policies (stored and returned; repository policies are not enforced) ----------------------------------

    /**
     * Sets a policy of the repository, replacing any of that kind; returns it.
     *
     * @param repositoryName the repository's name
     * @param kind which policy
     * @param policyText the policy document, stored as given (a lifecycle policy: validated and stored as
     *     {@link #putLifecyclePolicy} does)
     * @return the text stored
     */
    public synchronized String setPolicy(String repositoryName, PolicyKind kind, String policyText) {
        if (kind == PolicyKind.LIFECYCLE) {
            return putLifecyclePolicy(repositoryName, policyText); // one way in for lifecycle policies
        }
        existing(repositoryName).setPolicy(kind, policyText);
        return policyText;
    }

    /**
     * A policy of the repository, or that kind's not-found error.
     *
     * @param repositoryName the repository's name
     * @param kind which policy
     * @return the policy document, as it was set, with when it was last evaluated
     */
    public synchronized StoredPolicy policy(String repositoryName, PolicyKind kind) {
        return existing(repositoryName).policy(kind);
    }

    /**
     * Removes a policy of the repository and returns it, or that kind's not-found error.
     *
     * @param repositoryName the repository's name
     * @param kind which policy
     * @return the policy document that was removed, with when it was last evaluated
     */
    public synchronized StoredPolicy deletePolicy(String repositoryName, PolicyKind kind) {
        return existing(repositoryName).deletePolicy(kind);
    }

    // ---- lifecycle policies (validated as ECR does; applied when the test asks) --------------------------------

    /**
     * PutLifecyclePolicy after the length check: validates the policy as ECR does and stores it as ECR
     * does (minified, rules by priority).
     *
     * @param repositoryName the repository's name
     * @param policyText the policy as sent
     * @return the text stored, which PutLifecyclePolicy and GetLifecyclePolicy answer
     * @throws EcrError {@code InvalidParameterException} "Lifecycle policy validation failure: …"
     */
    public synchronized String putLifecyclePolicy(String repositoryName, String policyText) {
        LifecyclePolicy policy = LifecyclePolicy.parse(policyText);
        existing(repositoryName).setPolicy(PolicyKind.LIFECYCLE, policy.storedText());
        return policy.storedText();
    }

    /**
     * A lifecycle policy preview, as StartLifecyclePolicyPreview and GetLifecyclePolicyPreview report it.
     *
     * @param policyText the text previewed: as sent to StartLifecyclePolicyPreview, else the stored policy
     * @param status IN_PROGRESS until the preview is first read, COMPLETE from then on
     * @param results what the policy would do, by ascending rule priority then push time
     */
    public record LifecyclePreview(String policyText, String status, List<LifecycleAction> results) {}

    /**
     * StartLifecyclePolicyPreview: evaluates {@code policyText} (or the repository's policy) on the images as
     * they are now, with the one evaluator the real run uses; changes nothing in the repository.
     *
     * @param repositoryName the repository's name
     * @param policyText the policy to preview, or null for the repository's own
     * @return the preview, IN_PROGRESS
     * @throws EcrError {@code InvalidParameterException} for a policy ECR refuses,
     *     {@code LifecyclePolicyNotFoundException} without a text when the repository has no policy,
     *     {@code LifecyclePolicyPreviewInProgressException} when the last preview was not read yet
     */
    public synchronized LifecyclePreview startLifecyclePolicyPreview(String repositoryName, String policyText) {
        LifecyclePolicy given = policyText == null ? null : LifecyclePolicy.parse(policyText);
        Repository repository = existing(repositoryName);
        LifecyclePolicy policy = given != null ? given : repository.lifecyclePolicy()
                .orElseThrow(() -> PolicyKind.LIFECYCLE.notFound(repositoryName, accountId));
        String echoed = policyText != null ? policyText : policy.storedText();
        return publicPreview(repository.startPreview(echoed, policy, clock.instant()));
    }

    /**
     * GetLifecyclePolicyPreview: the last preview started, COMPLETE from its first read on.
     *
     * @param repositoryName the repository's name
     * @return the preview
     * @throws EcrError {@code LifecyclePolicyPreviewNotFoundException} if none was started
     */
    public synchronized LifecyclePreview lifecyclePolicyPreview(String repositoryName) {
        return publicPreview(existing(repositoryName).readPreview());
    }

    private static LifecyclePreview publicPreview(Repository.LifecyclePreview preview) {
        return new LifecyclePreview(preview.policyText(), preview.status(), preview.results());
    }

    /**
     * Runs every repository's lifecycle policy now, on the registry's clock, in repository name order.
     *
     * @return one run per repository that has a policy
     */
    public synchronized List<LifecycleRun> applyLifecyclePolicies() {
        List<LifecycleRun> runs = new ArrayList<>();
        Instant now = clock.instant();
        for (Repository repository : repositories.values()) {
            repository.settleRestores(now);
            repository.lifecyclePolicy().ifPresent(policy -> runs.add(repository.applyLifecycle(policy, now)));
        }
        return runs;
    }

    /**
     * Runs one repository's lifecycle policy now, on the registry's clock.
     *
     * @param repositoryName the repository's name
     * @return what the run did
     * @throws EcrError {@code LifecyclePolicyNotFoundException} if the repository has no policy
     */
    public synchronized LifecycleRun applyLifecyclePolicy(String repositoryName) {
        Repository repository = existing(repositoryName);
        LifecyclePolicy policy = repository.lifecyclePolicy()
                .orElseThrow(() -> PolicyKind.LIFECYCLE.notFound(repositoryName, accountId));
        return repository.applyLifecycle(policy, clock.instant());
    }

    /**
     * When the repository's lifecycle policy last ran.
     *
     * @param repositoryName the repository's name
     * @return the time of the last run, or empty if it never ran
     */
    public synchronized Optional<Instant> lifecyclePolicyLastEvaluatedAt(String repositoryName) {
        return existing(repositoryName).storedPolicy(PolicyKind.LIFECYCLE).map(StoredPolicy::lastEvaluatedAt);
    }

    /**
     * UpdateImageStorageClass: archives an active image at once, or starts restoring an archived one (it
     * is ACTIVATING for {@link #RESTORE_TIME} on the registry's clock, then ACTIVE).
     *
     * @param repositoryName the repository's name
     * @param id the image, by tag, digest or both
     * @param target the storage class to move it to
     * @return the image, with its new status
     * @throws EcrError {@code ImageNotFoundException}, or {@code ImageStorageClassUpdateNotSupportedException}
     *     to archive an image being restored
     */
    public synchronized ImageInfo updateImageStorageClass(String repositoryName, ImageId id, StorageClass target) {
        Repository repository = existing(repositoryName);
        return repository.info(repository.updateStorageClass(id, target, clock.instant(), RESTORE_TIME));
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
        existing(repositoryName).setScanOnPush(scanOnPush);
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
        existing(repositoryName).setScanFindings(tagOrDigest, findings);
    }

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
        return repository.info(repository.startScan(id, clock.instant()));
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
        return repository.info(repository.scanned(id));
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
        // Reading the manifest and checking its digest need no repository state; the rest are the repository's.
        Manifest parsed = Manifest.parse(manifest, mediaType);
        String digest = Digests.of(manifest);
        if (expectedDigest != null && !expectedDigest.equals(digest)) {
            throw new EcrError(ErrorCode.IMAGE_DIGEST_DOES_NOT_MATCH, "The image digest '" + expectedDigest
                    + "' provided does not match the digest '" + digest + "' calculated for the image manifest");
        }
        StoredImage image = repository.put(manifest, parsed, digest, tag, blobsGiven, config, () -> ++pushes,
                clock.instant());
        return repository.info(image);
    }

    // ---- layers ------------------------------------------------------------------------------------------

    /**
     * InitiateLayerUpload: a new upload id.
     *
     * @param repositoryName the repository's name
     * @return the new upload's id
     */
    public synchronized String initiateLayerUpload(String repositoryName) {
        return existing(repositoryName).startUpload().uploadId();
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
        return existing(repositoryName).uploadPart(uploadId, partFirstByte, partLastByte, part);
    }

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
        return existing(repositoryName).completeUpload(uploadId, layerDigests);
    }

    /**
     * BatchCheckLayerAvailability for one well-formed digest: the layer, if the repository has it.
     *
     * @param repositoryName the repository's name
     * @param digest the layer's digest
     * @return the layer, or empty if the repository does not hold it
     */
    public synchronized Optional<LayerInfo> layer(String repositoryName, String digest) {
        return existing(repositoryName).layer(digest);
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
        return existing(repositoryName).downloadableLayer(digest);
    }

    /**
     * The bytes of a layer or config blob, if the repository holds it and the registry has its bytes (a blob
     * an image was seeded with, by digest only, has none).
     *
     * @param repositoryName the repository's name
     * @param digest the blob's digest
     * @return its bytes, to be read outside the registry's lock, or empty if there is no such repository or
     *     blob, or no bytes for it
     */
    public synchronized Optional<BlobStore.Content> layerContent(String repositoryName, String digest) {
        Repository repository = repositories.get(repositoryName);
        return repository == null ? Optional.empty() : repository.layerContent(digest);
    }

    /**
     * Layer bytes held on the heap now, the most ever held at once, and the heap bound (the rest is in
     * temporary files).
     *
     * @return the three figures, in bytes
     */
    public synchronized LayerMemory layerMemory() {
        return blobs.memory();
    }

    /**
     * Adds a blob a test provides, bytes and all, to a repository, as if uploaded: seeded images that name
     * it can be pulled and their layers downloaded.
     *
     * @param repositoryName the repository's name
     * @param bytes the blob's bytes
     * @return the blob's digest
     */
    public synchronized String putLayer(String repositoryName, byte[] bytes) {
        Repository repository = existing(repositoryName);
        BlobStore.Writer writer = blobs.newWriter();
        writer.write(bytes);
        String digest = blobs.commit(writer);
        repository.addBlob(digest, bytes.length);
        return digest;
    }

    // ---- the registry endpoint's blob flow -------------------------------------------------------------

    /**
     * Starts an upload for the registry endpoint.
     *
     * @param repositoryName the repository's name
     * @return the upload, whose bytes the caller appends outside this registry's lock
     */
    public synchronized LayerUpload startUpload(String repositoryName) {
        return existing(repositoryName).startUpload();
    }

    /**
     * An upload in progress, or {@code UploadNotFoundException}.
     *
     * @param repositoryName the repository's name
     * @param uploadId the upload's id
     * @return the upload
     */
    public synchronized LayerUpload upload(String repositoryName, String uploadId) {
        return existing(repositoryName).upload(uploadId);
    }

    /**
     * Ends an upload with the blob it received, which must have {@code expectedDigest}. A blob the repository
     * holds already is accepted again (the registry endpoint's pushes are idempotent).
     *
     * @param repositoryName the repository's name
     * @param uploadId the upload's id
     * @param expectedDigest the digest the client says the blob has
     * @return the blob's digest
     * @throws EcrError {@code UploadNotFoundException}, or {@code InvalidLayerException} if the digest differs
     */
    public synchronized String commitUpload(String repositoryName, String uploadId, String expectedDigest) {
        return existing(repositoryName).commitUpload(uploadId, expectedDigest);
    }

    /**
     * Ends an upload and drops its bytes.
     *
     * @param repositoryName the repository's name
     * @param uploadId the upload's id
     */
    public synchronized void cancelUpload(String repositoryName, String uploadId) {
        existing(repositoryName).cancelUpload(uploadId);
    }

    /**
     * A cross-repository blob mount as ECR does it: only with the account setting {@code BLOB_MOUNTING}
     * enabled, within this registry, and only for a blob an image of the source repository references.
     *
     * @param repositoryName the repository to mount into
     * @param fromRepository the repository that holds the blob
     * @param digest the blob's digest
     * @return the size of the mounted blob, or empty when ECR would not mount (the client then uploads)
     */
    public synchronized Optional<Long> mountBlob(String repositoryName, String fromRepository, String digest) {
        Repository target = existing(repositoryName);
        Repository source = repositories.get(fromRepository);
        if (!blobMountingEnabled() || source == null || !source.isReferenced(digest) || !blobs.has(digest)) {
            return Optional.empty();
        }
        Blob blob = source.blob(digest).orElse(null);
        if (blob == null) {
            return Optional.empty();
        }
        target.mount(blob);
        return Optional.of(blob.size());
    }

    /**
     * The registry endpoint's manifest push: PutImage's rules, except that pushing the image a tag already
     * names again succeeds, as {@code docker push} of an unchanged image does.
     *
     * @param repositoryName the repository's name
     * @param manifest the manifest, stored verbatim
     * @param mediaType the request's Content-Type, or null
     * @param tag the tag, or null when pushed by digest
     * @param expectedDigest the digest the push was addressed to, or null
     * @return the image as stored
     */
    public synchronized ImageInfo pushManifest(String repositoryName, String manifest, String mediaType, String tag,
                                               String expectedDigest) {
        try {
            return putImage(repositoryName, manifest, mediaType, tag, expectedDigest, false);
        } catch (EcrError e) {
            if (e.code() == ErrorCode.IMAGE_ALREADY_EXISTS) {
                return existing(repositoryName).find(Digests.of(manifest)).map(existing(repositoryName)::info)
                        .orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /**
     * The registry endpoint's manifest pull: the image a tag or digest names, counted as a pull.
     *
     * @param repositoryName the repository's name
     * @param reference a tag or a digest
     * @param countAsPull whether to record the pull time (a GET does, a HEAD does not)
     * @return the image, or empty
     */
    public synchronized Optional<ImageInfo> pullManifest(String repositoryName, String reference, boolean countAsPull) {
        Repository repository = existing(repositoryName);
        Optional<StoredImage> image = repository.find(reference);
        if (countAsPull) {
            image.ifPresent(i -> i.lastRecordedPullTime = clock.instant());
        }
        return image.map(repository::info);
    }

    /**
     * Whether the account setting {@code BLOB_MOUNTING} is {@code ENABLED}; ECR's default is disabled.
     *
     * @return whether blob mounts are honoured
     */
    public synchronized boolean blobMountingEnabled() {
        return blobMounting;
    }

    /**
     * Sets the account setting {@code BLOB_MOUNTING}.
     *
     * @param enabled whether blob mounts are honoured
     */
    public synchronized void setBlobMounting(boolean enabled) {
        blobMounting = enabled;
    }

    /** Releases the registry's blob bytes and temporary files; the registry must not be used afterwards. */
    public void close() {
        blobs.close();
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
        return existing(repositoryName).batchGet(ids, acceptedMediaTypes, clock.instant());
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
        return existing(repositoryName).batchDelete(ids);
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
        return existing(repositoryName).describe(ids);
    }

    /**
     * The repository's images in push order, or {@code RepositoryNotFoundException}.
     *
     * @param repositoryName the repository's name
     * @return snapshots of its images
     */
    public synchronized List<ImageInfo> images(String repositoryName) {
        return existing(repositoryName).imageInfos();
    }

    /**
     * The repository's images in push order, each with its push sequence (ascending, never reused), or
     * {@code RepositoryNotFoundException}; for listings whose pages resume after the last image returned.
     *
     * @param repositoryName the repository's name
     * @return snapshots of its images with their positions
     */
    public synchronized List<Positioned<ImageInfo>> positionedImages(String repositoryName) {
        return existing(repositoryName).positionedImageInfos();
    }

    /**
     * The image a tag or a digest names: the image the tag points to, else the image with that digest.
     *
     * @param repositoryName the repository's name
     * @param tagOrDigest a tag an image carries now, or an image digest
     * @return a snapshot of the image, or empty if neither names one
     */
    public synchronized Optional<ImageInfo> findImage(String repositoryName, String tagOrDigest) {
        Repository repository = existing(repositoryName);
        return repository.find(tagOrDigest).map(repository::info);
    }

    private Repository existing(String name) {
        Repository repository = repositories.get(name);
        if (repository == null) {
            throw new EcrError(ErrorCode.REPOSITORY_NOT_FOUND, Messages.repositoryNotFound(name, accountId));
        }
        repository.settleRestores(clock.instant()); // every read and change sees restores that completed
        return repository;
    }
}
