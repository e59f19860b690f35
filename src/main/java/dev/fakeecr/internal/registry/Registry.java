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
    /** The account settings put (BLOB_MOUNTING among them); a setting not here has its default. */
    private final java.util.EnumMap<AccountSetting, String> accountSettings = new java.util.EnumMap<>(AccountSetting.class);
    /** The registry policy, as given, or null. */
    private String registryPolicy;
    /** The scanning configuration put, or null while repositories' own flags decide scan on push. */
    private ScanningConfiguration scanning;
    /** Repository creation templates by prefix. */
    private final TreeMap<String, CreationTemplate> templates = new TreeMap<>();
    /** The managed signing configuration, or null. */
    private SigningConfiguration signing;
    /** Principals whose pulls leave lastRecordedPullTime alone, by ARN, in registration order. */
    private final java.util.LinkedHashMap<String, PullTimeExclusion> pullTimeExclusions = new java.util.LinkedHashMap<>();
    /** Pull through cache rules by ECR repository prefix. */
    private final TreeMap<String, PullThroughCacheRule> pullThroughCacheRules = new TreeMap<>();
    /** Where pushes are copied. */
    /** Written under the lock; volatile so that every push can ask {@link #replicates()} without it. */
    private volatile ReplicationConfiguration replication = ReplicationConfiguration.NONE;

    /**
     * An empty registry.
     *
     * @param accountId the account that owns it
     * @param region the region it is in
     * @param clock the source of every time it records: creation, push, pull and scan times
     * @param config its quotas and layer checks
     */
    public Registry(String accountId, String region, Clock clock, RegistryConfig config) {
        this(accountId, region, clock, config, MemoryBudget.UNBOUNDED);
    }

    /**
     * An empty registry whose heap-held layer bytes also count against a server-wide budget.
     *
     * @param accountId the account that owns it
     * @param region the region it is in
     * @param clock the source of every time it records
     * @param config its quotas and layer checks
     * @param budget the server-wide bound on layer bytes on the heap
     */
    public Registry(String accountId, String region, Clock clock, RegistryConfig config, MemoryBudget budget) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.blobs = new BlobStore(config.layerBytesRetained(), Objects.requireNonNull(budget, "budget"));
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

    // ---- registry-level settings ---------------------------------------------------------------------

    /**
     * GetAccountSetting: the value put, or the setting's default.
     *
     * @param name the setting's name
     * @return its value
     * @throws EcrError {@code InvalidParameterException} for a name ECR does not have
     */
    public synchronized String accountSetting(String name) {
        AccountSetting setting = AccountSetting.named(name);
        return accountSettings.getOrDefault(setting, setting.defaultValue());
    }

    /**
     * PutAccountSetting.
     *
     * @param name the setting's name
     * @param value its new value
     * @return {@code value}
     * @throws EcrError {@code InvalidParameterException} for a name ECR does not have, or a value the setting
     *     does not take
     */
    public synchronized String putAccountSetting(String name, String value) {
        AccountSetting setting = AccountSetting.named(name);
        accountSettings.put(setting, setting.checked(value));
        return value;
    }

    /**
     * Whether the registry endpoint may mount blobs across repositories ({@code BLOB_MOUNTING} is {@code ENABLED}).
     *
     * @return the setting, as a boolean
     */
    public synchronized boolean blobMountingEnabled() {
        return "ENABLED".equals(accountSetting(AccountSetting.BLOB_MOUNTING.name()));
    }

    /**
     * PutRegistryPolicy: replaces the registry policy (stored and returned; not enforced).
     *
     * @param policyText the policy, already validated
     * @return {@code policyText}
     */
    public synchronized String putRegistryPolicy(String policyText) {
        registryPolicy = Objects.requireNonNull(policyText, "policyText");
        return policyText;
    }

    /**
     * Whether the registry has a registry policy (cross-account replication into it needs one).
     *
     * @return whether one is set
     */
    public synchronized boolean hasRegistryPolicy() {
        return registryPolicy != null;
    }

    /**
     * GetRegistryPolicy.
     *
     * @return the policy, as put
     * @throws EcrError {@code RegistryPolicyNotFoundException} if there is none
     */
    public synchronized String registryPolicy() {
        if (registryPolicy == null) {
            throw new EcrError(ErrorCode.REGISTRY_POLICY_NOT_FOUND, Messages.registryPolicyNotFound(accountId));
        }
        return registryPolicy;
    }

    /**
     * DeleteRegistryPolicy.
     *
     * @return the policy that was removed
     * @throws EcrError {@code RegistryPolicyNotFoundException} if there is none
     */
    public synchronized String deleteRegistryPolicy() {
        String removed = registryPolicy();
        registryPolicy = null;
        return removed;
    }

    /**
     * PutRegistryScanningConfiguration: from now on the configuration's rules, not repositories' own flags,
     * decide which pushes are scanned.
     *
     * @param configuration the new configuration
     * @return the configuration
     * @throws EcrError {@code InvalidParameterException} for a continuous rule with basic scanning
     */
    public synchronized ScanningConfiguration putScanningConfiguration(ScanningConfiguration configuration) {
        scanning = configuration.checked();
        return scanning;
    }

    /**
     * GetRegistryScanningConfiguration.
     *
     * @return the configuration put, or {@link ScanningConfiguration#DEFAULT}
     */
    public synchronized ScanningConfiguration scanningConfiguration() {
        return scanning == null ? ScanningConfiguration.DEFAULT : scanning;
    }

    /**
     * BatchGetRepositoryScanningConfiguration's answer for one repository.
     *
     * @param repositoryName the repository
     * @return how it is scanned, or empty if there is no such repository
     */
    public synchronized Optional<RepositoryScanning> repositoryScanning(String repositoryName) {
        Repository repository = repositories.get(repositoryName);
        if (repository == null) {
            return Optional.empty();
        }
        ScanningConfiguration.Applied applied = scanningOf(repository);
        return Optional.of(new RepositoryScanning(repository.info(region), applied.scansOnPush(),
                applied.scanFrequency(), applied.filters()));
    }

    /**
     * [infer] Once a registry scanning configuration is put, its rules decide for every repository and the
     * repository's own scanOnPush flag is ignored, as the user guide says registry filters override it.
     */
    private ScanningConfiguration.Applied scanningOf(Repository repository) {
        if (scanning == null) {
            return new ScanningConfiguration.Applied(repository.scanOnPush ? "SCAN_ON_PUSH" : "MANUAL", List.of());
        }
        return scanning.appliedTo(repository.name);
    }

    // ---- replication (the copying itself is internal.account's Replication, across registries) -------------

    /**
     * PutReplicationConfiguration: replaces the configuration; pushes from now on are copied by it (earlier
     * images are not, as in ECR).
     *
     * @param configuration the new configuration, its members already validated
     * @return the configuration
     * @throws EcrError {@code InvalidParameterException} for a destination that is this registry, or more than
     *     25 unique destinations
     */
    public synchronized ReplicationConfiguration putReplicationConfiguration(ReplicationConfiguration configuration) {
        replication = configuration.checked(accountId, region);
        return replication;
    }

    /**
     * Whether a replication rule exists, asked without the lock on every push (a configuration put while a
     * push is in flight may or may not apply to it, as with any two concurrent calls).
     *
     * @return whether the replication configuration has rules
     */
    public boolean replicates() {
        return !replication.rules().isEmpty();
    }

    /**
     * The replication configuration (DescribeRegistry).
     *
     * @return the configuration put, or one without rules
     */
    public synchronized ReplicationConfiguration replicationConfiguration() {
        return replication;
    }

    /**
     * What a push of this image copies, if the replication configuration sends its repository anywhere; each
     * destination is recorded as {@code IN_PROGRESS} until {@link #recordReplication} says otherwise.
     *
     * @param repositoryName the repository pushed to
     * @param digest the image pushed
     * @param tag the tag pushed, or null
     * @return the copy to make, or empty if the image is gone or no rule matches its repository
     */
    public synchronized Optional<Replica> replicaOf(String repositoryName, String digest, String tag) {
        Repository repository = repositories.get(repositoryName);
        StoredImage image = repository == null ? null : repository.images.get(digest);
        List<ReplicationConfiguration.Destination> destinations = replication.destinationsFor(repositoryName);
        if (image == null || destinations.isEmpty()) {
            return Optional.empty();
        }
        destinations.forEach(d -> image.replication().put(d, new ReplicationStatus(d, "IN_PROGRESS", null)));
        return Optional.of(copyOf(repository, image, tag, destinations));
    }

    private Replica copyOf(Repository repository, StoredImage image, String tag,
                           List<ReplicationConfiguration.Destination> destinations) {
        List<Replica> children = new ArrayList<>();
        for (String child : image.parsed.referencedManifests()) {
            StoredImage childImage = repository.images.get(child);
            if (childImage != null) {
                children.add(copyOf(repository, childImage, null, List.of()));
            }
        }
        java.util.Map<String, BlobStore.Content> bytes = new java.util.HashMap<>();
        image.parsed.blobs().forEach(b -> repository.layerContent(b.digest()).ifPresent(v -> bytes.put(b.digest(), v)));
        return new Replica(repository.name, image.digest, image.manifest, image.parsed.mediaType(), tag, children,
                bytes, destinations);
    }

    /**
     * Records where the copy of an image to one destination stands; nothing if the image is gone.
     *
     * @param repositoryName the repository
     * @param digest the image
     * @param status the destination's status
     */
    public synchronized void recordReplication(String repositoryName, String digest, ReplicationStatus status) {
        Repository repository = repositories.get(repositoryName);
        StoredImage image = repository == null ? null : repository.images.get(digest);
        if (image != null) {
            image.replication().put(status.destination(), status);
        }
    }

    /**
     * DescribeImageReplicationStatus: one status per destination its pushes were sent to.
     *
     * @param repositoryName the repository
     * @param id the image, by tag, digest or both
     * @return the statuses, in destination order; empty if it was never replicated
     */
    public synchronized List<ReplicationStatus> replicationStatuses(String repositoryName, ImageId id) {
        return List.copyOf(existing(repositoryName).found(id).replicationStatuses());
    }

    /**
     * Receives a copy pushed to another registry: creates the repository when it does not exist (with the
     * settings of the longest-prefix creation template applied for {@code REPLICATION}), then stores the
     * images a manifest list names and the image, with the tag pushed and the layer bytes that came along.
     * The same copy twice changes nothing.
     *
     * @param replica the copy
     * @throws EcrError what the destination refuses, e.g. {@code ImageTagAlreadyExistsException} for a tag it
     *     holds immutable on another image
     */
    public synchronized void receiveReplica(Replica replica) {
        Repository repository = repositories.get(replica.repositoryName());
        if (repository == null) {
            repository = createOnBehalf(replica.repositoryName(), "REPLICATION");
        }
        for (Replica child : replica.children()) {
            storeCopy(repository, child);
        }
        storeCopy(repository, replica);
    }

    private void storeCopy(Repository repository, Replica copy) {
        StoredImage existing = repository.images.get(copy.digest());
        if (existing != null && (copy.tag() == null || existing.tags().contains(copy.tag()))) {
            return;
        }
        Manifest parsed = Manifest.parse(copy.manifest(), copy.mediaType());
        repository.put(copy.manifest(), parsed, copy.digest(), copy.tag(), true, config, () -> ++pushes,
                clock.instant(), scanningOf(repository).scansOnPush());
    }

    /**
     * Copies a blob's bytes from another registry into this one's store, without this registry's lock (the
     * store has its own), so a big layer does not hold up the registry; {@link #receiveReplica} then records
     * the blobs in the repository.
     *
     * @param content the bytes, as the other registry stores them
     * @throws java.io.UncheckedIOException if the other registry was released meanwhile
     */
    public void importBlob(BlobStore.Content content) {
        BlobStore.Writer writer = blobs.newWriter();
        try (java.io.InputStream in = content.open(0, content.size())) {
            writer.write(in, content.size());
        } catch (java.io.IOException e) {
            writer.discard();
            throw new java.io.UncheckedIOException(e);
        }
        blobs.commit(writer);
    }

    // ---- repository creation templates, applied to repositories ECR creates on the user's behalf ------------

    /**
     * CreateRepositoryCreationTemplate.
     *
     * @param template the template, its members validated
     * @return the template as stored
     * @throws EcrError {@code TemplateAlreadyExistsException} for a prefix that has one, or the resource tag errors
     */
    public synchronized CreationTemplate createTemplate(CreationTemplate template) {
        ResourceTags.check(template.resourceTags());
        if (templates.containsKey(template.prefix())) {
            throw new EcrError(ErrorCode.TEMPLATE_ALREADY_EXISTS, Messages.templateAlreadyExists(template.prefix(), accountId));
        }
        Instant now = clock.instant();
        CreationTemplate stored = withTimes(template, now, now);
        templates.put(stored.prefix(), stored);
        return stored;
    }

    /**
     * UpdateRepositoryCreationTemplate: the template as {@code change} computes it from the stored one.
     *
     * @param prefix the template's prefix
     * @param change what the update makes of the stored template
     * @return the template as stored now
     * @throws EcrError {@code TemplateNotFoundException}
     */
    public synchronized CreationTemplate updateTemplate(String prefix,
                                                        java.util.function.UnaryOperator<CreationTemplate> change) {
        CreationTemplate updated = change.apply(template(prefix));
        ResourceTags.check(updated.resourceTags());
        CreationTemplate stored = withTimes(updated, template(prefix).createdAt(), clock.instant());
        templates.put(prefix, stored);
        return stored;
    }

    /**
     * DeleteRepositoryCreationTemplate.
     *
     * @param prefix the template's prefix
     * @return the template that was removed
     * @throws EcrError {@code TemplateNotFoundException}
     */
    public synchronized CreationTemplate deleteTemplate(String prefix) {
        return templates.remove(template(prefix).prefix());
    }

    /**
     * DescribeRepositoryCreationTemplates: all templates, or those of the prefixes given (others ignored), by prefix.
     *
     * @param prefixes the prefixes, or null for all
     * @return the templates
     */
    public synchronized List<CreationTemplate> templates(List<String> prefixes) {
        return templates.values().stream().filter(t -> prefixes == null || prefixes.contains(t.prefix())).toList();
    }

    private CreationTemplate template(String prefix) {
        CreationTemplate template = templates.get(prefix);
        if (template == null) {
            throw new EcrError(ErrorCode.TEMPLATE_NOT_FOUND, Messages.templateNotFound(prefix, accountId));
        }
        return template;
    }

    private static CreationTemplate withTimes(CreationTemplate t, Instant createdAt, Instant updatedAt) {
        return new CreationTemplate(t.prefix(), t.description(), t.encryptionType(), t.kmsKey(), t.resourceTags(),
                t.tagMutability(), t.exclusionFilters(), t.repositoryPolicy(), t.lifecyclePolicy(), t.appliedFor(),
                t.customRoleArn(), createdAt, updatedAt);
    }

    /**
     * The template that applies when ECR creates this repository for this purpose: the longest prefix covering
     * it among the templates applied for the purpose, else the ROOT template if it is applied for it.
     *
     * @param repositoryName the repository
     * @param purpose {@code REPLICATION}, {@code PULL_THROUGH_CACHE} or {@code CREATE_ON_PUSH}
     * @return the template, or empty for ECR's defaults
     */
    public synchronized Optional<CreationTemplate> templateFor(String repositoryName, String purpose) {
        return templates.values().stream()
                .filter(t -> t.appliedFor().contains(purpose) && t.covers(repositoryName))
                .max(java.util.Comparator.comparingInt(CreationTemplate::specificity));
    }

    /**
     * The registry endpoint's create on push: a push to a repository that does not exist creates it when a
     * template applied for {@code CREATE_ON_PUSH} covers its name.
     *
     * @param repositoryName the repository pushed to
     * @return the repository created, or empty if it exists already or no template covers it
     */
    public synchronized Optional<RepositoryInfo> createOnPush(String repositoryName) {
        if (repositories.containsKey(repositoryName) || templateFor(repositoryName, "CREATE_ON_PUSH").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(createOnBehalf(repositoryName, "CREATE_ON_PUSH").info(region));
    }

    /**
     * Creates a repository on the user's behalf, with the matching template's settings and policies applied
     * (ECR's defaults when none matches).
     */
    Repository createOnBehalf(String repositoryName, String purpose) {
        Optional<CreationTemplate> template = templateFor(repositoryName, purpose);
        createRepository(template.map(t -> t.settingsFor(repositoryName))
                .orElseGet(() -> RepositorySettings.named(repositoryName)));
        Repository repository = repositories.get(repositoryName);
        template.ifPresent(t -> {
            if (t.repositoryPolicy() != null && !t.repositoryPolicy().isEmpty()) {
                repository.setPolicy(PolicyKind.REPOSITORY, t.repositoryPolicy());
            }
            if (t.lifecyclePolicy() != null && !t.lifecyclePolicy().isEmpty()) {
                putLifecyclePolicy(repositoryName, t.lifecyclePolicy()); // stored as PutLifecyclePolicy stores it
            }
        });
        return repository;
    }

    // ---- managed signing (the fake signs nothing; the test sets each outcome) -------------------------------

    /**
     * PutSigningConfiguration: pushes from now on to repositories its rules match report a signing status
     * per profile.
     *
     * @param configuration the configuration, validated
     * @return the configuration
     */
    public synchronized SigningConfiguration putSigningConfiguration(SigningConfiguration configuration) {
        signing = Objects.requireNonNull(configuration, "configuration");
        return signing;
    }

    /**
     * GetSigningConfiguration.
     *
     * @return the configuration
     * @throws EcrError {@code SigningConfigurationNotFoundException} if none is set
     */
    public synchronized SigningConfiguration signingConfiguration() {
        if (signing == null) {
            throw new EcrError(ErrorCode.SIGNING_CONFIGURATION_NOT_FOUND, Messages.signingConfigurationNotFound(accountId));
        }
        return signing;
    }

    /**
     * DeleteSigningConfiguration: pushes are no longer signed.
     *
     * @return the configuration removed
     * @throws EcrError {@code SigningConfigurationNotFoundException} if none is set
     */
    public synchronized SigningConfiguration deleteSigningConfiguration() {
        SigningConfiguration removed = signingConfiguration();
        signing = null;
        return removed;
    }

    /**
     * DescribeImageSigningStatus: one status per signing profile its push matched.
     *
     * @param repositoryName the repository
     * @param id the image
     * @return the statuses
     */
    public synchronized List<SigningStatus> signingStatuses(String repositoryName, ImageId id) {
        return List.copyOf(existing(repositoryName).found(id).signingStatuses());
    }

    /**
     * Sets an image's signing outcome with one profile, as AWS Signer would have produced it.
     *
     * @param repositoryName the repository
     * @param tagOrDigest the image
     * @param status the outcome
     * @throws EcrError {@code ImageNotFoundException} if no image has that tag or digest
     */
    public synchronized void setSigningStatus(String repositoryName, String tagOrDigest, SigningStatus status) {
        Repository repository = existing(repositoryName);
        StoredImage image = repository.find(tagOrDigest).orElseThrow(() -> new EcrError(ErrorCode.IMAGE_NOT_FOUND,
                Messages.imageNotFound(tagOrDigest.contains(":") ? tagOrDigest : null,
                        tagOrDigest.contains(":") ? null : tagOrDigest, repositoryName, accountId)));
        image.signing().put(status.signingProfileArn(), status);
    }

    // ---- pull time update exclusions ------------------------------------------------------------------

    /**
     * RegisterPullTimeUpdateExclusion.
     *
     * @param principalArn the principal, validated
     * @return the exclusion
     * @throws EcrError {@code ExclusionAlreadyExistsException}
     */
    public synchronized PullTimeExclusion registerPullTimeExclusion(String principalArn) {
        if (pullTimeExclusions.containsKey(principalArn)) {
            throw new EcrError(ErrorCode.EXCLUSION_ALREADY_EXISTS, Messages.exclusionAlreadyExists(principalArn, accountId));
        }
        PullTimeExclusion exclusion = new PullTimeExclusion(principalArn, clock.instant());
        pullTimeExclusions.put(principalArn, exclusion);
        return exclusion;
    }

    /**
     * DeregisterPullTimeUpdateExclusion.
     *
     * @param principalArn the principal
     * @return the exclusion removed
     * @throws EcrError {@code ExclusionNotFoundException}
     */
    public synchronized PullTimeExclusion deregisterPullTimeExclusion(String principalArn) {
        PullTimeExclusion removed = pullTimeExclusions.remove(principalArn);
        if (removed == null) {
            throw new EcrError(ErrorCode.EXCLUSION_NOT_FOUND, Messages.exclusionNotFound(principalArn, accountId));
        }
        return removed;
    }

    /**
     * ListPullTimeUpdateExclusions.
     *
     * @return the exclusions, in registration order
     */
    public synchronized List<PullTimeExclusion> pullTimeExclusions() {
        return List.copyOf(pullTimeExclusions.values());
    }

    // ---- referrers (also for the registry endpoint's referrers API) -----------------------------------------

    /**
     * The images of the repository whose manifest's {@code subject} names this digest (the subject need not
     * be in the repository), in push order.
     *
     * @param repositoryName the repository
     * @param subjectDigest the subject's digest
     * @param artifactTypes only referrers of these artifact types, or null for all
     * @return the referrers
     */
    public synchronized List<Referrer> referrers(String repositoryName, String subjectDigest, List<String> artifactTypes) {
        List<Referrer> referrers = new ArrayList<>();
        for (StoredImage image : existing(repositoryName).images.values()) {
            if (!subjectDigest.equals(image.parsed.subjectDigest())) {
                continue;
            }
            String artifactType = image.parsed.artifactMediaType();
            if (artifactTypes != null && !artifactTypes.contains(artifactType)) {
                continue;
            }
            referrers.add(new Referrer(image.digest, image.parsed.mediaType(), artifactType,
                    image.manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                    Annotations.of(image.manifest), image.status));
        }
        return referrers;
    }

    // ---- pull through cache (the upstream is what internal.account's PullThroughCache fetches) -------------

    /**
     * CreatePullThroughCacheRule.
     *
     * @param rule the rule, validated
     * @return the rule as stored
     * @throws EcrError {@code PullThroughCacheRuleAlreadyExistsException} for a prefix that has one
     */
    public synchronized PullThroughCacheRule createPullThroughCacheRule(PullThroughCacheRule rule) {
        if (pullThroughCacheRules.containsKey(rule.ecrRepositoryPrefix())) {
            throw new EcrError(ErrorCode.PULL_THROUGH_CACHE_RULE_ALREADY_EXISTS,
                    Messages.pullThroughCacheRuleAlreadyExists(rule.ecrRepositoryPrefix(), accountId));
        }
        Instant now = clock.instant();
        PullThroughCacheRule stored = new PullThroughCacheRule(rule.ecrRepositoryPrefix(), rule.upstreamRegistryUrl(),
                rule.upstreamRegistry(), rule.credentialArn(), rule.customRoleArn(), rule.upstreamRepositoryPrefix(),
                now, now);
        pullThroughCacheRules.put(stored.ecrRepositoryPrefix(), stored);
        return stored;
    }

    /**
     * A pull through cache rule by prefix.
     *
     * @param ecrRepositoryPrefix the prefix
     * @return the rule
     * @throws EcrError {@code PullThroughCacheRuleNotFoundException}
     */
    public synchronized PullThroughCacheRule pullThroughCacheRule(String ecrRepositoryPrefix) {
        PullThroughCacheRule rule = pullThroughCacheRules.get(ecrRepositoryPrefix);
        if (rule == null) {
            throw new EcrError(ErrorCode.PULL_THROUGH_CACHE_RULE_NOT_FOUND,
                    Messages.pullThroughCacheRuleNotFound(ecrRepositoryPrefix, accountId));
        }
        return rule;
    }

    /**
     * DescribePullThroughCacheRules: all rules, or those of the prefixes given (each must exist), by prefix.
     *
     * @param prefixes the prefixes, or null for all
     * @return the rules
     */
    public synchronized List<PullThroughCacheRule> pullThroughCacheRules(List<String> prefixes) {
        if (prefixes == null) {
            return List.copyOf(pullThroughCacheRules.values());
        }
        prefixes.forEach(this::pullThroughCacheRule);
        return pullThroughCacheRules.values().stream().filter(r -> prefixes.contains(r.ecrRepositoryPrefix())).toList();
    }

    /**
     * UpdatePullThroughCacheRule: new credentials and role.
     *
     * @param ecrRepositoryPrefix the prefix
     * @param credentialArn the new credential, or null to keep it
     * @param customRoleArn the new role, or null to keep it
     * @return the rule as stored now
     */
    public synchronized PullThroughCacheRule updatePullThroughCacheRule(String ecrRepositoryPrefix, String credentialArn,
                                                                        String customRoleArn) {
        PullThroughCacheRule rule = pullThroughCacheRule(ecrRepositoryPrefix);
        PullThroughCacheRule updated = rule.updated(credentialArn != null ? credentialArn : rule.credentialArn(),
                customRoleArn != null ? customRoleArn : rule.customRoleArn(), clock.instant());
        pullThroughCacheRules.put(ecrRepositoryPrefix, updated);
        return updated;
    }

    /**
     * DeletePullThroughCacheRule; repositories it created stay.
     *
     * @param ecrRepositoryPrefix the prefix
     * @return the rule removed
     */
    public synchronized PullThroughCacheRule deletePullThroughCacheRule(String ecrRepositoryPrefix) {
        return pullThroughCacheRules.remove(pullThroughCacheRule(ecrRepositoryPrefix).ecrRepositoryPrefix());
    }

    /**
     * What a pull of this repository would cache through: the rule with the longest prefix covering it.
     *
     * @param repositoryName the repository pulled
     * @return the rule and the upstream repository, or empty if no rule covers the name
     */
    public synchronized Optional<java.util.Map.Entry<PullThroughCacheRule, String>> pullThroughCacheFor(String repositoryName) {
        return pullThroughCacheRules.values().stream()
                .filter(r -> r.upstreamRepository(repositoryName).isPresent())
                .max(java.util.Comparator.comparingInt(PullThroughCacheRule::specificity))
                .map(r -> java.util.Map.entry(r, r.upstreamRepository(repositoryName).orElseThrow()));
    }

    /**
     * Whether the repository holds an image by this tag or digest (a missing repository holds none).
     *
     * @param repositoryName the repository
     * @param tagOrDigest the tag or digest
     * @return whether it is cached
     */
    public synchronized boolean holds(String repositoryName, String tagOrDigest) {
        Repository repository = repositories.get(repositoryName);
        return repository != null && repository.find(tagOrDigest).isPresent();
    }

    /**
     * Caches an image fetched from upstream: creates the repository on first pull (with the creation template
     * applied for {@code PULL_THROUGH_CACHE}), then stores the image under the tag, its blobs taken as present.
     *
     * @param repositoryName the repository
     * @param image the upstream image
     * @param tag the tag it was pulled by, or null when pulled by digest
     */
    public synchronized void cacheUpstreamImage(String repositoryName, UpstreamImage image, String tag) {
        Repository repository = repositories.get(repositoryName);
        if (repository == null) {
            repository = createOnBehalf(repositoryName, "PULL_THROUGH_CACHE");
        }
        String digest = Digests.of(image.manifest());
        StoredImage existing = repository.images.get(digest);
        if (existing != null && (tag == null || existing.tags().contains(tag))) {
            return;
        }
        Manifest parsed = Manifest.parse(image.manifest(), image.mediaType());
        repository.put(image.manifest(), parsed, digest, tag, true, config, () -> ++pushes, clock.instant(),
                scanningOf(repository).scansOnPush());
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
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8); // read once, for the parse and the digest
        Manifest parsed = Manifest.parse(manifest, bytes, mediaType);
        String digest = Digests.of(bytes);
        if (expectedDigest != null && !expectedDigest.equals(digest)) {
            throw new EcrError(ErrorCode.IMAGE_DIGEST_DOES_NOT_MATCH, "The image digest '" + expectedDigest
                    + "' provided does not match the digest '" + digest + "' calculated for the image manifest");
        }
        boolean isNew = !repository.images.containsKey(digest);
        StoredImage image = repository.put(manifest, parsed, digest, tag, blobsGiven, config, () -> ++pushes,
                clock.instant(), scanningOf(repository).scansOnPush());
        if (isNew && signing != null) {
            // The fake signs nothing: a matching push reports what ECR reports first, until the test sets an outcome.
            signing.profilesFor(repositoryName).forEach(profile ->
                    image.signing().put(profile, new SigningStatus(profile, "IN_PROGRESS", null, null)));
        }
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
     * Sets the account setting {@code BLOB_MOUNTING}, as PutAccountSetting does.
     *
     * @param enabled whether blob mounts are honoured
     */
    public synchronized void setBlobMounting(boolean enabled) {
        putAccountSetting(AccountSetting.BLOB_MOUNTING.name(), enabled ? "ENABLED" : "DISABLED");
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
        return batchGetImage(repositoryName, ids, acceptedMediaTypes, null);
    }

    /**
     * As {@link #batchGetImage(String, List, List)}, by a principal: a principal excluded from pull time
     * updates pulls without moving {@code lastRecordedPullTime}.
     *
     * @param repositoryName the repository's name
     * @param ids the images asked for
     * @param acceptedMediaTypes the media types the caller accepts, or null for all
     * @param principalArn the puller, or null when unknown
     * @return the images found and the failures
     */
    public synchronized BatchGetImageResult batchGetImage(String repositoryName, List<ImageId> ids,
                                                          List<String> acceptedMediaTypes, String principalArn) {
        boolean recordPull = principalArn == null || !pullTimeExclusions.containsKey(principalArn);
        return existing(repositoryName).batchGet(ids, acceptedMediaTypes, clock.instant(), recordPull);
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
