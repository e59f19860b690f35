package dev.fakeecr.internal.registry;

import dev.fakeecr.registry.EcrError;
import java.util.Arrays;
import java.util.List;

/**
 * The account settings of PutAccountSetting / GetAccountSetting, with the values ECR accepts and the value a
 * registry has until one is put. The names and values are the API reference's; the defaults are [infer]:
 * what a new account reports (basic scanning is AWS-native since CLAIR's retirement, new registries get the
 * V2 policy scope, blob mounting is opt-in).
 */
public enum AccountSetting {
    /** Which engine basic scanning uses. */
    BASIC_SCAN_TYPE_VERSION("AWS_NATIVE", "AWS_NATIVE", "CLAIR"),
    /** Which actions a registry policy may grant (V1: replication only; V2: every registry-level action). */
    REGISTRY_POLICY_SCOPE("V2", "V1", "V2"),
    /** Whether a push through the registry endpoint may mount a blob from another repository of the registry. */
    BLOB_MOUNTING("DISABLED", "ENABLED", "DISABLED");

    private final String defaultValue;
    private final List<String> values;

    AccountSetting(String defaultValue, String... values) {
        this.defaultValue = defaultValue;
        this.values = List.of(values);
    }

    /**
     * The value a registry has until PutAccountSetting changes it.
     *
     * @return the default value
     */
    public String defaultValue() {
        return defaultValue;
    }

    /**
     * The values PutAccountSetting accepts.
     *
     * @return the values
     */
    public List<String> allowedValues() {
        return values;
    }

    /**
     * The setting of that name, or {@code InvalidParameterException} ([infer] wording) for a name ECR does not have.
     *
     * @param name the setting's name, as the request gave it
     * @return the setting
     */
    public static AccountSetting named(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> EcrError.invalidParameter("name", "Member must satisfy enum value set: "
                        + Arrays.toString(values()))); // [infer] wording
    }

    /** The value, or {@code InvalidParameterException} ([infer] wording) for one this setting does not take. */
    String checked(String value) {
        if (!values.contains(value)) {
            throw EcrError.invalidParameter("value", "Invalid value '" + value + "' for account setting " + name()
                    + "; valid values are " + values); // [infer] wording
        }
        return value;
    }
}
