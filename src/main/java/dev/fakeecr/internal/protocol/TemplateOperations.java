package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.lifecycle.LifecyclePolicy;
import dev.fakeecr.internal.registry.CreationTemplate;
import dev.fakeecr.internal.registry.PermissionsPolicyValidator;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ExclusionFilter;
import dev.fakeecr.registry.ResourceTag;
import dev.fakeecr.registry.TagMutability;
import java.util.List;
import java.util.regex.Pattern;

/** Create/Describe/Update/DeleteRepositoryCreationTemplate. */
final class TemplateOperations {

    private enum AppliedFor { REPLICATION, PULL_THROUGH_CACHE, CREATE_ON_PUSH }

    private static final Pattern PREFIX = Pattern.compile(
            "^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$");
    private static final Pattern KMS_KEY = Pattern.compile("^$|arn:aws[a-z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key\\/[a-z0-9-]+");
    private static final int DEFAULT_PAGE_SIZE = 100;

    private TemplateOperations() {}

    static ObjectNode createRepositoryCreationTemplate(OperationContext context, JsonInput input) {
        String prefix = prefix(input.string("prefix"));
        Members m = members(input);
        List<String> appliedFor = Params.required("appliedFor", m.appliedFor());
        CreationTemplate created = context.caller().registry().createTemplate(new CreationTemplate(prefix,
                m.description(), m.encryptionType(), m.kmsKey(), m.tags(), m.mutability(), m.filters(),
                m.repositoryPolicy(), m.lifecyclePolicy(), appliedFor, m.customRoleArn(), null, null));
        return output(context.caller().registry(), created);
    }

    static ObjectNode updateRepositoryCreationTemplate(OperationContext context, JsonInput input) {
        String prefix = prefix(input.string("prefix"));
        Members m = members(input);
        Registry registry = context.caller().registry();
        CreationTemplate updated = registry.updateTemplate(prefix, t -> new CreationTemplate(prefix,
                or(m.description(), t.description()),
                m.encryptionType() != null ? m.encryptionType() : t.encryptionType(),
                m.encryptionType() != null ? m.kmsKey() : t.kmsKey(),
                m.tags() != null ? m.tags() : t.resourceTags(),
                m.mutability() != null ? m.mutability() : t.tagMutability(),
                m.mutability() != null ? m.filters() : t.exclusionFilters(),
                or(m.repositoryPolicy(), t.repositoryPolicy()), or(m.lifecyclePolicy(), t.lifecyclePolicy()),
                m.appliedFor() != null ? m.appliedFor() : t.appliedFor(), or(m.customRoleArn(), t.customRoleArn()),
                t.createdAt(), t.updatedAt()));
        return output(registry, updated);
    }

    static ObjectNode deleteRepositoryCreationTemplate(OperationContext context, JsonInput input) {
        String prefix = prefix(input.string("prefix"));
        Registry registry = context.caller().registry();
        return output(registry, registry.deleteTemplate(prefix));
    }

    static ObjectNode describeRepositoryCreationTemplates(OperationContext context, JsonInput input) {
        List<String> prefixes = Params.listSize("prefixes", input.strings("prefixes"), 1, 100);
        if (prefixes != null) {
            prefixes.forEach(TemplateOperations::prefix);
        }
        Integer maxResults = Params.maxResults(input.integer("maxResults"));
        String nextToken = input.string("nextToken");
        Registry registry = context.caller().registry();
        ObjectNode output = Pages.unordered(registry.templates(prefixes), CreationTemplate::prefix, maxResults, nextToken,
                DEFAULT_PAGE_SIZE, Pages.Scope.of(context, null, null, String.valueOf(prefixes))).toOutput("repositoryCreationTemplates", TemplateOperations::template);
        return output.put("registryId", registry.accountId());
    }

    private static String or(String given, String stored) {
        return given != null ? given : stored;
    }

    private static String prefix(String prefix) {
        Params.required("prefix", prefix);
        Params.length("prefix", prefix, 1, 256);
        if (!PREFIX.matcher(prefix).matches()) {
            throw EcrError.invalidParameter("prefix", "must satisfy regular expression '" + PREFIX.pattern() + "'");
        }
        return prefix;
    }

    /** The members Create and Update share, validated; null where the request has none. */
    private record Members(String description, String encryptionType, String kmsKey, List<ResourceTag> tags,
                           TagMutability mutability, List<ExclusionFilter> filters, String repositoryPolicy,
                           String lifecyclePolicy, List<String> appliedFor, String customRoleArn) {}

