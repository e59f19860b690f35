package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.registry.PullThroughCacheRule;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ErrorCode;
import java.util.List;
import java.util.regex.Pattern;

/** Create/Describe/Update/Delete/ValidatePullThroughCacheRule. */
final class PullThroughCacheOperations {
    private static final Pattern PREFIX = Pattern.compile(
            "^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$");
    private static final Pattern CREDENTIAL = Pattern.compile(
            "^arn:aws(-\\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr\\-pullthroughcache\\/[a-zA-Z0-9\\/_+=.@-]+$");
    private static final Pattern ECR_URL = Pattern.compile("[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
    private static final int DEFAULT_PAGE_SIZE = 100;

    /** The upstream registries the user guide lists: URL, kind, and whether a credential is required. */
    private enum Upstream {
        ECR("ecr", false), ECR_PUBLIC("ecr-public", false), QUAY("quay", false), K8S("k8s", false),
        DOCKER_HUB("docker-hub", true), GITHUB("github-container-registry", true),
        AZURE("azure-container-registry", true), GITLAB("gitlab-container-registry", true),
        CHAINGUARD("chainguard", true); // [infer] Chainguard's registry needs credentials

        final String kind;
        final boolean needsCredential;

        Upstream(String kind, boolean needsCredential) {
            this.kind = kind;
            this.needsCredential = needsCredential;
        }

        static Upstream of(String url) {
            if (ECR_URL.matcher(url).matches()) {
                return ECR;
            }
            if (url.endsWith(".azurecr.io")) {
                return AZURE;
            }
            return switch (url) {
                case "public.ecr.aws" -> ECR_PUBLIC;
                case "quay.io" -> QUAY;
                case "registry.k8s.io" -> K8S;
                case "registry-1.docker.io" -> DOCKER_HUB;
                case "ghcr.io" -> GITHUB;
                case "registry.gitlab.com" -> GITLAB;
                case "cgr.dev" -> CHAINGUARD;
                default -> null;
            };
        }
    }

    private PullThroughCacheOperations() {}

    static ObjectNode createPullThroughCacheRule(OperationContext context, JsonInput input) {
        String prefix = prefix("ecrRepositoryPrefix", input.string("ecrRepositoryPrefix"));
        String url = Params.required("upstreamRegistryUrl", input.string("upstreamRegistryUrl"));
        String registryId = Params.registryId(input.string("registryId"));
        String kind = input.string("upstreamRegistry");
        String credential = credential(input.string("credentialArn"));
        String role = role(input.string("customRoleArn"));
        String upstreamPrefix = input.string("upstreamRepositoryPrefix") == null ? null
                : prefix("upstreamRepositoryPrefix", input.string("upstreamRepositoryPrefix"));
        Upstream upstream = Upstream.of(url);
        if (upstream == null) {
            throw new EcrError(ErrorCode.UNSUPPORTED_UPSTREAM_REGISTRY,
                    "The specified upstream registry '" + url + "' is not supported."); // [infer] wording
        }
        if (kind != null && !kind.equals(upstream.kind)) {
            throw EcrError.invalidParameter("upstreamRegistry", "The upstream registry '" + kind
                    + "' does not match the upstream registry URL '" + url + "'"); // [infer] wording
        }
        if (upstream.needsCredential && credential == null) {
            throw EcrError.invalidParameter("credentialArn", "A credential ARN is required for the upstream registry '"
                    + upstream.kind + "'"); // [infer] wording
        }
        if ("ROOT".equals(prefix) && upstream != Upstream.ECR) {
            throw EcrError.invalidParameter("ecrRepositoryPrefix",
                    "The ROOT prefix is only supported for an Amazon ECR upstream registry"); // [infer]
        }
        if (!"ROOT".equals(prefix) && prefix.replaceAll("/$", "").equals("ecr")) {
            throw EcrError.invalidParameter("ecrRepositoryPrefix", "The prefix 'ecr' is reserved"); // [infer]
        }
        PullThroughCacheRule created = context.registry(registryId).createPullThroughCacheRule(new PullThroughCacheRule(
                prefix, url, upstream.kind, credential, role, upstreamPrefix, null, null));
        ObjectNode output = rule(created).put("registryId", context.registry(registryId).accountId());
        output.remove("updatedAt");
        return output;
    }

    static ObjectNode describePullThroughCacheRules(OperationContext context, JsonInput input) {
        String registryId = Params.registryId(input.string("registryId"));
        List<String> prefixes = Params.listSize("ecrRepositoryPrefixes", input.strings("ecrRepositoryPrefixes"), 1, 100);
        if (prefixes != null) {
            prefixes.forEach(p -> prefix("ecrRepositoryPrefixes.member", p));
        }
        Integer maxResults = Params.maxResults(input.integer("maxResults"));
        String nextToken = input.string("nextToken");
        Registry registry = context.registry(registryId);
        return Pages.unordered(registry.pullThroughCacheRules(prefixes),
                        PullThroughCacheRule::ecrRepositoryPrefix, maxResults, nextToken, DEFAULT_PAGE_SIZE,
                        Pages.Scope.of(context, registry.accountId(), null, String.valueOf(prefixes)))
                .toOutput("pullThroughCacheRules", r -> rule(r).put("registryId", registry.accountId()));
    }

    static ObjectNode updatePullThroughCacheRule(OperationContext context, JsonInput input) {
        String prefix = prefix("ecrRepositoryPrefix", input.string("ecrRepositoryPrefix"));
        String registryId = Params.registryId(input.string("registryId"));
        String credential = credential(input.string("credentialArn"));
        String role = role(input.string("customRoleArn"));
        PullThroughCacheRule rule = context.registry(registryId).updatePullThroughCacheRule(prefix, credential, role);
        ObjectNode output = JsonOutput.object().put("ecrRepositoryPrefix", rule.ecrRepositoryPrefix())
                .put("registryId", context.registry(registryId).accountId())
                .put("updatedAt", JsonOutput.timestamp(rule.updatedAt()));
        putIfPresent(output, "credentialArn", rule.credentialArn());
        putIfPresent(output, "customRoleArn", rule.customRoleArn());
        return output.put("upstreamRepositoryPrefix", rule.upstreamRepositoryPrefix());
    }

    static ObjectNode deletePullThroughCacheRule(OperationContext context, JsonInput input) {
        String prefix = prefix("ecrRepositoryPrefix", input.string("ecrRepositoryPrefix"));
        String registryId = Params.registryId(input.string("registryId"));
        Registry registry = context.registry(registryId);
        ObjectNode output = rule(registry.deletePullThroughCacheRule(prefix)).put("registryId", registry.accountId());
        output.remove("updatedAt");
        output.remove("upstreamRegistry");
        return output;
    }

    static ObjectNode validatePullThroughCacheRule(OperationContext context, JsonInput input) {
        String prefix = prefix("ecrRepositoryPrefix", input.string("ecrRepositoryPrefix"));
        String registryId = Params.registryId(input.string("registryId"));
        Registry registry = context.registry(registryId);
        PullThroughCacheRule rule = registry.pullThroughCacheRule(prefix);
        boolean valid = context.accounts().pullThroughCache().validate(context.caller(), rule);
        ObjectNode output = JsonOutput.object().put("ecrRepositoryPrefix", rule.ecrRepositoryPrefix())
                .put("registryId", registry.accountId()).put("upstreamRegistryUrl", rule.upstreamRegistryUrl());
        putIfPresent(output, "credentialArn", rule.credentialArn());
        putIfPresent(output, "customRoleArn", rule.customRoleArn());
        output.put("upstreamRepositoryPrefix", rule.upstreamRepositoryPrefix()).put("isValid", valid);
        if (!valid) {
            output.put("failure", "Unable to connect to the upstream registry '" + rule.upstreamRegistryUrl()
                    + "'"); // [infer] wording
        }
        return output;
    }

    private static ObjectNode rule(PullThroughCacheRule rule) {
        ObjectNode node = JsonOutput.object().put("ecrRepositoryPrefix", rule.ecrRepositoryPrefix())
                .put("upstreamRegistryUrl", rule.upstreamRegistryUrl())
                .put("createdAt", JsonOutput.timestamp(rule.createdAt()));
        putIfPresent(node, "credentialArn", rule.credentialArn());
        putIfPresent(node, "customRoleArn", rule.customRoleArn());
        putIfPresent(node, "upstreamRegistry", rule.upstreamRegistry());
        return node.put("upstreamRepositoryPrefix", rule.upstreamRepositoryPrefix())
                .put("updatedAt", JsonOutput.timestamp(rule.updatedAt()));
    }

    private static void putIfPresent(ObjectNode node, String member, String value) {
        if (value != null) {
            node.put(member, value);
        }
    }

    private static String prefix(String member, String prefix) {
        Params.required(member, prefix);
        Params.length(member, prefix, 2, 30);
        if (!PREFIX.matcher(prefix).matches()) {
            throw EcrError.invalidParameter(member, "must satisfy regular expression '" + PREFIX.pattern() + "'");
        }
        return prefix;
    }

    private static String credential(String arn) {
        if (arn == null) {
            return null;
        }
        Params.length("credentialArn", arn, 50, 612);
        if (!CREDENTIAL.matcher(arn).matches()) {
            throw EcrError.invalidParameter("credentialArn", "must satisfy regular expression '" + CREDENTIAL.pattern() + "'");
        }
        return arn;
    }

    private static String role(String arn) {
        if (arn != null) {
            Params.length("customRoleArn", arn, 0, 2048);
        }
        return arn;
    }
}
