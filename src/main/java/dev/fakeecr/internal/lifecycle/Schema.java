package dev.fakeecr.internal.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.registry.LifecycleAction;
import dev.fakeecr.registry.StorageClass;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON-schema half of ECR's policy validation (its messages are those of a draft-4 schema validator):
 * object shapes, types, the {@code tagStatus} enum, then {@code selection} as a {@code oneOf} of one branch
 * per count type and {@code action} as a {@code oneOf} of expire and transition. A selection or action that
 * fits no branch is reported as such, not by the member that broke it, as ECR does.
 */
final class Schema {
    private static final Set<String> RULE_MEMBERS = Set.of("rulePriority", "description", "selection", "action");
    private static final Set<String> RULE_REQUIRED = Set.of("rulePriority", "selection", "action");
    private static final Set<String> SELECTION_MEMBERS = Set.of("tagStatus", "tagPrefixList", "tagPatternList",
            "storageClass", "countType", "countUnit", "countNumber");

    private Schema() {}

    /** Unknown members, then missing required ones (both listed sorted, as the validator does). */
    static void checkObject(ObjectNode node, Set<String> allowed, Set<String> required) {
        Set<String> missing = new TreeSet<>(required);
        missing.removeIf(node::has);
        if (!missing.isEmpty()) {
            throw PolicyMessages.failure(PolicyMessages.missing(missing));
        }
        Set<String> unknown = new TreeSet<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw PolicyMessages.failure(PolicyMessages.notAllowed(unknown));
        }
    }

    static void checkType(JsonNode node, String type) {
        String actual = typeOf(node);
        if (!actual.equals(type)) {
            throw PolicyMessages.failure(PolicyMessages.wrongType(actual, type));
        }
    }

    /** The validator's type names. */
    static String typeOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isArray() ? "array" : "object";
    }

    static LifecycleRule rule(JsonNode node) {
        checkType(node, "object");
        ObjectNode rule = (ObjectNode) node;
        checkObject(rule, RULE_MEMBERS, RULE_REQUIRED);
        int priority = (int) integer(rule.get("rulePriority"), 1, Integer.MAX_VALUE);
        if (rule.has("description")) {
            checkType(rule.get("description"), "string");
        }
        JsonNode selection = rule.get("selection");
        checkType(selection, "object");
        LifecycleRule.TagStatus tagStatus = tagStatus(selection.get("tagStatus"));
        List<String> prefixes = stringList(selection.get("tagPrefixList"));
        List<String> patterns = stringList(selection.get("tagPatternList"));
        Branch branch = selectionBranch((ObjectNode) selection, tagStatus);
        JsonNode action = rule.get("action");
        checkType(action, "object");
        LifecycleAction.Type type = action((ObjectNode) action);
        return new LifecycleRule(priority, tagStatus, prefixes, patterns, branch.storageClass(), branch.countType(),
                branch.countNumber(), type);
    }

    private static long integer(JsonNode node, long minimum, long maximum) {
        checkType(node, "integer");
        if (!node.canConvertToLong() || node.asLong() > maximum) {
            throw PolicyMessages.failure(PolicyMessages.aboveMaximum(maximum, node));
        }
        if (node.asLong() < minimum) {
            throw PolicyMessages.failure(PolicyMessages.belowMinimum(minimum, node));
        }
        return node.asLong();
    }

    /** Null when absent: a selection without tagStatus then fits no branch. */
    private static LifecycleRule.TagStatus tagStatus(JsonNode node) {
        if (node == null) {
            return null;
        }
        for (LifecycleRule.TagStatus status : LifecycleRule.TagStatus.values()) {
            if (node.isTextual() && node.asText().equals(status.name().toLowerCase(Locale.ROOT))) {
                return status;
            }
        }
        throw PolicyMessages.failure(PolicyMessages.notInTagStatusEnum(node));
    }

    private static List<String> stringList(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        checkType(node, "array");
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            checkType(item, "string");
            values.add(item.asText());
        }
        return values;
    }

    /** The count-type branch a selection fits. */
    private record Branch(LifecycleRule.CountType countType, StorageClass storageClass, long countNumber) {}

    private static Branch selectionBranch(ObjectNode selection, LifecycleRule.TagStatus tagStatus) {
        Iterator<String> names = selection.fieldNames();
        while (names.hasNext()) {
            if (!SELECTION_MEMBERS.contains(names.next())) {
                throw noSelectionBranch();
            }
        }
        if (tagStatus == null) {
            throw noSelectionBranch();
        }
        JsonNode countType = selection.get("countType");
        LifecycleRule.CountType type = countType == null || !countType.isTextual() ? null
                : switch (countType.asText()) {
                    case "imageCountMoreThan" -> LifecycleRule.CountType.IMAGE_COUNT_MORE_THAN;
                    case "sinceImagePushed" -> LifecycleRule.CountType.SINCE_IMAGE_PUSHED;
                    case "sinceImagePulled" -> LifecycleRule.CountType.SINCE_IMAGE_PULLED;
                    case "sinceImageTransitioned" -> LifecycleRule.CountType.SINCE_IMAGE_TRANSITIONED;
                    default -> null;
                };
        if (type == null) {
            throw noSelectionBranch();
        }
        JsonNode unit = selection.get("countUnit");
        boolean counted = type == LifecycleRule.CountType.IMAGE_COUNT_MORE_THAN;
        if (counted ? unit != null : unit == null || !unit.isTextual() || !unit.asText().equals("days")) {
            throw noSelectionBranch();
        }
        JsonNode storage = selection.get("storageClass");
        StorageClass storageClass;
        if (storage == null) {
            storageClass = StorageClass.STANDARD;
        } else if (storage.isTextual() && storage.asText().equals("standard")) {
            storageClass = StorageClass.STANDARD;
        } else if (storage.isTextual() && storage.asText().equals("archive")) {
            storageClass = StorageClass.ARCHIVE;
        } else {
            throw noSelectionBranch();
        }
        boolean transitioned = type == LifecycleRule.CountType.SINCE_IMAGE_TRANSITIONED;
        if (transitioned != (storageClass == StorageClass.ARCHIVE)) {
            throw noSelectionBranch();
        }
        JsonNode number = selection.get("countNumber");
        if (number == null || !number.isIntegralNumber() || !number.canConvertToLong() || number.asLong() < 1
                || number.asLong() > Integer.MAX_VALUE) {
            throw noSelectionBranch();
        }
        return new Branch(type, storageClass, number.asLong());
    }

    private static RuntimeException noSelectionBranch() {
        return PolicyMessages.failure(PolicyMessages.noBranch(4));
    }

    private static LifecycleAction.Type action(ObjectNode action) {
        JsonNode type = action.get("type");
        String name = type != null && type.isTextual() ? type.asText() : "";
        JsonNode target = action.get("targetStorageClass");
        if (name.equals("expire") && action.size() == 1) {
            return LifecycleAction.Type.EXPIRE;
        }
        if (name.equals("transition") && action.size() == 2 && target != null && target.isTextual()
                && target.asText().equals("archive")) {
            return LifecycleAction.Type.TRANSITION;
        }
        throw PolicyMessages.failure(PolicyMessages.noBranch(2));
    }
}