    private static Members members(JsonInput input) {
        String description = input.string("description");
        if (description != null) {
            Params.length("description", description, 0, 256);
        }
        Params.Encryption encryption = Params.encryption(input.structure("encryptionConfiguration"));
        String encryptionType = encryption == null ? null : encryption.type();
        String kmsKey = encryption == null ? null : encryption.kmsKey();
        // A template takes only a key's full ARN (the model's KmsKeyForRepositoryCreationTemplate).
        if (kmsKey != null && !KMS_KEY.matcher(kmsKey).matches()) {
            throw EcrError.invalidParameter("encryptionConfiguration.kmsKey",
                    "must satisfy regular expression '" + KMS_KEY.pattern() + "'");
        }
        List<JsonInput> tagInput = input.structures("resourceTags");
        List<ResourceTag> tags = tagInput == null ? null : RepositoryOperations.resourceTags(tagInput);
        TagMutability mutability =
                Params.enumValue("imageTagMutability", input.string("imageTagMutability"), TagMutability.class);
        List<ExclusionFilter> filters =
                Params.exclusionFilters(mutability, input.structures("imageTagMutabilityExclusionFilters"));
        String repositoryPolicy = policy(input, "repositoryPolicy", 10240);
        String lifecyclePolicy = policy(input, "lifecyclePolicy", 30720);
        List<String> appliedFor = input.strings("appliedFor");
        if (appliedFor != null) {
            Params.listSize("appliedFor", appliedFor, 1, 3); // [infer] at least one purpose
            appliedFor.forEach(a -> Params.enumValue("appliedFor.member", a, AppliedFor.class));
            appliedFor = appliedFor.stream().distinct().toList();
        }
        String customRoleArn = input.string("customRoleArn");
        if (customRoleArn != null) {
            Params.length("customRoleArn", customRoleArn, 0, 2048);
        }
        return new Members(description, encryptionType, kmsKey, tags, mutability, filters, repositoryPolicy,
                lifecyclePolicy, appliedFor, customRoleArn);
    }

    /**
     * A policy a template gives its repositories: empty, or within its length and valid as that policy is
     * (a repository policy against IAM's grammar, a lifecycle policy as PutLifecyclePolicy validates it).
     */
    private static String policy(JsonInput input, String member, int maxLength) {
        String text = input.string(member);
        if (text == null || text.isEmpty()) {
            return text;
        }
        Params.length(member, text, 0, maxLength);
        if (member.equals("repositoryPolicy")) {
            PermissionsPolicyValidator.validateRepositoryPolicy(text);
        } else {
            LifecyclePolicy.parse(text);
        }
        return text;
    }

    private static ObjectNode output(Registry registry, CreationTemplate template) {
        ObjectNode output = JsonOutput.object().put("registryId", registry.accountId());
        output.set("repositoryCreationTemplate", template(template));
        return output;
    }

    private static ObjectNode template(CreationTemplate t) {
        ObjectNode node = JsonOutput.object().put("prefix", t.prefix());
        if (t.description() != null) {
            node.put("description", t.description());
        }
        ObjectNode encryption = node.putObject("encryptionConfiguration")
                .put("encryptionType", t.encryptionType() == null ? "AES256" : t.encryptionType());
        if (t.kmsKey() != null) {
            encryption.put("kmsKey", t.kmsKey());
        }
        node.set("resourceTags", JsonOutput.resourceTags(t.resourceTags()));
        node.put("imageTagMutability", (t.tagMutability() == null ? TagMutability.MUTABLE : t.tagMutability()).name());
        if (!t.exclusionFilters().isEmpty()) {
            node.set("imageTagMutabilityExclusionFilters", JsonOutput.exclusionFilters(t.exclusionFilters()));
        }
        if (t.repositoryPolicy() != null) {
            node.put("repositoryPolicy", t.repositoryPolicy());
        }
        if (t.lifecyclePolicy() != null) {
            node.put("lifecyclePolicy", t.lifecyclePolicy());
        }
        ArrayNode applied = node.putArray("appliedFor");
        t.appliedFor().forEach(applied::add);
        if (t.customRoleArn() != null) {
            node.put("customRoleArn", t.customRoleArn());
        }
        return node.put("createdAt", JsonOutput.timestamp(t.createdAt())).put("updatedAt", JsonOutput.timestamp(t.updatedAt()));
    }
}
