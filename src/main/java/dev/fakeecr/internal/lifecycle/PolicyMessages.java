package dev.fakeecr.internal.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeecr.registry.EcrError;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * ECR's lifecycle policy validation messages (reference lifecycle-policies.md §2.1). Each is the detail after
 * "Lifecycle policy validation failure: "; the label says how sure the wording is: [field] seen from real ECR,
 * [emu] another emulator's, [infer] the fake's own (the rule is ECR's, the words are not known).
 */
final class PolicyMessages {
    /** [emu] Not JSON, or not an object. */
    static final String NOT_A_POLICY = "Could not map policyString into LifecyclePolicy.";
    /** [field-file] A tagged rule without a list. */
    static final String TAGGED_NEEDS_LIST = "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.";
    /** [field-file] Two untagged rules in one storage class. */
    static final String ONE_UNTAGGED_RULE = "Only one rule can select Untagged images per storage class.";
    /** [field-file] An any rule before another rule of its class. */
    static final String ANY_RULE_LAST = "Rule for tagStatus=ANY must have the lowest priority per storage class";

    private PolicyMessages() {}

    /** InvalidParameterException on the capitalised member, as ECR words policy errors. */
    static EcrError failure(String detail) {
        return EcrError.invalidParameter("LifecyclePolicyText", "Lifecycle policy validation failure: " + detail);
    }

    /** [emu] */
    static String missing(Collection<String> names) {
        return "object has missing required properties (" + jsonList(names) + ")";
    }

    /** [emu] */
    static String notAllowed(Collection<String> names) {
        return "object instance has properties which are not allowed by the schema: (" + jsonList(names) + ")";
    }

    /** [field] for a null list; [emu] otherwise. */
    static String wrongType(String actual, String allowed) {
        return "instance type (" + actual + ") does not match any allowed primitive type (allowed: [\"" + allowed
                + "\"])";
    }

    /** [emu] */
    static String notInTagStatusEnum(JsonNode value) {
        return "instance value (" + value + ") not found in enum :(possible values: [\"any\", \"tagged\", \"untagged\"])";
    }

    /** [field] "matched 0 out of 2" for an action and "out of 4" for a selection. */
    static String noBranch(int branches) {
        return "instance failed to match exactly one schema (matched 0 out of " + branches + ")";
    }

    /** [emu] */
    static String belowMinimum(long minimum, JsonNode found) {
        return "numeric instance is lower than the required minimum (minimum: " + minimum + ", found: " + found + ")";
    }

    /** [infer] the validator's wording for a maximum. */
    static String aboveMaximum(long maximum, JsonNode found) {
        return "numeric instance is greater than the required maximum (maximum: " + maximum + ", found: " + found
                + ")";
    }

    /** [infer] the validator's wording for minItems. */
    static String tooFewRules() {
        return "array is too short: must have at least 1 elements but instance has 0 elements";
    }

    /** [infer] the quota is ECR's (50), the wording the fake's. */
    static String tooManyRules(int count) {
        return "A lifecycle policy can have at most " + LifecyclePolicy.MAX_RULES + " rules; this one has " + count
                + ".";
    }

    /** [infer] */
    static String duplicatePriority(int priority) {
        return "Rule priorities must be unique; more than one rule has rulePriority " + priority + ".";
    }

    /** [infer] */
    static String bothLists(int priority) {
        return "Rule " + priority + " specifies both tagPrefixList and tagPatternList; a rule may have only one.";
    }

    /** [infer] */
    static String listWithoutTagged(int priority) {
        return "Rule " + priority + ": tagPrefixList and tagPatternList may only be used when tagStatus=TAGGED.";
    }

    /** [infer] the limit (4) is documented, the wording is the fake's. */
    static String tooManyWildcards(String pattern) {
        return "The tag pattern '" + pattern + "' has more than 4 wildcards (*).";
    }

    /** [infer] */
    static String pulledMustTransition(int priority) {
        return "Rule " + priority + ": countType=sinceImagePulled can only be used with action type=transition.";
    }

    /** [infer] */
    static String transitionedMustExpire(int priority) {
        return "Rule " + priority + ": countType=sinceImageTransitioned can only be used with action type=expire.";
    }

    /** [infer] the 90-day minimum is documented, the check and wording are the fake's. */
    static String archiveMinimum(int priority) {
        return "Rule " + priority + ": archived images must stay archived at least " + LifecyclePolicy.MIN_ARCHIVE_DAYS
                + " days; countNumber for sinceImageTransitioned must be at least " + LifecyclePolicy.MIN_ARCHIVE_DAYS
                + ".";
    }

    /** [infer] */
    static String duplicateSelection(int priority) {
        return "Rule " + priority + ": rules selecting one storage class must have a unique set of prefixes or"
                + " patterns.";
    }

    private static String jsonList(Collection<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
