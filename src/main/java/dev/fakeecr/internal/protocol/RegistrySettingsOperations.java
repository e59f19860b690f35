package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.internal.registry.RepositoryScanning;
import dev.fakeecr.internal.registry.ScanningConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The registry's own settings: Put/GetAccountSetting, Put/GetRegistryScanningConfiguration and
 * BatchGetRepositoryScanningConfiguration. They always act on the caller's registry (the model gives them
 * no {@code registryId}).
 */
final class RegistrySettingsOperations {
    private enum ScanType { BASIC, ENHANCED }

    private enum ScanFrequency { SCAN_ON_PUSH, CONTINUOUS_SCAN, MANUAL }

    private static final Pattern SCAN_FILTER = Pattern.compile("^[a-z0-9*](?:[._\\-/a-z0-9*]?[a-z0-9*]+)*$");

    private RegistrySettingsOperations() {}

    static ObjectNode getAccountSetting(OperationContext context, JsonInput input) {
        String name = settingName(input);
        return JsonOutput.object().put("name", name).put("value", context.caller().registry().accountSetting(name));
    }

    static ObjectNode putAccountSetting(OperationContext context, JsonInput input) {
        String name = settingName(input);
        String value = Params.required("value", input.string("value"));
        return JsonOutput.object().put("name", name)
                .put("value", context.caller().registry().putAccountSetting(name, value));
    }

    private static String settingName(JsonInput input) {
        String name = Params.required("name", input.string("name"));
        Params.length("name", name, 1, 64);
        return name;
    }

    static ObjectNode putRegistryScanningConfiguration(OperationContext context, JsonInput input) {
        ScanType type = Params.enumValue("scanType", input.string("scanType"), ScanType.class);
        List<JsonInput> rules = Params.listSize("rules", input.structures("rules"), 0, 2);
        List<ScanningConfiguration.Rule> parsed = new ArrayList<>();
        if (rules != null) {
            for (JsonInput rule : rules) {
                ScanFrequency frequency = Params.enumValue("rules.member.scanFrequency",
                        Params.required("rules.member.scanFrequency", rule.string("scanFrequency")),
                        ScanFrequency.class);
                List<JsonInput> filters = Params.listSize("rules.member.repositoryFilters",
                        Params.required("rules.member.repositoryFilters", rule.structures("repositoryFilters")),
                        0, 100);
                List<String> texts = Params.repositoryFilters("rules.member.repositoryFilters", filters, 1, 255,
                        SCAN_FILTER, "WILDCARD");
                parsed.add(new ScanningConfiguration.Rule(frequency.name(), texts));
            }
        }
        ScanningConfiguration stored = context.caller().registry().putScanningConfiguration(
                new ScanningConfiguration(type == null ? ScanType.BASIC.name() : type.name(), parsed));
        ObjectNode output = JsonOutput.object();
        output.set("registryScanningConfiguration", scanning(stored));
        return output;
    }

    static ObjectNode getRegistryScanningConfiguration(OperationContext context, JsonInput input) {
        Registry registry = context.caller().registry();
        ObjectNode output = JsonOutput.object().put("registryId", registry.accountId());
        output.set("scanningConfiguration", scanning(registry.scanningConfiguration()));
        return output;
    }

    static ObjectNode batchGetRepositoryScanningConfiguration(OperationContext context, JsonInput input) {
        List<String> names = Params.listSize("repositoryNames",
                Params.required("repositoryNames", input.strings("repositoryNames")), 1, 25);
        names.forEach(n -> Params.repositoryName("repositoryNames.member", n));
        Registry registry = context.caller().registry();
        ObjectNode output = JsonOutput.object();
        ArrayNode found = output.putArray("scanningConfigurations");
        ArrayNode failures = output.putArray("failures");
        for (String name : names) {
            Optional<RepositoryScanning> scanning = registry.repositoryScanning(name);
            if (scanning.isEmpty()) {
                failures.addObject().put("repositoryName", name).put("failureCode", "REPOSITORY_NOT_FOUND")
                        .put("failureReason", "REPOSITORY_NOT_FOUND"); // [infer] reason text
                continue;
            }
            RepositoryScanning s = scanning.get();
            ObjectNode node = found.addObject().put("repositoryArn", s.repository().arn())
                    .put("repositoryName", name).put("scanOnPush", s.scanOnPush())
                    .put("scanFrequency", s.scanFrequency());
            ArrayNode applied = node.putArray("appliedScanFilters");
            s.appliedFilters().forEach(f -> applied.addObject().put("filter", f).put("filterType", "WILDCARD"));
        }
        return output;
    }

    private static ObjectNode scanning(ScanningConfiguration configuration) {
        ObjectNode node = JsonOutput.object().put("scanType", configuration.scanType());
        ArrayNode rules = node.putArray("rules");
        for (ScanningConfiguration.Rule rule : configuration.rules()) {
            ObjectNode r = rules.addObject().put("scanFrequency", rule.scanFrequency());
            ArrayNode filters = r.putArray("repositoryFilters");
            rule.filters().forEach(f -> filters.addObject().put("filter", f).put("filterType", "WILDCARD"));
        }
        return node;
    }
}
