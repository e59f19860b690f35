package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import dev.fakeecr.registry.ExclusionFilter;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.ImageStatus;
import dev.fakeecr.registry.LifecycleAction;
import dev.fakeecr.registry.LifecycleRun;
import dev.fakeecr.registry.StorageClass;
import dev.fakeecr.internal.lifecycle.Candidate;
import dev.fakeecr.internal.lifecycle.Decision;
import dev.fakeecr.internal.lifecycle.Evaluator;
import dev.fakeecr.internal.lifecycle.LifecyclePolicy;
import dev.fakeecr.registry.RegistryConfig;
import dev.fakeecr.registry.RepositoryInfo;
import dev.fakeecr.registry.RepositorySettings;
import dev.fakeecr.registry.ResourceTag;
import dev.fakeecr.registry.ScanFinding;
import dev.fakeecr.registry.ScanResult;
import dev.fakeecr.registry.TagMutability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * One repository's settings, images, tags, layers and uploads, and ECR's rules about one repository. Errors
 * name the repository and its registry's account as ECR's do. Guarded by its Registry; never handed out.
 */
final class Repository {
    /** ECR allows one basic scan per image per day. */
    static final Duration SCAN_QUOTA_PERIOD = Duration.ofHours(24);
    /** ECR's minimum size for every layer part but the last. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    final String registryId;
    final String name;
    final Instant createdAt;
    private final BlobStore store;
    boolean scanOnPush;
    final String encryptionType;
    final String kmsKey;
    TagMutability tagMutability;
    List<ExclusionFilter> exclusionFilters;
    /** The policy documents set, as given, with when each was last evaluated. */
    private final Map<PolicyKind, StoredPolicy> policies = new EnumMap<>(PolicyKind.class);
    /** What a scan of an image (by digest) reports; none when not set. */
    final Map<String, List<ScanFinding>> scanFindings = new HashMap<>();
    /** Resource tags by key, in the order they were first set. */
    final Map<String, String> resourceTags = new LinkedHashMap<>();
    /** Images by digest, in push order. */
    final Map<String, StoredImage> images = new LinkedHashMap<>();
    /** Which digest each tag points to; every tag points to an image in {@link #images}. */
    final Map<String, String> tags = new HashMap<>();
    /** Layer and config blobs by digest: uploaded, or named by an image pushed here. */
    final Map<String, Blob> blobs = new HashMap<>();
    /** Layer uploads in progress, by upload id. */
    final Map<String, LayerUpload> uploads = new HashMap<>();
    /** Images being restored from the archive, by digest; they become active on the registry's clock. */
    private final Map<String, StoredImage> activating = new HashMap<>();
    /** The last lifecycle policy preview started, or null. */
    private LifecyclePreview preview;

    /**
     * @param registryId the account of the registry that holds it, for ECR's messages
     * @param settings its name and settings
     * @param createdAt when it was created
     * @param store its registry's blob bytes, shared by all the registry's repositories
     */
    Repository(String registryId, RepositorySettings settings, Instant createdAt, BlobStore store) {
        this.registryId = Objects.requireNonNull(registryId, "registryId");
        this.name = settings.name();
        this.createdAt = createdAt;
        this.store = Objects.requireNonNull(store, "store");
        this.scanOnPush = settings.scanOnPush();
        this.encryptionType = settings.encryptionType();
        this.kmsKey = settings.kmsKey();
        this.tagMutability = settings.tagMutability();
        this.exclusionFilters = settings.exclusionFilters();
        settings.tags().forEach(t -> resourceTags.put(t.key(), t.value()));
    }

    // ---- the repository itself ---------------------------------------------------------------------------

    RepositoryInfo info(String region) {
        return new RepositoryInfo(registryId, region, name, createdAt, tagMutability, exclusionFilters, scanOnPush,
                encryptionType, kmsKey, resourceTagList());
    }

    ImageInfo info(StoredImage image) {
        return new ImageInfo(registryId, name, image.digest, List.copyOf(image.tags()), image.manifest,
                image.parsed.mediaType(), image.parsed.artifactMediaType(), image.sizeInBytes, image.pushedAt(),
                image.lastRecordedPullTime, image.parsed.subjectDigest(), image.scan, image.status, image.lastArchivedAt,
                image.lastActivatedAt);
    }

