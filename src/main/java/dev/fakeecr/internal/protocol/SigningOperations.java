package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.registry.ImageId;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.internal.registry.SigningConfiguration;
import dev.fakeecr.internal.registry.SigningStatus;
import dev.fakeecr.registry.EcrError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Managed signing: Put/Get/DeleteSigningConfiguration and DescribeImageSigningStatus. */
final class SigningOperations {
    private static final Pattern PROFILE_ARN =
            Pattern.compile("^arn:aws(-[a-z]+)*:signer:[a-z0-9-]+:[0-9]{12}:\\/signing-profiles\\/[a-zA-Z0-9_]{2,}$");
    private static final Pattern FILTER =
            Pattern.compile("^(?:[a-z0-9*]+(?:[._-][a-z0-9*]+)*/)*[a-z0-9*]+(?:[._-][a-z0-9*]+)*$");

    private SigningOperations() {}

    static ObjectNode putSigningConfiguration(OperationContext context, JsonInput input) {
        String member = "signingConfiguration";
        JsonInput configuration = Params.required(member, input.structure(member));
        List<JsonInput> rules = Params.listSize(member + ".rules",
                Params.required(member + ".rules", configuration.structures("rules")), 0, 10);
        List<SigningConfiguration.Rule> parsed = new ArrayList<>();
        for (JsonInput rule : rules) {
            String r = member + ".rules.member";
            String profile = Params.required(r + ".signingProfileArn", rule.string("signingProfileArn"));
            Params.length(r + ".signingProfileArn", profile, 0, 200);
            if (!PROFILE_ARN.matcher(profile).matches()) {
                throw EcrError.invalidParameter(r + ".signingProfileArn",
                        "must satisfy regular expression '" + PROFILE_ARN.pattern() + "'");
            }
            List<JsonInput> filters = Params.listSize(r + ".repositoryFilters", rule.structures("repositoryFilters"), 1, 100);
            List<String> texts = Params.repositoryFilters(r + ".repositoryFilters", filters, 1, 256, FILTER,
                    "WILDCARD_MATCH");
            parsed.add(new SigningConfiguration.Rule(profile, texts));
        }
        SigningConfiguration stored = context.caller().registry().putSigningConfiguration(new SigningConfiguration(parsed));
        ObjectNode output = JsonOutput.object();
        output.set(member, configuration(stored));
        return output;
    }

    static ObjectNode getSigningConfiguration(OperationContext context, JsonInput input) {
        Registry registry = context.caller().registry();
        return output(registry, registry.signingConfiguration());
    }

    static ObjectNode deleteSigningConfiguration(OperationContext context, JsonInput input) {
        Registry registry = context.caller().registry();
        return output(registry, registry.deleteSigningConfiguration());
    }

    static ObjectNode describeImageSigningStatus(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        ImageId imageId = Params.imageId(input);
        Registry registry = context.registry(registryId);
        List<SigningStatus> statuses = registry.signingStatuses(repositoryName, imageId);
        ObjectNode output = JsonOutput.object().put("repositoryName", repositoryName);
        output.set("imageId", JsonOutput.imageId(imageId));
        output.put("registryId", registry.accountId());
        ArrayNode array = output.putArray("signingStatuses");
        for (SigningStatus status : statuses) {
            ObjectNode node = array.addObject().put("signingProfileArn", status.signingProfileArn())
                    .put("status", status.status());
            if (status.failureCode() != null) {
                node.put("failureCode", status.failureCode());
            }
            if (status.failureReason() != null) {
                node.put("failureReason", status.failureReason());
            }
        }
        return output;
    }

    private static ObjectNode output(Registry registry, SigningConfiguration configuration) {
        ObjectNode output = JsonOutput.object().put("registryId", registry.accountId());
        output.set("signingConfiguration", configuration(configuration));
        return output;
    }

    private static ObjectNode configuration(SigningConfiguration configuration) {
        ObjectNode node = JsonOutput.object();
        ArrayNode rules = node.putArray("rules");
        for (SigningConfiguration.Rule rule : configuration.rules()) {
            ObjectNode r = rules.addObject().put("signingProfileArn", rule.signingProfileArn());
            if (!rule.filters().isEmpty()) {
                ArrayNode filters = r.putArray("repositoryFilters");
                rule.filters().forEach(f -> filters.addObject().put("filter", f).put("filterType", "WILDCARD_MATCH"));
            }
        }
        return node;
    }
}
