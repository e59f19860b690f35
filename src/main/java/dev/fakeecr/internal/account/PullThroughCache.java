package dev.fakeecr.internal.account;

import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.internal.registry.Messages;
import dev.fakeecr.internal.registry.PullThroughCacheRule;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.internal.registry.UpstreamImage;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import dev.fakeecr.registry.ImageInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pull through cache, the fetching side: before a pull (BatchGetImage, and the registry endpoint's manifest
 * GET), an image the repository does not hold is fetched from the upstream its pull through cache rule names
 * and cached, creating the repository on first pull. The fake has no internet: an ECR upstream
 * ({@code <account>.dkr.ecr.<region>.amazonaws.com}) is that account's registry in this server; any other
 * upstream holds what the test put in the pulling account's {@link Upstreams}.
 */
public final class PullThroughCache {
    private static final Pattern ECR_URL = Pattern.compile("([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

    private final Accounts accounts;

    PullThroughCache(Accounts accounts) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
    }

    /**
     * One account's upstream registries, as a test fills them: images by registry URL, repository and tag or
     * digest, and which registries are unreachable. Thread-safe.
     */
    public static final class Upstreams {
        private final Map<String, Map<String, UpstreamImage>> images = new HashMap<>();
        private final Set<String> unreachable = new HashSet<>();

        /**
         * Makes an image available upstream, by tag (when given) and by digest.
         *
         * @param registryUrl the upstream registry, e.g. {@code registry-1.docker.io}
         * @param repository the upstream repository, e.g. {@code library/alpine}
         * @param tag the tag, or null
         * @param digest the image's digest
         * @param image the image
         */
        public synchronized void put(String registryUrl, String repository, String tag, String digest, UpstreamImage image) {
            Map<String, UpstreamImage> byRef = images.computeIfAbsent(registryUrl + "/" + repository, k -> new HashMap<>());
            byRef.put(digest, image);
            if (tag != null) {
                byRef.put(tag, image);
            }
        }

        /**
         * Makes an upstream registry unreachable (ValidatePullThroughCacheRule reports it, pulls fail) or reachable.
         *
         * @param registryUrl the upstream registry
         * @param reachable whether it answers
         */
        public synchronized void setReachable(String registryUrl, boolean reachable) {
            if (reachable) {
                unreachable.remove(registryUrl);
            } else {
                unreachable.add(registryUrl);
            }
        }

        synchronized boolean reachable(String registryUrl) {
            return !unreachable.contains(registryUrl);
        }

        synchronized Optional<UpstreamImage> find(String registryUrl, String repository, String ref) {
            return Optional.ofNullable(images.getOrDefault(registryUrl + "/" + repository, Map.of()).get(ref));
        }
    }

    /**
     * Before a pull: every image asked for that the repository does not hold is fetched through the rule that
     * covers the repository and cached. Nothing happens when no rule covers it.
     *
     * @param puller the pulling account's state (its upstreams)
     * @param registry the registry pulled from
     * @param repositoryName the repository
     * @param refs the tags or digests asked for
     * @throws EcrError {@code UnableToGetUpstreamImageException} if the upstream does not have one of them
     */
    public void beforePull(AccountState puller, Registry registry, String repositoryName, List<String> refs) {
        Optional<Map.Entry<PullThroughCacheRule, String>> match = registry.pullThroughCacheFor(repositoryName);
        if (match.isEmpty()) {
            return;
        }
        PullThroughCacheRule rule = match.get().getKey();
        String upstreamRepository = match.get().getValue();
        for (String ref : refs) {
            boolean malformedDigest = ref != null && ref.contains(":") && !Digests.isWellFormed(ref);
            if (ref == null || malformedDigest || registry.holds(repositoryName, ref)) { // the pull reports those
                continue;
            }
            UpstreamImage image = fetch(puller, rule.upstreamRegistryUrl(), upstreamRepository, ref).orElseThrow(() ->
                    new EcrError(ErrorCode.UNABLE_TO_GET_UPSTREAM_IMAGE,
                            Messages.unableToGetUpstreamImage(upstreamRepository, ref, rule.upstreamRegistryUrl())));
            registry.cacheUpstreamImage(repositoryName, image, ref.contains(":") ? null : ref);
        }
    }

    /**
     * Whether the rule's upstream answers (ValidatePullThroughCacheRule): reachable, and for an ECR upstream,
     * an account and region this server holds.
     *
     * @param puller the account validating
     * @param rule the rule
     * @return whether it is valid
     */
    public boolean validate(AccountState puller, PullThroughCacheRule rule) {
        if (!puller.upstreams().reachable(rule.upstreamRegistryUrl())) {
            return false;
        }
        Matcher ecr = ECR_URL.matcher(rule.upstreamRegistryUrl());
        return !ecr.matches() || accounts.find(new AccountKey(ecr.group(1), ecr.group(2))).isPresent();
    }

    private Optional<UpstreamImage> fetch(AccountState puller, String url, String repository, String ref) {
        if (!puller.upstreams().reachable(url)) {
            return Optional.empty();
        }
        Matcher ecr = ECR_URL.matcher(url);
        if (!ecr.matches()) {
            return puller.upstreams().find(url, repository, ref);
        }
        return accounts.find(new AccountKey(ecr.group(1), ecr.group(2))).flatMap(source -> {
            try {
                return source.registry().findImage(repository, ref);
            } catch (EcrError noSuchRepository) {
                return Optional.empty();
            }
        }).map((ImageInfo i) -> new UpstreamImage(i.manifest(), i.manifestMediaType()));
    }
}