    List<ResourceTag> resourceTagList() {
        List<ResourceTag> list = new ArrayList<>(resourceTags.size());
        resourceTags.forEach((k, v) -> list.add(new ResourceTag(k, v)));
        return list;
    }

    /** DeleteRepository's rule: a repository holding images goes only when forced. */
    void checkDeletable(boolean force) {
        if (!images.isEmpty() && !force) {
            throw new EcrError(ErrorCode.REPOSITORY_NOT_EMPTY, Messages.repositoryNotEmpty(name, registryId));
        }
    }

    /** The repository is being deleted: its open uploads' bytes are released (its blobs are the registry's). */
    void releaseUploads() {
        uploads.values().forEach(u -> u.writer.discard());
        uploads.clear();
    }

    void setTagMutability(TagMutability mutability, List<ExclusionFilter> filters) {
        tagMutability = Objects.requireNonNull(mutability, "mutability");
        exclusionFilters = List.copyOf(filters);
    }

    /** Whether PutImage may not move {@code tag} to another image, under the current setting and filters. */
    boolean isImmutable(String tag) {
        return tagMutability.isImmutable(tag, exclusionFilters);
    }

    /** Adds or overwrites resource tags; the result must still obey ECR's tag rules (at most 50). */
    void tag(List<ResourceTag> newTags) {
        ResourceTags.check(newTags);
        List<ResourceTag> merged = resourceTagList();
        merged.removeIf(existing -> newTags.stream().anyMatch(t -> t.key().equals(existing.key())));
        merged.addAll(newTags);
        ResourceTags.check(merged);
        newTags.forEach(t -> resourceTags.put(t.key(), t.value()));
    }

    void untag(List<String> keys) {
        keys.forEach(resourceTags::remove);
    }

    // ---- policies (stored texts; a lifecycle policy runs when the test asks, below) -------------------------

    /** A new document has not been evaluated yet, even if the one it replaces was. [infer] */
    void setPolicy(PolicyKind kind, String text) {
        policies.put(kind, new StoredPolicy(text, null));
    }

    StoredPolicy policy(PolicyKind kind) {
        StoredPolicy policy = policies.get(kind);
        if (policy == null) {
            throw kind.notFound(name, registryId);
        }
        return policy;
    }

    /** The policy of that kind, if the repository has one. */
    Optional<StoredPolicy> storedPolicy(PolicyKind kind) {
        return Optional.ofNullable(policies.get(kind));
    }

    StoredPolicy deletePolicy(PolicyKind kind) {
        StoredPolicy policy = policy(kind);
        policies.remove(kind);
        return policy;
    }

    /** The policy's rules were evaluated at {@code at} (by the lifecycle engine): Get/Delete report it. */
    void policyEvaluated(PolicyKind kind, Instant at) {
        policies.put(kind, new StoredPolicy(policy(kind).text(), Objects.requireNonNull(at, "at")));
    }

    // ---- scanning (basic scans complete at once, with the findings a test set) --------------------------------

    void setScanOnPush(boolean on) {
        scanOnPush = on;
    }

    /** A tag is resolved to its image's digest now, so the findings stay with that image if the tag moves. */
    void setScanFindings(String tagOrDigest, List<ScanFinding> findings) {
        String digest = find(tagOrDigest).map(i -> i.digest).orElse(tagOrDigest);
        scanFindings.put(digest, List.copyOf(findings));
    }

    /** StartImageScan: the scan completes at once; a second one within {@link #SCAN_QUOTA_PERIOD} is refused. */
    StoredImage startScan(ImageId id, Instant now) {
        StoredImage image = found(id);
        if (image.scan != null && image.scan.completedAt().plus(SCAN_QUOTA_PERIOD).isAfter(now)) {
            throw new EcrError(ErrorCode.LIMIT_EXCEEDED,
                    "The scan quota per image has been exceeded. Wait and try again."); // [infer] wording
        }
        scan(image, now);
        return image;
    }

