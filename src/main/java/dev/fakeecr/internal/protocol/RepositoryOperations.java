package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.registry.ExclusionFilter;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.registry.RepositoryInfo;
import dev.fakeecr.registry.RepositorySettings;
import dev.fakeecr.registry.ResourceTag;
import dev.fakeecr.registry.TagMutability;
import java.util.ArrayList;
import java.util.List;

/** CreateRepository, DescribeRepositories and DeleteRepository. */
final class RepositoryOperations {

    private static final int DEFAULT_PAGE_SIZE = 100;

    private RepositoryOperations() {}

    static ObjectNode createRepository(OperationContext context, JsonInput input) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        TagMutability mutability =
                Params.enumValue("imageTagMutability", input.string("imageTagMutability"), TagMutability.class);
        List<ExclusionFilter> filters =
                Params.exclusionFilters(mutability, input.structures("imageTagMutabilityExclusionFilters"));
        JsonInput scanning = input.structure("imageScanningConfiguration");
        boolean scanOnPush = scanning != null && Boolean.TRUE.equals(scanning.bool("scanOnPush"));
        Params.Encryption encryption = Params.encryption(input.structure("encryptionConfiguration"));
        String encryptionType = encryption == null ? null : encryption.type();
        String kmsKey = encryption == null ? null : encryption.kmsKey();
        List<ResourceTag> tags = resourceTags(input.structures("tags"));
        RepositoryInfo created = context.registry(registryId).createRepository(
                new RepositorySettings(name, mutability, filters, scanOnPush, encryptionType, kmsKey, tags));
        ObjectNode output = JsonOutput.object();
        output.set("repository", JsonOutput.repository(created));
        return output;
    }

    static ObjectNode describeRepositories(OperationContext context, JsonInput input) {
        String registryId = Params.registryId(input.string("registryId"));
        List<String> names = Params.listSize("repositoryNames", input.strings("repositoryNames"), 1, 100);
        Integer maxResults = Params.maxResults(input.integer("maxResults"));
        String nextToken = input.string("nextToken");
        if (names != null) {
            Params.notWithIds(maxResults, nextToken);
            names.forEach(n -> Params.repositoryName("repositoryNames", n));
            // Any missing name fails the whole call; in another account, each repository's policy decides.
            List<RepositoryInfo> described = new ArrayList<>();
            names.forEach(n -> described.add(context.registry(registryId, n).describeRepository(n)));
            return new Pages.Page<>(described, null).toOutput("repositories", JsonOutput::repository);
        }
        // In name order, keyed by name: a page resumes after the last repository it returned.
        Registry registry = context.registry(registryId);
        return Pages.of(registry.repositories(), RepositoryInfo::name, maxResults, nextToken, DEFAULT_PAGE_SIZE,
                        Pages.Scope.of(context, registryId, null, null))
                .toOutput("repositories", JsonOutput::repository);
    }

    static ObjectNode deleteRepository(OperationContext context, JsonInput input) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        boolean force = Boolean.TRUE.equals(input.bool("force"));
        RepositoryInfo deleted = context.registry(registryId).deleteRepository(name, force);
        ObjectNode output = JsonOutput.object();
        output.set("repository", JsonOutput.repository(deleted));
        return output;
    }

    static ObjectNode putImageTagMutability(OperationContext context, JsonInput input) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        TagMutability mutability = Params.enumValue("imageTagMutability",
                Params.required("imageTagMutability", input.string("imageTagMutability")), TagMutability.class);
        List<ExclusionFilter> filters =
                Params.exclusionFilters(mutability, input.structures("imageTagMutabilityExclusionFilters"));
        RepositoryInfo updated = context.registry(registryId).putImageTagMutability(name, mutability, filters);
        ObjectNode output = JsonOutput.object()
                .put("registryId", updated.registryId())
                .put("repositoryName", updated.name())
                .put("imageTagMutability", updated.tagMutability().name());
        if (!updated.exclusionFilters().isEmpty()) {
            output.set("imageTagMutabilityExclusionFilters", JsonOutput.exclusionFilters(updated.exclusionFilters()));
        }
        return output;
    }

    /** The {@code Tag} shape, whose members are capitalised on the wire: {@code Key}, {@code Value}. */
    static List<ResourceTag> resourceTags(List<JsonInput> tags) {
        List<ResourceTag> result = new ArrayList<>();
        if (tags != null) {
            for (JsonInput tag : tags) {
                result.add(new ResourceTag(Params.required("tags.member.Key", tag.string("Key")),
                        Params.required("tags.member.Value", tag.string("Value"))));
            }
        }
        return result;
    }
}
