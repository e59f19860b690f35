package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.registry.ImageId;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.internal.registry.ReplicationConfiguration;
import dev.fakeecr.internal.registry.ReplicationStatus;
import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.EcrError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** PutReplicationConfiguration, DescribeRegistry and DescribeImageReplicationStatus. */
final class ReplicationOperations {
    private static final Pattern REGION = Pattern.compile("[0-9a-z-]{2,25}");
    private static final Pattern PREFIX_FILTER =
            Pattern.compile("^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$");

    private ReplicationOperations() {}

    static ObjectNode putReplicationConfiguration(OperationContext context, JsonInput input) {
        String member = "replicationConfiguration";
        JsonInput configuration = Params.required(member, input.structure(member));
        List<JsonInput> rules = Params.listSize(member + ".rules",
                Params.required(member + ".rules", configuration.structures("rules")), 0, 10);
        List<ReplicationConfiguration.Rule> parsed = new ArrayList<>();
        for (JsonInput rule : rules) {
            String ruleMember = member + ".rules.member";
            List<JsonInput> destinations = Params.listSize(ruleMember + ".destinations",
                    Params.required(ruleMember + ".destinations", rule.structures("destinations")), 0, 100);
            List<ReplicationConfiguration.Destination> parsedDestinations = new ArrayList<>();
            for (JsonInput destination : destinations) {
                String d = ruleMember + ".destinations.member";
                String region = Params.required(d + ".region", destination.string("region"));
                if (!REGION.matcher(region).matches()) {
                    throw EcrError.invalidParameter(d + ".region", "must satisfy regular expression '[0-9a-z-]{2,25}'");
                }
                String registryId = Params.required(d + ".registryId", destination.string("registryId"));
                if (!AccountIds.isValid(registryId)) {
                    throw EcrError.invalidParameter(d + ".registryId",
                            "must satisfy regular expression " + AccountIds.PATTERN);
                }
                parsedDestinations.add(new ReplicationConfiguration.Destination(region, registryId));
            }
            List<JsonInput> filters = Params.listSize(ruleMember + ".repositoryFilters",
                    rule.structures("repositoryFilters"), 1, 100);
            List<String> prefixes = Params.repositoryFilters(ruleMember + ".repositoryFilters", filters, 2, 256,
                    PREFIX_FILTER, "PREFIX_MATCH");
            parsed.add(new ReplicationConfiguration.Rule(parsedDestinations, prefixes));
        }
        ReplicationConfiguration stored = context.caller().registry()
                .putReplicationConfiguration(new ReplicationConfiguration(parsed));
        ObjectNode output = JsonOutput.object();
        output.set(member, configuration(stored));
        return output;
    }

    static ObjectNode describeRegistry(OperationContext context, JsonInput input) {
        Registry registry = context.caller().registry();
        ObjectNode output = JsonOutput.object().put("registryId", registry.accountId());
        output.set("replicationConfiguration", configuration(registry.replicationConfiguration()));
        return output;
    }

    static ObjectNode describeImageReplicationStatus(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        ImageId imageId = Params.imageId(input);
        List<ReplicationStatus> statuses = context.registry(registryId).replicationStatuses(repositoryName, imageId);
        ObjectNode output = JsonOutput.object().put("repositoryName", repositoryName);
        output.set("imageId", JsonOutput.imageId(imageId));
        ArrayNode array = output.putArray("replicationStatuses");
        for (ReplicationStatus status : statuses) {
            ObjectNode node = array.addObject().put("region", status.destination().region())
                    .put("registryId", status.destination().registryId()).put("status", status.status());
            if (status.failureCode() != null) {
                node.put("failureCode", status.failureCode());
            }
        }
        return output;
    }

    private static ObjectNode configuration(ReplicationConfiguration configuration) {
        ObjectNode node = JsonOutput.object();
        ArrayNode rules = node.putArray("rules");
        for (ReplicationConfiguration.Rule rule : configuration.rules()) {
            ObjectNode r = rules.addObject();
            ArrayNode destinations = r.putArray("destinations");
            rule.destinations().forEach(d -> destinations.addObject().put("region", d.region())
                    .put("registryId", d.registryId()));
            if (!rule.prefixFilters().isEmpty()) {
                ArrayNode filters = r.putArray("repositoryFilters");
                rule.prefixFilters().forEach(f -> filters.addObject().put("filter", f).put("filterType", "PREFIX_MATCH"));
            }
        }
        return node;
    }
}
