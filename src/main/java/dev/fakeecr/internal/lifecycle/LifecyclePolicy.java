package dev.fakeecr.internal.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.Json;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.LifecycleAction;
import dev.fakeecr.registry.StorageClass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A lifecycle policy ECR accepts: its rules in priority order, and its text as ECR stores it (minified, rules
 * sorted by {@code rulePriority}, keys in the order given).
 *
 * @param rules the rules, lowest {@code rulePriority} first
 * @param storedText the text PutLifecyclePolicy stores and Get/DeleteLifecyclePolicy return
 */
public record LifecyclePolicy(List<LifecycleRule> rules, String storedText) {
    /** ECR's quota of rules per policy (not adjustable). */
    public static final int MAX_RULES = 50;
    /** Archived images stay archived at least this long before a policy may delete them. */
    static final int MIN_ARCHIVE_DAYS = 90;

    public LifecyclePolicy {
        rules = List.copyOf(rules);
    }

    /**
     * Parses and validates a policy text as ECR does: the JSON schema first (the first violation, in document
     * order), then the rules' own constraints in priority order, then the constraints across rules.
     *
     * @param text the policy text, already within the member's length bounds
     * @return the policy
     * @throws EcrError {@code InvalidParameterException} with "Lifecycle policy validation failure: …"
     */
    public static LifecyclePolicy parse(String text) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException | NumberFormatException e) { // also a number no BigDecimal holds
            throw PolicyMessages.failure(PolicyMessages.NOT_A_POLICY);
        }
        if (root == null || !root.isObject()) {
            throw PolicyMessages.failure(PolicyMessages.NOT_A_POLICY);
        }
        ObjectNode policy = (ObjectNode) root;
        Schema.checkObject(policy, Set.of("rules"), Set.of("rules"));
        JsonNode rulesNode = policy.get("rules");
        Schema.checkType(rulesNode, "array");
        if (rulesNode.isEmpty()) {
            throw PolicyMessages.failure(PolicyMessages.tooFewRules()); // [infer] an empty policy is refused
        }
        List<LifecycleRule> rules = new ArrayList<>();
        for (JsonNode rule : rulesNode) {
            rules.add(Schema.rule(rule));
        }
        if (rules.size() > MAX_RULES) {
            throw PolicyMessages.failure(PolicyMessages.tooManyRules(rules.size()));
        }
        Set<Integer> priorities = new HashSet<>();
        for (LifecycleRule rule : rules) {
            if (!priorities.add(rule.priority())) {
                throw PolicyMessages.failure(PolicyMessages.duplicatePriority(rule.priority()));
            }
        }
        rules.sort(Comparator.comparingInt(LifecycleRule::priority));
        rules.forEach(LifecyclePolicy::checkRule);
        checkAcrossRules(rules);
        return new LifecyclePolicy(rules, storedText(policy));
    }

    /** One rule's constraints beyond the schema (reference §2, rows 13 and 14). */
    private static void checkRule(LifecycleRule rule) {
        boolean prefixes = !rule.tagPrefixes().isEmpty();
        boolean patterns = !rule.tagPatterns().isEmpty();
        if (rule.tagStatus() == LifecycleRule.TagStatus.TAGGED && !prefixes && !patterns) {
            throw PolicyMessages.failure(PolicyMessages.TAGGED_NEEDS_LIST);
        }
        if (prefixes && patterns) {
            throw PolicyMessages.failure(PolicyMessages.bothLists(rule.priority()));
        }
        if (rule.tagStatus() != LifecycleRule.TagStatus.TAGGED && (prefixes || patterns)) {
            throw PolicyMessages.failure(PolicyMessages.listWithoutTagged(rule.priority()));
        }
        for (String pattern : rule.tagPatterns()) {
            if (Wildcards.count(pattern) > 4) {
                throw PolicyMessages.failure(PolicyMessages.tooManyWildcards(pattern));
            }
        }
        if (rule.countType() == LifecycleRule.CountType.SINCE_IMAGE_PULLED
                && rule.action() != LifecycleAction.Type.TRANSITION) {
            throw PolicyMessages.failure(PolicyMessages.pulledMustTransition(rule.priority()));
        }
        if (rule.countType() == LifecycleRule.CountType.SINCE_IMAGE_TRANSITIONED) {
            if (rule.action() != LifecycleAction.Type.EXPIRE) {
                throw PolicyMessages.failure(PolicyMessages.transitionedMustExpire(rule.priority()));
            }
            if (rule.countNumber() < MIN_ARCHIVE_DAYS) {
                throw PolicyMessages.failure(PolicyMessages.archiveMinimum(rule.priority()));
            }
        }
    }

    /** The constraints across rules, per storage class (reference §2 "whole-policy rules"). */
    private static void checkAcrossRules(List<LifecycleRule> rules) {
        for (StorageClass storageClass : StorageClass.values()) {
            List<LifecycleRule> inClass = rules.stream().filter(r -> r.storageClass() == storageClass).toList();
            if (inClass.stream().filter(r -> r.tagStatus() == LifecycleRule.TagStatus.UNTAGGED).count() > 1) {
                throw PolicyMessages.failure(PolicyMessages.ONE_UNTAGGED_RULE);
            }
            for (int i = 0; i < inClass.size() - 1; i++) { // an any rule must be the last of its class
                if (inClass.get(i).tagStatus() == LifecycleRule.TagStatus.ANY) {
                    throw PolicyMessages.failure(PolicyMessages.ANY_RULE_LAST);
                }
            }
            Set<List<String>> selections = new HashSet<>();
            for (LifecycleRule rule : inClass) {
                List<String> selection = new ArrayList<>(rule.tagPrefixes().isEmpty() ? rule.tagPatterns()
                        : rule.tagPrefixes());
                if (selection.isEmpty()) {
                    continue;
                }
                selection.sort(null);
                selection.add(0, rule.tagPrefixes().isEmpty() ? "pattern" : "prefix");
                if (!selections.add(selection)) {
                    throw PolicyMessages.failure(PolicyMessages.duplicateSelection(rule.priority()));
                }
            }
        }
    }

    /** ECR's stored form: minified, rules sorted by priority, everything else as given. */
    private static String storedText(ObjectNode policy) {
        ObjectNode copy = policy.deepCopy();
        ArrayNode rules = (ArrayNode) copy.get("rules");
        List<JsonNode> sorted = new ArrayList<>();
        rules.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(r -> r.get("rulePriority").asLong()));
        rules.removeAll();
        sorted.forEach(rules::add);
        try {
            return Json.MAPPER.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed policy always serialises", e);
        }
    }
}
