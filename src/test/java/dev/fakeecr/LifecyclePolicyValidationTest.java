package dev.fakeecr;

import static dev.fakeecr.EcrErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeecr.junit.FakeEcrExtension;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * PutLifecyclePolicy and StartLifecyclePolicyPreview validate a policy as ECR does (lifecycle-policies.md §2):
 * InvalidParameterException, HTTP 400, "Lifecycle policy validation failure: …", and nothing stored.
 */
class LifecyclePolicyValidationTest {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("app").build();

    private static final String PREFIX =
            "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ";
    /** A valid selection and action, for rules whose other parts are under test. */
    private static final String SELECTION = "{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":10}";
    private static final String EXPIRE = "{\"type\":\"expire\"}";

    /** A policy of these rules, padded with a description so it meets the 100-character minimum. */
    static String policy(String... rules) {
        return "{\"rules\":[" + String.join(",", rules) + "]}";
    }

    static String rule(int priority, String selection, String action) {
        return "{\"rulePriority\":" + priority + ",\"description\":\"a rule that is described at some length\","
                + "\"selection\":" + selection + ",\"action\":" + action + "}";
    }

    static String tagged(String list, String values) {
        return "{\"tagStatus\":\"tagged\",\"" + list + "\":" + values + ",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}";
    }

    static Stream<Arguments> invalidPolicies() {
        String pad = " ".repeat(100);
        return Stream.of(
                Arguments.of("not JSON", "{\"rules\": [" + pad, "Could not map policyString into LifecyclePolicy."),
                Arguments.of("a JSON array", "[" + pad + "]", "Could not map policyString into LifecyclePolicy."),
                Arguments.of("no rules", "{\"description\":\"" + "x".repeat(100) + "\"}",
                        "object has missing required properties ([\"rules\"])"),
                Arguments.of("rules null", "{\"rules\":null}" + pad,
                        "instance type (null) does not match any allowed primitive type (allowed: [\"array\"])"),
                Arguments.of("a rule that is not an object", "{\"rules\":[\"expire everything\"]}" + pad,
                        "instance type (string) does not match any allowed primitive type (allowed: [\"object\"])"),
                Arguments.of("a rule without selection and action",
                        "{\"rules\":[{\"rulePriority\":1,\"description\":\"" + "x".repeat(80) + "\"}]}",
                        "object has missing required properties ([\"action\",\"selection\"])"),
                Arguments.of("an unknown rule member",
                        "{\"rules\":[{\"rulePriority\":1,\"priority\":\"high\",\"selection\":" + SELECTION
                                + ",\"action\":" + EXPIRE + "}]}",
                        "object instance has properties which are not allowed by the schema: ([\"priority\"])"),
                Arguments.of("rulePriority 0", policy(rule(0, SELECTION, EXPIRE)),
                        "numeric instance is lower than the required minimum (minimum: 1, found: 0)"),
                Arguments.of("a bad tagStatus", policy(rule(1,
                                "{\"tagStatus\":\"all\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}", EXPIRE)),
                        "instance value (\"all\") not found in enum :(possible values: [\"any\", \"tagged\", \"untagged\"])"),
                Arguments.of("tagPrefixList null", policy(rule(1, tagged("tagPrefixList", "null"), EXPIRE)),
                        "instance type (null) does not match any allowed primitive type (allowed: [\"array\"])"),
                Arguments.of("countUnit with imageCountMoreThan", policy(rule(1,
                                "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countUnit\":\"days\",\"countNumber\":1}",
                                EXPIRE)),
                        "instance failed to match exactly one schema (matched 0 out of 4)"),
                Arguments.of("sinceImagePushed without countUnit", policy(rule(1,
                                "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countNumber\":1}", EXPIRE)),
                        "instance failed to match exactly one schema (matched 0 out of 4)"),
                Arguments.of("countUnit hours", policy(rule(1,
                                "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"hours\",\"countNumber\":1}",
                                EXPIRE)),
                        "instance failed to match exactly one schema (matched 0 out of 4)"),
                Arguments.of("an unknown countType", policy(rule(1,
                                "{\"tagStatus\":\"any\",\"countType\":\"imageCountLessThan\",\"countNumber\":1}", EXPIRE)),
                        "instance failed to match exactly one schema (matched 0 out of 4)"),
                Arguments.of("countNumber 0", policy(rule(1,
                                "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":0}", EXPIRE)),
                        "instance failed to match exactly one schema (matched 0 out of 4)"),
                Arguments.of("storageClass archive with sinceImagePushed", policy(rule(1,
                                "{\"tagStatus\":\"any\",\"storageClass\":\"archive\",\"countType\":\"sinceImagePushed\","
                                        + "\"countUnit\":\"days\",\"countNumber\":1}", EXPIRE)),
                        "instance failed to match exactly one schema (matched 0 out of 4)"),
                Arguments.of("sinceImageTransitioned without storageClass", policy(rule(1,
                                "{\"tagStatus\":\"any\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\","
                                        + "\"countNumber\":90}", EXPIRE)),
                        "instance failed to match exactly one schema (matched 0 out of 4)"),
                Arguments.of("targetStorageClass null on expire (the field case)",
                        policy(rule(1, SELECTION, "{\"type\":\"expire\",\"targetStorageClass\":null}")),
                        "instance failed to match exactly one schema (matched 0 out of 2)"),
                Arguments.of("transition without targetStorageClass",
                        policy(rule(1, SELECTION, "{\"type\":\"transition\"}")),
                        "instance failed to match exactly one schema (matched 0 out of 2)"),
                Arguments.of("an unknown action", policy(rule(1, SELECTION, "{\"type\":\"delete\"}")),
                        "instance failed to match exactly one schema (matched 0 out of 2)"),
                Arguments.of("tagged without a list", policy(rule(1,
                                "{\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}", EXPIRE)),
                        "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED."),
                Arguments.of("two untagged rules in one class", policy(rule(1, SELECTION, EXPIRE),
                                rule(2, SELECTION.replace("10", "20"), EXPIRE)),
                        "Only one rule can select Untagged images per storage class."),
                Arguments.of("an any rule before another", policy(
                                rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5}", EXPIRE),
                                rule(2, tagged("tagPrefixList", "[\"prod\"]"), EXPIRE)),
                        "Rule for tagStatus=ANY must have the lowest priority per storage class"),
                // ECR's rules whose wording is not known: the fake's own words after the prefix.
                Arguments.of("both lists", policy(rule(1, "{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"a\"],"
                                + "\"tagPatternList\":[\"b*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1}", EXPIRE)),
                        "Rule 1 specifies both tagPrefixList and tagPatternList; a rule may have only one."),
                Arguments.of("a list on an untagged rule", policy(rule(1, "{\"tagStatus\":\"untagged\","
                                + "\"tagPrefixList\":[\"a\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1}", EXPIRE)),
                        "Rule 1: tagPrefixList and tagPatternList may only be used when tagStatus=TAGGED."),
                Arguments.of("five wildcards", policy(rule(1, tagged("tagPatternList", "[\"test*1*2*3*4*5*6\"]"), EXPIRE)),
                        "The tag pattern 'test*1*2*3*4*5*6' has more than 4 wildcards (*)."),
                Arguments.of("duplicate priorities", policy(rule(3, SELECTION, EXPIRE),
                                rule(3, tagged("tagPrefixList", "[\"prod\"]"), EXPIRE)),
                        "Rule priorities must be unique; more than one rule has rulePriority 3."),
                Arguments.of("sinceImagePulled that expires", policy(rule(1, "{\"tagStatus\":\"any\","
                                + "\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"countNumber\":30}", EXPIRE)),
                        "Rule 1: countType=sinceImagePulled can only be used with action type=transition."),
                Arguments.of("sinceImageTransitioned under 90 days", policy(rule(1, "{\"tagStatus\":\"any\","
                                + "\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\","
                                + "\"countNumber\":30}", EXPIRE)),
                        "Rule 1: archived images must stay archived at least 90 days; countNumber for"
                                + " sinceImageTransitioned must be at least 90."),
                Arguments.of("the same prefixes twice in one class", policy(rule(1, tagged("tagPrefixList", "[\"a\",\"b\"]"), EXPIRE),
                                rule(2, tagged("tagPrefixList", "[\"b\",\"a\"]"), EXPIRE)),
                        "Rule 2: rules selecting one storage class must have a unique set of prefixes or patterns."),
                Arguments.of("51 rules", policy(Stream.iterate(1, i -> i + 1).limit(51)
                                .map(i -> rule(i, tagged("tagPrefixList", "[\"p" + i + "\"]"), EXPIRE)).toArray(String[]::new)),
                        "A lifecycle policy can have at most 50 rules; this one has 51."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPolicies")
    void putLifecyclePolicyRefusesAsEcrDoes(String name, String text, String detail, EcrClient ecr) {
        assertThat(text.length()).as("the policy meets the length minimum").isGreaterThanOrEqualTo(100);
        assertInvalidParameter(catchThrowable(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(text))),
                PREFIX + detail + "'");
        assertThat(catchThrowable(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("app"))))
                .as("nothing was stored").isInstanceOf(LifecyclePolicyNotFoundException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPolicies")
    void startLifecyclePolicyPreviewRefusesTheSame(String name, String text, String detail, EcrClient ecr) {
        assertInvalidParameter(catchThrowable(() -> ecr.startLifecyclePolicyPreview(r -> r.repositoryName("app").lifecyclePolicyText(text))),
                PREFIX + detail + "'");
    }

    @Test
    void theLengthBoundsComeFirst(EcrClient ecr) {
        assertInvalidParameter(catchThrowable(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText("{\"rules\":[]}"))),
                "Invalid parameter at 'lifecyclePolicyText' failed to satisfy constraint: 'must have length greater than or equal to 100'");
        String tooLong = policy(rule(1, SELECTION, EXPIRE)).replace("described", "d".repeat(30720));
        assertInvalidParameter(catchThrowable(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(tooLong))),
                "Invalid parameter at 'lifecyclePolicyText' failed to satisfy constraint: 'must have length less than or equal to 30720'");
    }

    @Test
    void aValidPolicyIsStoredMinifiedWithItsRulesByPriority(EcrClient ecr) {
        String pretty = "{\n  \"rules\": [\n    " + rule(20, tagged("tagPatternList", "[\"*test*1*2*3\", \"test*1*2*3*\"]"), EXPIRE)
                + ",\n    " + rule(3, SELECTION, EXPIRE) + "\n  ]\n}\n";
        String stored = "{\"rules\":[" + rule(3, SELECTION, EXPIRE) + ","
                + rule(20, tagged("tagPatternList", "[\"*test*1*2*3\",\"test*1*2*3*\"]"), EXPIRE) + "]}";

        assertThat(ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(pretty)).lifecyclePolicyText())
                .isEqualTo(stored);
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("app")).lifecyclePolicyText()).isEqualTo(stored);
        // The preview echoes its text exactly as sent.
        assertThat(ecr.startLifecyclePolicyPreview(r -> r.repositoryName("app").lifecyclePolicyText(pretty))
                .lifecyclePolicyText()).isEqualTo(pretty);
    }

    @Test
    void theUserGuidesPoliciesAreAccepted(EcrClient ecr) {
        // D3 "Combining archive and expire rules": an any rule per storage class, archive then expire after 365 days.
        String archiveThenExpire = policy(
                rule(1, "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"countNumber\":90}",
                        "{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}"),
                rule(2, "{\"tagStatus\":\"any\",\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\","
                        + "\"countUnit\":\"days\",\"countNumber\":365}", EXPIRE));
        ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(archiveThenExpire));
        // D3 all images B: an untagged rule and an any rule, and an explicit "standard" storage class.
        String untaggedAndAny = policy(
                rule(1, "{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"alpha*\"],\"storageClass\":\"standard\","
                        + "\"countType\":\"imageCountMoreThan\",\"countNumber\":1}", EXPIRE),
                rule(2, SELECTION, EXPIRE),
                rule(3, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}", EXPIRE));
        ecr.putLifecyclePolicy(r -> r.repositoryName("app").lifecyclePolicyText(untaggedAndAny));
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("app")).lifecyclePolicyText()).isEqualTo(untaggedAndAny);
    }

    @Test
    void aMissingRepositoryIsReportedForAValidPolicy(EcrClient ecr) {
        assertThat(catchThrowable(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("nope")
                .lifecyclePolicyText(policy(rule(1, SELECTION, EXPIRE)))))).isInstanceOf(RepositoryNotFoundException.class);
    }
}
