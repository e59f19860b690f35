package dev.fakeecr.internal.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A pull through cache rule: repositories under {@code ecrRepositoryPrefix} cache the images of the upstream
 * registry's repositories under {@code upstreamRepositoryPrefix}.
 *
 * @param ecrRepositoryPrefix the registry's namespace, or {@code ROOT}
 * @param upstreamRegistryUrl the upstream registry, e.g. {@code registry-1.docker.io}
 * @param upstreamRegistry its kind, e.g. {@code docker-hub}
 * @param credentialArn the Secrets Manager secret of its credentials, or null
 * @param customRoleArn the role for an ECR upstream, or null
 * @param upstreamRepositoryPrefix the upstream namespace, or {@code ROOT}
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record PullThroughCacheRule(String ecrRepositoryPrefix, String upstreamRegistryUrl, String upstreamRegistry,
                                   String credentialArn, String customRoleArn, String upstreamRepositoryPrefix,
                                   Instant createdAt, Instant updatedAt) {
    /**
     * Requires the prefixes and the upstream.
     */
    public PullThroughCacheRule {
        Objects.requireNonNull(ecrRepositoryPrefix, "ecrRepositoryPrefix");
        Objects.requireNonNull(upstreamRegistryUrl, "upstreamRegistryUrl");
        upstreamRepositoryPrefix = upstreamRepositoryPrefix == null ? "ROOT" : upstreamRepositoryPrefix;
    }

    private static String namespace(String prefix) {
        return "ROOT".equals(prefix) ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** The upstream repository a repository of this rule caches, if the rule covers the repository. */
    Optional<String> upstreamRepository(String repositoryName) {
        String local = namespace(ecrRepositoryPrefix);
        if (!repositoryName.startsWith(local) || repositoryName.length() == local.length()) {
            return Optional.empty();
        }
        return Optional.of(namespace(upstreamRepositoryPrefix) + repositoryName.substring(local.length()));
    }

    int specificity() {
        return namespace(ecrRepositoryPrefix).length();
    }

    /** This rule with new credentials and role, changed at {@code now}. */
    PullThroughCacheRule updated(String credential, String role, Instant now) {
        return new PullThroughCacheRule(ecrRepositoryPrefix, upstreamRegistryUrl, upstreamRegistry, credential, role,
                upstreamRepositoryPrefix, createdAt, now);
    }
}
