package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.Partition;
import dev.fakeecr.internal.registry.Registry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TagResource, UntagResource and ListTagsForResource, on repository ARNs. */
final class TaggingOperations {
    /** Partition, region, account, name; Partition and AccountIds decide which values are valid. */
    private static final Pattern REPOSITORY_ARN =
            Pattern.compile("arn:([a-z-]+):ecr:([a-z0-9-]+):([^:]+):repository/(.+)");

    private TaggingOperations() {}

    static ObjectNode tagResource(OperationContext context, JsonInput input) {
        RepositoryArn arn = RepositoryArn.parse(context, input.string("resourceArn"));
        arn.registry.tagRepository(arn.name,
                RepositoryOperations.resourceTags(Params.required("tags", input.structures("tags"))));
        return JsonOutput.object();
    }

    static ObjectNode untagResource(OperationContext context, JsonInput input) {
        RepositoryArn arn = RepositoryArn.parse(context, input.string("resourceArn"));
        arn.registry.untagRepository(arn.name, Params.required("tagKeys", input.strings("tagKeys")));
        return JsonOutput.object();
    }

    static ObjectNode listTagsForResource(OperationContext context, JsonInput input) {
        RepositoryArn arn = RepositoryArn.parse(context, input.string("resourceArn"));
        ObjectNode output = JsonOutput.object();
        output.set("tags", JsonOutput.resourceTags(arn.registry.describeRepository(arn.name).tags()));
        return output;
    }

    /** A repository ARN in the caller's region, resolved to its account's registry. */
    private record RepositoryArn(Registry registry, String name) {
        static RepositoryArn parse(OperationContext context, String arn) {
            Matcher m = REPOSITORY_ARN.matcher(Params.required("resourceArn", arn));
            if (!m.matches() || Partition.named(m.group(1)).isEmpty() || !AccountIds.isValid(m.group(3))) {
                throw EcrError.invalidParameter("resourceArn", "Invalid ARN: " + arn); // [infer] wording
            }
            if (!m.group(2).equals(context.scope().region())) {
                throw EcrError.invalidParameter("resourceArn", "The ARN's region '" + m.group(2)
                        + "' is not the region of this endpoint, '" + context.scope().region() + "'"); // [infer]
            }
            String name = Params.repositoryName("resourceArn", m.group(4));
            return new RepositoryArn(context.registry(m.group(3), name), name);
        }
    }
}