    /** The image with its last scan, or {@code ScanNotFoundException} if it was never scanned. */
    StoredImage scanned(ImageId id) {
        StoredImage image = found(id);
        if (image.scan == null) {
            throw new EcrError(ErrorCode.SCAN_NOT_FOUND, Messages.scanNotFound(id.digest(), id.tag(), name, registryId));
        }
        return image;
    }

    private void scan(StoredImage image, Instant now) {
        image.scan = new ScanResult(now, scanFindings.getOrDefault(image.digest, List.of()));
    }

    // ---- finding images ----------------------------------------------------------------------------------

    /**
     * The one tag-or-digest lookup: the image a tag points to, else the image with that digest. A tag wins,
     * as scan findings always resolved it; tags from the API cannot contain the colon every digest has.
     */
    Optional<StoredImage> find(String tagOrDigest) {
        return Optional.ofNullable(images.get(tags.getOrDefault(tagOrDigest, tagOrDigest)));
    }

    /** What looking up an {@link ImageId} gave: the image, or the batch failure that explains why not. */
    record ImageLookup(StoredImage image, ImageFailure failure) {}

    /** An id's image by ECR's batch rules: the id needs a tag or a well-formed digest, and both must agree. */
    ImageLookup lookUp(ImageId id) {
        if (id.digest() == null && id.tag() == null) {
            return new ImageLookup(null, ImageFailure.missingDigestAndTag(id));
        }
        if (id.digest() != null && !Digests.isWellFormed(id.digest())) {
            return new ImageLookup(null, ImageFailure.invalidDigest(id));
        }
        // Not find(): an id says which it holds, so a tag is looked up only among tags, a digest only among images.
        String digest = id.tag() != null ? tags.get(id.tag()) : id.digest();
        StoredImage image = digest == null ? null : images.get(digest);
        if (image == null) {
            return new ImageLookup(null, ImageFailure.notFound(id));
        }
        if (id.digest() != null && !id.digest().equals(image.digest)) {
            return new ImageLookup(null, ImageFailure.tagDoesNotMatchDigest(id));
        }
        return new ImageLookup(image, null);
    }

    /** The image an id names, or {@code ImageNotFoundException} in DescribeImages' wording. */
    StoredImage found(ImageId id) {
        ImageLookup lookup = lookUp(id);
        if (lookup.failure() != null) {
            throw new EcrError(ErrorCode.IMAGE_NOT_FOUND, Messages.imageNotFound(id.digest(), id.tag(), name, registryId));
        }
        return lookup.image();
    }

    /** DescribeImages by id: every id must name an image, or the whole call fails. */
    List<ImageInfo> describe(List<ImageId> ids) {
        List<ImageInfo> found = new ArrayList<>(ids.size());
        for (ImageId id : ids) {
            found.add(info(found(id)));
        }
        return found;
    }

    /** Every image, in push order. */
    List<ImageInfo> imageInfos() {
        List<ImageInfo> list = new ArrayList<>(images.size());
        images.values().forEach(i -> list.add(info(i)));
        return list;
    }

    /** In push order: the map's insertion order, which is ascending sequence (a new digest gets the next one). */
    List<Positioned<ImageInfo>> positionedImageInfos() {
        List<Positioned<ImageInfo>> list = new ArrayList<>(images.size());
        images.values().forEach(i -> list.add(new Positioned<>(i.sequence, info(i))));
        return list;
    }

