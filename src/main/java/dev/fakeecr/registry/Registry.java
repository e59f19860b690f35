package dev.fakeecr.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One account's private registry in one region, and ECR's rules for it. Knows nothing of HTTP or JSON
 * requests: callers hand it validated values and get snapshots back or an {@link EcrError}.
 *
 * <p>Thread-safe: every operation holds this registry's lock, so concurrent calls on one account see each
 * other's effects in some order, and calls on different accounts never contend.
 */
public final class Registry {
    private final String accountId;
    private final String region;
    private final Clock clock;
    private final RegistryLimits limits;
    /** Repositories by name; sorted, so listings are in name order. */
    private final TreeMap<String, Repository> repositories = new TreeMap<>();
    private long pushes;

    public Registry(String accountId, String region, Clock clock, RegistryLimits limits) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    /** The registry's time, for anything it stamps or expires. */
    public Instant now() {
        return clock.instant();
    }

    // ---- repositories -------------------------------------------------------------------------------

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

    /** All repositories, sorted by name. */
    public synchronized List<RepositoryInfo> repositories() {
        List<RepositoryInfo> all = new ArrayList<>(repositories.size());
        repositories.values().forEach(r -> all.add(r.info(accountId, region)));
        return all;
    }

    /** The named repository, or {@code RepositoryNotFoundException}. */
    public synchronized RepositoryInfo describeRepository(String name) {
        return existing(name).info(accountId, region);
    }

    public synchronized Optional<RepositoryInfo> findRepository(String name) {
        return Optional.ofNullable(repositories.get(name)).map(r -> r.info(accountId, region));
    }

    public synchronized RepositoryInfo deleteRepository(String name, boolean force) {
        Repository repository = existing(name);
        if (!repository.images.isEmpty() && !force) {
            throw new EcrError(ErrorCode.REPOSITORY_NOT_EMPTY, Messages.repositoryNotEmpty(name, accountId));
        }
        repositories.remove(name);
        return repository.info(accountId, region);
    }

    /** Sets the tag mutability; the next PutImage obeys it. */
    public synchronized RepositoryInfo putImageTagMutability(String name, TagMutability mutability,
                                                             List<ExclusionFilter> filters) {
        Repository repository = existing(name);
        repository.tagMutability = Objects.requireNonNull(mutability, "mutability");
        repository.exclusionFilters = List.copyOf(filters);
        return repository.info(accountId, region);
    }

    /** Adds or overwrites resource tags; the repository may hold at most 50. */
    public synchronized void tagRepository(String name, List<ResourceTag> tags) {
        Repository repository = existing(name);
        ResourceTags.check(tags);
        List<ResourceTag> merged = repository.resourceTagList();
        merged.removeIf(existing -> tags.stream().anyMatch(t -> t.key().equals(existing.key())));
        merged.addAll(tags);
        ResourceTags.check(merged);
        tags.forEach(t -> repository.resourceTags.put(t.key(), t.value()));
    }

    /** Removes resource tags by key; keys that are not there are ignored. */
    public synchronized void untagRepository(String name, List<String> keys) {
        Repository repository = existing(name);
        keys.forEach(repository.resourceTags::remove);
    }

    // ---- images ----------------------------------------------------------------------------------------

    /**
     * PutImage after parameter validation: ECR's checks from "repository exists" on, in ECR's order.
     *
     * @param mediaType the declared {@code imageManifestMediaType}, or null
     * @param tag the image tag, or null to store the image untagged
     * @param expectedDigest the caller's {@code imageDigest}, or null
     */
    public synchronized ImageInfo putImage(String repositoryName, String manifest, String mediaType, String tag,
                                           String expectedDigest) {
        Repository repository = existing(repositoryName);
        Manifest parsed = Manifest.parse(manifest, mediaType);
        String digest = Digests.of(manifest);
        if (expectedDigest != null && !expectedDigest.equals(digest)) {
            throw new EcrError(ErrorCode.IMAGE_DIGEST_DOES_NOT_MATCH, "The image digest '" + expectedDigest
                    + "' provided does not match the digest '" + digest + "' calculated for the image manifest");
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
        if (existing == null && repository.images.size() >= limits.maxImagesPerRepository()) {
            throw new EcrError(ErrorCode.LIMIT_EXCEEDED,
                    "The maximum number of images per repository has been reached"); // [infer] wording
        }
        StoredImage image = existing;
        if (image == null) {
            image = new StoredImage(++pushes, digest, manifest, parsed, sizeOf(repository, parsed), clock.instant());
            repository.images.put(digest, image);
        }
        if (tag != null) {
            repository.attachTag(tag, image);
        }
        return repository.info(accountId, image);
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
     * @param acceptedMediaTypes the media types the caller accepts, or null for all
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
     */
    public synchronized List<ImageInfo> describeImages(String repositoryName, List<ImageId> ids) {
        Repository repository = existing(repositoryName);
        List<ImageInfo> found = new ArrayList<>(ids.size());
        for (ImageId id : ids) {
            ImageLookup lookup = lookUp(repository, id);
            if (lookup.failure != null) {
                throw new EcrError(ErrorCode.IMAGE_NOT_FOUND,
                        Messages.imageNotFound(id.digest(), id.tag(), repositoryName, accountId));
            }
            found.add(repository.info(accountId, lookup.image));
        }
        return found;
    }

    /** The repository's images in push order, or {@code RepositoryNotFoundException}. */
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
