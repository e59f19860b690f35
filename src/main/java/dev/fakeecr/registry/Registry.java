package dev.fakeecr.registry;

import java.time.Clock;
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
    /** Repositories by name; sorted, so listings and page tokens are stable. */
    private final TreeMap<String, Repository> repositories = new TreeMap<>();

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

    public synchronized RepositoryInfo createRepository(RepositorySettings settings) {
        ResourceTags.check(settings.tags());
        if (repositories.containsKey(settings.name())) {
            throw new EcrError(ErrorCode.REPOSITORY_ALREADY_EXISTS, "The repository with name '" + settings.name()
                    + "' already exists in the registry with id '" + accountId + "'");
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
            throw new EcrError(ErrorCode.REPOSITORY_NOT_EMPTY, "The repository with name '" + name
                    + "' in registry with id '" + accountId + "' cannot be deleted because it still contains images");
        }
        repositories.remove(name);
        return repository.info(accountId, region);
    }

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
            throw new EcrError(ErrorCode.IMAGE_ALREADY_EXISTS, "Image with digest '" + digest + "' and tag '" + tag
                    + "' already exists in the repository with name '" + repositoryName + "' in registry with id '"
                    + accountId + "'");
        }
        RepositorySettings settings = repository.settings;
        if (taggedDigest != null && settings.tagMutability().isImmutable(tag, settings.exclusionFilters())) {
            throw new EcrError(ErrorCode.IMAGE_TAG_ALREADY_EXISTS, "The image tag '" + tag + "' already exists in the '"
                    + repositoryName + "' repository and cannot be overwritten because the tag is immutable.");
        }
        if (existing == null && repository.images.size() >= limits.maxImagesPerRepository()) {
            throw new EcrError(ErrorCode.LIMIT_EXCEEDED,
                    "The maximum number of images per repository has been reached"); // [infer] wording
        }
        StoredImage image = existing != null ? existing : new StoredImage(digest, manifest, parsed, clock.instant());
        repository.images.putIfAbsent(digest, image);
        if (tag != null) {
            repository.attachTag(tag, image);
        }
        return repository.info(accountId, image);
    }

    /**
     * BatchGetImage after parameter validation. Each id succeeds or fails on its own.
     *
     * @param acceptedMediaTypes the media types the caller accepts, or null for all
     */
    public synchronized BatchGetImageResult batchGetImage(String repositoryName, List<ImageId> ids,
                                                          List<String> acceptedMediaTypes) {
        Repository repository = existing(repositoryName);
        List<BatchGetImageResult.FoundImage> found = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ImageId id : ids) {
            ImageLookup lookup = lookUp(repository, id);
            if (lookup.failure != null) {
                failures.add(lookup.failure);
            } else if (acceptedMediaTypes != null
                    && !acceptedMediaTypes.contains(lookup.image.parsed.mediaType())) {
                // [infer] ECR may convert between formats; refusing as not found is the safe answer.
                failures.add(ImageFailure.notFound(id));
            } else {
                found.add(new BatchGetImageResult.FoundImage(id, repository.info(accountId, lookup.image)));
            }
        }
        return new BatchGetImageResult(found, failures);
    }

    /** The repository's images in push order, or {@code RepositoryNotFoundException}. */
    public synchronized List<ImageInfo> images(String repositoryName) {
        Repository repository = existing(repositoryName);
        List<ImageInfo> images = new ArrayList<>(repository.images.size());
        repository.imagesInPushOrder().forEach(i -> images.add(repository.info(accountId, i)));
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
            throw new EcrError(ErrorCode.REPOSITORY_NOT_FOUND, "The repository with name '" + name
                    + "' does not exist in the registry with id '" + accountId + "'");
        }
        return repository;
    }
}