    /**
     * BatchGetImage: each id succeeds or fails on its own; each image returned counts as a pull at {@code now},
     * unless the puller is excluded from pull time updates ({@code recordPull} false).
     */
    BatchGetImageResult batchGet(List<ImageId> ids, List<String> acceptedMediaTypes, Instant now, boolean recordPull) {
        List<BatchGetImageResult.FoundImage> found = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ImageId id : ids) {
            ImageLookup lookup = lookUp(id);
            if (lookup.failure() != null) {
                failures.add(lookup.failure());
            } else if (lookup.image().status != ImageStatus.ACTIVE) {
                failures.add(ImageFailure.archived(id)); // archived images cannot be pulled
            } else if (acceptedMediaTypes != null && !acceptedMediaTypes.contains(lookup.image().parsed.mediaType())) {
                // [infer] ECR may convert between formats; refusing as not found is the safe answer.
                failures.add(ImageFailure.notFound(id));
            } else {
                if (recordPull) {
                    lookup.image().lastRecordedPullTime = now;
                }
                found.add(new BatchGetImageResult.FoundImage(id, info(lookup.image())));
            }
        }
        return new BatchGetImageResult(found, failures);
    }

    // ---- pushing and deleting images -----------------------------------------------------------------------

    /**
     * PutImage's rules from the layer checks on, in ECR's order: the graph (when the config asks), the same
     * push twice, an immutable tag, the image quota; then the image is stored (or found) and tagged.
     *
     * @param blobsGiven whether the manifest's blobs are taken as uploaded (seeding)
     * @param sequence the registry's push counter, drawn only when a new image is stored
     * @param scanNewImage whether a new image is scanned at once (the registry's scanning decides)
     */
    StoredImage put(String manifest, Manifest parsed, String digest, String tag, boolean blobsGiven,
                    RegistryConfig config, LongSupplier sequence, Instant now, boolean scanNewImage) {
        if (config.layerChecks()) {
            checkGraph(parsed, blobsGiven);
        }
        StoredImage existing = images.get(digest);
        String taggedDigest = tag == null ? null : tags.get(tag);
        // Re-pushing an archived (or restoring) image restores it at once [doc D6; "at once" is infer].
        boolean restore = existing != null && existing.status != ImageStatus.ACTIVE;
        if (existing != null && !restore && (tag == null || digest.equals(taggedDigest))) {
            // Not idempotent, whatever the mutability: the same push twice is refused.
            throw new EcrError(ErrorCode.IMAGE_ALREADY_EXISTS, Messages.imageAlreadyExists(digest, tag, name, registryId));
        }
        if (taggedDigest != null && !digest.equals(taggedDigest) && isImmutable(tag)) {
            throw new EcrError(ErrorCode.IMAGE_TAG_ALREADY_EXISTS, Messages.imageTagAlreadyExists(tag, name));
        }
        if (existing == null) {
            checkRoomForImage(config.maxImagesPerRepository());
        }
        if (restore) {
            activating.remove(digest);
            existing.status = ImageStatus.ACTIVE;
            existing.activatesAt = null;
            existing.lastActivatedAt = now;
        }
        StoredImage image = existing;
        if (image == null) {
            Manifest kept = recordBlobs(parsed);
            image = new StoredImage(sequence.getAsLong(), digest, manifest, kept, sizeOf(kept), now);
            images.put(digest, image);
            if (scanNewImage) {
                scan(image, now);
            }
        }
        if (tag != null) {
            attachTag(tag, image);
        }
        return image;
    }

    /** The image quota: a new image needs room under {@code maxImages}. */
    private void checkRoomForImage(int maxImages) {
        if (images.size() >= maxImages) {
            throw new EcrError(ErrorCode.LIMIT_EXCEEDED,
                    "The maximum number of images per repository has been reached"); // [infer] wording
        }
    }

    /**
     * ECR's checks 12a and 12b: an image manifest's config and layers must be in the repository (foreign
     * layers excepted); a manifest list's images must be images in the repository.
     */
    private void checkGraph(Manifest parsed, boolean blobsGiven) {
        if (!parsed.referencedManifests().isEmpty()) {
            List<String> missing = new ArrayList<>();
            parsed.referencedManifests().stream().filter(d -> !images.containsKey(d)).forEach(missing::add);
            if (!missing.isEmpty()) {
                throw new EcrError(ErrorCode.REFERENCED_IMAGES_NOT_FOUND,
                        Messages.referencedImagesNotFound(missing, name, registryId));
            }
        }
        if (blobsGiven) {
            return;
        }
        Set<String> missing = new LinkedHashSet<>();
        parsed.blobs().stream().filter(b -> !b.isForeign() && !blobs.containsKey(b.digest()))
                .forEach(b -> missing.add(b.digest()));
        if (!missing.isEmpty()) {
            throw new EcrError(ErrorCode.LAYERS_NOT_FOUND, Messages.layersNotFound(missing, name, registryId));
        }
    }

    /**
     * An image's blobs belong to this repository from now on (their bytes only if they were uploaded).
     *
     * @return the manifest naming the repository's own instance of each blob it names alike (digest, size and media
     *     type), and for a blob it names otherwise, its own size and media type with the repository's digest string
     */
    private Manifest recordBlobs(Manifest parsed) {
        return parsed.withSharedBlobs(blob -> {
            if (blob.isForeign()) {
                return blob;
            }
            Blob known = blobs.get(blob.digest());
            if (known == null) {
                blobs.put(blob.digest(), blob);
                return blob;
            }
            if (known.mediaType() == null) { // uploaded (or named without one): the manifest says what it is
                known = new Blob(known.digest(), known.size(), blob.mediaType());
                blobs.put(known.digest(), known);
            }
            // The manifest's own size and media type stand; the digest's text is shared in any case. (The digests
            // are equal: no need for the record's equals to compare them again.)
            boolean same = known.size() == blob.size() && Objects.equals(known.mediaType(), blob.mediaType());
            return same ? known : new Blob(known.digest(), blob.size(), blob.mediaType());
        });
    }

    /**
     * A manifest list's size is the largest of the images it names that the repository holds: settled by the
     * service model's {@code ImageDetail.imageSizeInBytes} ("the max size of all manifests in the list").
     */
    private long sizeOf(Manifest parsed) {
        if (parsed.sizeInBytes() != Manifest.SIZED_BY_ITS_IMAGES) {
            return parsed.sizeInBytes();
        }
        long size = 0;
        for (String child : parsed.referencedManifests()) {
            StoredImage image = images.get(child);
            size = image == null ? size : Math.max(size, image.sizeInBytes);
        }
        return size;
    }

    /** Points {@code tag} at {@code image}, taking it off the image it pointed to before (which stays, untagged if that was its last tag). */
    void attachTag(String tag, StoredImage image) {
        String previous = tags.put(tag, image.digest);
        if (previous != null && !previous.equals(image.digest)) {
            images.get(previous).removeTag(tag);
        }
        image.addTag(tag);
    }

    /**
     * BatchDeleteImage: by tag, the tag goes (and the image with its last tag); by digest, the image and all
     * its tags. An image that would go stays if a manifest list in the repository names it.
     */
    BatchDeleteImageResult batchDelete(List<ImageId> ids) {
        List<ImageId> deleted = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ImageId id : ids) {
            ImageLookup lookup = lookUp(id);
            if (lookup.failure() != null) {
                failures.add(lookup.failure());
                continue;
            }
            StoredImage image = lookup.image();
            boolean byTagOnly = id.tag() != null && id.digest() == null;
            boolean imageGoes = !byTagOnly || image.tags().size() == 1;
            List<String> lists = imageGoes ? listsReferencing(image.digest) : List.of();
            if (!lists.isEmpty()) {
                failures.add(ImageFailure.referencedByManifestList(id, lists));
            } else if (byTagOnly && !imageGoes) {
                tags.remove(id.tag());
                image.removeTag(id.tag());
                deleted.add(new ImageId(image.digest, id.tag()));
            } else {
                if (image.tags().isEmpty()) {
                    deleted.add(ImageId.ofDigest(image.digest));
                }
                image.tags().forEach(t -> deleted.add(new ImageId(image.digest, t)));
                remove(image);
            }
        }
        return new BatchDeleteImageResult(deleted, failures);
    }

    /** The manifest lists in this repository that name {@code digest}. */
    List<String> listsReferencing(String digest) {
        List<String> lists = new ArrayList<>();
        for (StoredImage image : images.values()) {
            if (image.parsed.referencedManifests().contains(digest)) {
                lists.add(image.digest);
            }
        }
        return lists;
    }

    private void remove(StoredImage image) {
        images.remove(image.digest);
        activating.remove(image.digest);
        image.tags().forEach(tags::remove);
    }

    // ---- storage classes (archive and restore) ---------------------------------------------------------------

    /** Restores that completed by {@code now} make their images active. */
    void settleRestores(Instant now) {
        if (activating.isEmpty()) {
            return;
        }
        activating.values().removeIf(image -> {
            if (image.activatesAt.isAfter(now)) {
                return false;
            }
            image.status = ImageStatus.ACTIVE;
            image.lastActivatedAt = image.activatesAt;
            image.activatesAt = null;
            return true;
        });
    }

    /**
     * UpdateImageStorageClass [infer the refusals]: an active image is archived at once; an archived one starts a
     * restore that completes after {@code restoreTime}; asking again for where the image is or is going
     * answers its status unchanged.
     */
    StoredImage updateStorageClass(ImageId id, StorageClass target, Instant now, Duration restoreTime) {
        StoredImage image = found(id);
        if (target == StorageClass.ARCHIVE) {
            if (image.status == ImageStatus.ACTIVATING) {
                throw new EcrError(ErrorCode.IMAGE_STORAGE_CLASS_UPDATE_NOT_SUPPORTED,
                        Messages.imageBeingRestored(image.digest, name, registryId));
            }
            if (image.status == ImageStatus.ACTIVE) {
                archive(image, now);
            }
        } else if (image.status == ImageStatus.ARCHIVED) {
            image.status = ImageStatus.ACTIVATING;
            image.activatesAt = now.plus(restoreTime);
            activating.put(image.digest, image);
        }
        return image;
    }

    private void archive(StoredImage image, Instant now) {
        image.status = ImageStatus.ARCHIVED;
        image.lastArchivedAt = now;
    }

    // ---- lifecycle policies -------------------------------------------------------------------------------

    /** A preview: the text it evaluated (as sent), its status, and what the policy would do. */
    record LifecyclePreview(String policyText, String status, List<LifecycleAction> results) {}

    /** The images as the evaluator sees them: all but those being restored, in push order. */
    private List<Candidate> candidates() {
        Set<String> inActiveLists = new HashSet<>();
        for (StoredImage image : images.values()) {
            if (image.status == ImageStatus.ACTIVE) {
                inActiveLists.addAll(image.parsed.referencedManifests());
            }
        }
        List<Candidate> candidates = new ArrayList<>(images.size());
        for (StoredImage image : images.values()) {
            if (image.status != ImageStatus.ACTIVATING) {
                candidates.add(new Candidate(image.digest, List.copyOf(image.tags()), image.pushedAt(),
                        image.lastRecordedPullTime, image.lastActivatedAt, image.status.storageClass(),
                        image.lastArchivedAt, inActiveLists.contains(image.digest), image.sequence));
            }
        }
        return candidates;
    }

    /** What the policy does now, by ascending rule priority then push time. */
    private List<LifecycleAction> evaluate(LifecyclePolicy policy, Instant now) {
        List<LifecycleAction> actions = new ArrayList<>();
        for (Decision decision : Evaluator.evaluate(policy, candidates(), now)) {
            Candidate image = decision.candidate();
            actions.add(new LifecycleAction(image.digest(), image.tags(), image.pushedAt(), decision.action(),
                    decision.rulePriority(), image.storageClass()));
        }
        actions.sort(Comparator.comparingInt(LifecycleAction::rulePriority)
                .thenComparing(LifecycleAction::pushedAt).thenComparing(LifecycleAction::digest));
        return actions;
    }

    /**
     * StartLifecyclePolicyPreview: evaluates at once and keeps the result, IN_PROGRESS until it is first read;
     * a second start before that read is refused, as ECR refuses one while a preview runs.
     */
    LifecyclePreview startPreview(String echoedText, LifecyclePolicy policy, Instant now) {
        if (preview != null && preview.status().equals("IN_PROGRESS")) {
            throw new EcrError(ErrorCode.LIFECYCLE_POLICY_PREVIEW_IN_PROGRESS,
                    Messages.lifecyclePolicyPreviewInProgress(name, registryId));
        }
        preview = new LifecyclePreview(echoedText, "IN_PROGRESS", evaluate(policy, now));
        return preview;
    }

    /** GetLifecyclePolicyPreview: the preview, COMPLETE from its first read on. */
    LifecyclePreview readPreview() {
        if (preview == null) {
            throw new EcrError(ErrorCode.LIFECYCLE_POLICY_PREVIEW_NOT_FOUND,
                    Messages.lifecyclePolicyPreviewNotFound(name, registryId));
        }
        preview = new LifecyclePreview(preview.policyText(), "COMPLETE", preview.results());
        return preview;
    }

    /** The stored lifecycle policy, or empty if the repository has none. */
    Optional<LifecyclePolicy> lifecyclePolicy() {
        return storedPolicy(PolicyKind.LIFECYCLE).map(stored -> LifecyclePolicy.parse(stored.text()));
    }

    /**
     * Runs the policy: expired images go as BatchDeleteImage removes them (with their tags), transitioned
     * ones are archived; images whose subject went or was archived follow it (reference §3.1 #14).
     */
    LifecycleRun applyLifecycle(LifecyclePolicy policy, Instant now) {
        Map<String, List<StoredImage>> referrers = new HashMap<>(); // by subject digest, read once per run
        for (StoredImage image : images.values()) {
            String subject = image.parsed.subjectDigest();
            if (subject != null) {
                referrers.computeIfAbsent(subject, d -> new ArrayList<>()).add(image);
            }
        }
        List<LifecycleAction> done = new ArrayList<>();
        for (LifecycleAction action : evaluate(policy, now)) {
            StoredImage image = images.get(action.digest());
            if (image == null || image.status.storageClass() != action.storageClass()) {
                continue; // already taken as a referrer of an image acted on before it
            }
            act(image, action.type(), action.rulePriority(), now, referrers, done);
        }
        policyEvaluated(PolicyKind.LIFECYCLE, now);
        return new LifecycleRun(name, now, done);
    }

    private void act(StoredImage image, LifecycleAction.Type type, int rulePriority, Instant now,
                     Map<String, List<StoredImage>> referrers, List<LifecycleAction> done) {
        done.add(new LifecycleAction(image.digest, List.copyOf(image.tags()), image.pushedAt(), type, rulePriority,
                image.status.storageClass()));
        if (type == LifecycleAction.Type.EXPIRE) {
            remove(image);
        } else {
            archive(image, now);
        }
        for (StoredImage referrer : referrers.getOrDefault(image.digest, List.of())) {
            boolean follows = images.containsKey(referrer.digest)
                    && (type == LifecycleAction.Type.EXPIRE || referrer.status == ImageStatus.ACTIVE);
            if (follows) {
                act(referrer, type, rulePriority, now, referrers, done);
            }
        }
    }

    // ---- layers ------------------------------------------------------------------------------------------

    LayerUpload startUpload() {
        String uploadId = UUID.randomUUID().toString(); // rare: SecureRandom is fine here
        LayerUpload upload = new LayerUpload(uploadId, name, store.newWriter());
        uploads.put(uploadId, upload);
        return upload;
    }

    /** UploadLayerPart: parts must be contiguous from 0, and each part's range must match its size. */
    long uploadPart(String uploadId, long partFirstByte, long partLastByte, byte[] part) {
        LayerUpload upload = upload(uploadId);
        long received = upload.received();
        if (partFirstByte != received || partLastByte < partFirstByte
                || partLastByte - partFirstByte + 1 != part.length) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("registryId", registryId);
            details.put("repositoryName", name);
            details.put("uploadId", uploadId);
            if (received > 0) {
                details.put("lastValidByteReceived", received - 1);
            }
            throw new EcrError(ErrorCode.INVALID_LAYER_PART, "The layer part size is not valid, or the"
                    + " first byte specified is not consecutive to the last byte of a previous layer part upload.",
                    details);
        }
        upload.appendPart(part);
        return partLastByte;
    }

    /** CompleteLayerUpload: the upload ends whatever the outcome (unless not found); a refusal frees its bytes. */
    String completeUpload(String uploadId, List<String> layerDigests) {
        LayerUpload upload = upload(uploadId);
        uploads.remove(uploadId);
        if (upload.received() == 0) {
            upload.writer.discard();
            throw new EcrError(ErrorCode.EMPTY_UPLOAD, Messages.description(ErrorCode.EMPTY_UPLOAD));
        }
        // Only UploadLayerPart's parts have sizes to check: bytes streamed over /v2/ (either door may finish) have none.
        boolean smallPart = upload.partSizes.size() > 1 && upload.partSizes.subList(0, upload.partSizes.size() - 1).stream()
                .anyMatch(size -> size < MIN_PART_SIZE);
        String digest = upload.writer.finish();
        EcrError refusal = smallPart
                ? new EcrError(ErrorCode.LAYER_PART_TOO_SMALL, Messages.description(ErrorCode.LAYER_PART_TOO_SMALL))
                : !layerDigests.contains(digest)
                ? new EcrError(ErrorCode.INVALID_LAYER, "The calculated layer digest '" + digest
                        + "' does not match the provided layer digests " + layerDigests) // [infer] wording
                : blobs.containsKey(digest)
                ? new EcrError(ErrorCode.LAYER_ALREADY_EXISTS, Messages.layerAlreadyExists(digest, name, registryId))
                : null;
        if (refusal != null) {
            upload.writer.discard();
            throw refusal;
        }
        store.commit(upload.writer);
        blobs.put(digest, new Blob(digest, upload.received(), null));
        return digest;
    }

    /**
     * The registry endpoint's commit (PUT with {@code ?digest=}): the upload ends; a digest that does not match
     * the bytes is refused; a blob the repository already has is taken as pushed again, not refused.
     *
     * @throws EcrError {@code UploadNotFoundException}, or {@code InvalidLayerException} for a digest mismatch
     */
    String commitUpload(String uploadId, String expectedDigest) {
        LayerUpload upload = upload(uploadId);
        uploads.remove(uploadId);
        String digest = upload.writer.finish();
        if (!digest.equals(expectedDigest)) {
            upload.writer.discard();
            throw new EcrError(ErrorCode.INVALID_LAYER, "The calculated layer digest '" + digest
                    + "' does not match the provided layer digest '" + expectedDigest + "'"); // [infer] wording
        }
        long size = upload.received();
        store.commit(upload.writer);
        blobs.putIfAbsent(digest, new Blob(digest, size, null));
        return digest;
    }

    /** Ends an upload and drops its bytes (the registry endpoint's DELETE of an upload). */
    void cancelUpload(String uploadId) {
        upload(uploadId).writer.discard();
        uploads.remove(uploadId);
    }

    /** A blob this repository holds, for a mount into another repository of the registry. */
    Optional<Blob> blob(String digest) {
        return Optional.ofNullable(blobs.get(digest));
    }

    /** Adds a blob another repository of the registry holds (a cross-repository mount). */
    void mount(Blob blob) {
        blobs.putIfAbsent(blob.digest(), blob);
    }

    /** Adds a blob whose bytes a test or the blob store already holds under its digest. */
    void addBlob(String digest, long size) {
        blobs.putIfAbsent(digest, new Blob(digest, size, null));
    }

    Optional<LayerInfo> layer(String digest) {
        return Optional.ofNullable(blobs.get(digest)).map(this::layerInfo);
    }

    /** GetDownloadUrlForLayer's rules: the layer must be here, and named by one of the repository's images. */
    LayerInfo downloadableLayer(String digest) {
        Blob blob = blobs.get(digest);
        if (blob == null) {
            throw new EcrError(ErrorCode.LAYERS_NOT_FOUND, Messages.layersNotFound(List.of(digest), name, registryId));
        }
        if (!isReferenced(digest)) {
            throw new EcrError(ErrorCode.LAYER_INACCESSIBLE, Messages.description(ErrorCode.LAYER_INACCESSIBLE));
        }
        return layerInfo(blob);
    }

    /** The layer's bytes, if the repository holds the layer and the registry has its bytes. */
    Optional<BlobStore.Content> layerContent(String digest) {
        return blobs.containsKey(digest) ? store.content(digest) : Optional.empty();
    }

    private LayerInfo layerInfo(Blob blob) {
        return new LayerInfo(blob.digest(), blob.size(), blob.mediaType(), store.has(blob.digest()));
    }

    /** Whether a current image's manifest names this blob (only such layers can be downloaded or mounted). */
    boolean isReferenced(String blobDigest) {
        return images.values().stream()
                .anyMatch(i -> i.parsed.blobs().stream().anyMatch(b -> b.digest().equals(blobDigest)));
    }

    LayerUpload upload(String uploadId) {
        LayerUpload upload = uploads.get(uploadId);
        if (upload == null) {
            throw new EcrError(ErrorCode.UPLOAD_NOT_FOUND, Messages.uploadNotFound(uploadId, name, registryId));
        }
        return upload;
    }
}
