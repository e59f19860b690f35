package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.registry.ImageId;
import dev.fakeecr.internal.registry.Positioned;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.LifecycleAction;
import dev.fakeecr.registry.StorageClass;
import java.util.ArrayList;
import java.util.List;

/**
 * StartLifecyclePolicyPreview, GetLifecyclePolicyPreview and UpdateImageStorageClass. The preview is
 * evaluated by the registry with the evaluator the real run uses; this class only decodes and encodes.
 */
final class LifecycleOperations {
    /** GetLifecyclePolicyPreview's page size without {@code maxResults}, and its largest (the model's 100). */
    private static final int PREVIEW_PAGE_SIZE = 100;

    private enum TagStatus { TAGGED, UNTAGGED, ANY }

    private enum TargetStorageClass { STANDARD, ARCHIVE }

    private LifecycleOperations() {}

    static ObjectNode startLifecyclePolicyPreview(OperationContext context, JsonInput input) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        String text = input.string("lifecyclePolicyText");
        if (text != null) {
            PolicyOperations.checkLifecyclePolicyLength(text);
        }
        Registry registry = context.registry(registryId);
        Registry.LifecyclePreview preview = registry.startLifecyclePolicyPreview(name, text);
        return JsonOutput.object().put("registryId", registry.accountId()).put("repositoryName", name)
                .put("lifecyclePolicyText", preview.policyText()).put("status", preview.status());
    }

    static ObjectNode getLifecyclePolicyPreview(OperationContext context, JsonInput input) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        List<JsonInput> idInputs = Params.listSize("imageIds", input.structures("imageIds"), 1, 100);
        Integer maxResults = input.integer("maxResults");
        if (maxResults != null && maxResults < 1) {
            throw EcrError.invalidParameter("maxResults", "must have value greater than or equal to 1");
        }
        if (maxResults != null && maxResults > PREVIEW_PAGE_SIZE) {
            throw EcrError.invalidParameter("maxResults", "must have value less than or equal to " + PREVIEW_PAGE_SIZE);
        }
        String nextToken = input.string("nextToken");
        if (idInputs != null) {
            Params.notWithIds(maxResults, nextToken);
        }
        JsonInput filter = input.structure("filter");
        TagStatus tagStatus = filter == null ? null
                : Params.enumValue("filter.tagStatus", filter.string("tagStatus"), TagStatus.class);
        Registry registry = context.registry(registryId);
        Registry.LifecyclePreview preview = registry.lifecyclePolicyPreview(name);

        List<LifecycleAction> selected = new ArrayList<>();
        for (LifecycleAction result : preview.results()) {
            boolean tagMatches = tagStatus == null || tagStatus == TagStatus.ANY
                    || (tagStatus == TagStatus.TAGGED) != result.tags().isEmpty();
            if (tagMatches && (idInputs == null || idInputs.stream().anyMatch(id -> names(id, result)))) {
                selected.add(result);
            }
        }
        // The preview's own order (by rule, then push time) is no key order: pages are keyed by place in it.
        List<Positioned<LifecycleAction>> placed = new ArrayList<>(selected.size());
        for (int i = 0; i < selected.size(); i++) {
            placed.add(new Positioned<>(i, selected.get(i)));
        }
        Pages.Scope scope = Pages.Scope.of(context, registryId, name, String.valueOf(tagStatus));
        ObjectNode output = Pages.of(placed, p -> Pages.positionKey(p.position()), maxResults, nextToken,
                        PREVIEW_PAGE_SIZE, scope)
                .toOutput("previewResults", p -> previewResult(p.item()));
        output.put("registryId", registry.accountId()).put("repositoryName", name)
                .put("lifecyclePolicyText", preview.policyText()).put("status", preview.status());
        output.set("summary", summary(preview.results()));
        return output;
    }

    /** An image id names a result by digest, by tag, or both (both must agree). */
    private static boolean names(JsonInput id, LifecycleAction result) {
        String digest = id.string("imageDigest");
        String tag = id.string("imageTag");
        return (digest != null || tag != null) && (digest == null || digest.equals(result.digest()))
                && (tag == null || result.tags().contains(tag));
    }

    private static ObjectNode previewResult(LifecycleAction result) {
        ObjectNode node = JsonOutput.object();
        if (!result.tags().isEmpty()) {
            ArrayNode tags = node.putArray("imageTags");
            result.tags().forEach(tags::add);
        }
        node.put("imageDigest", result.digest()).put("imagePushedAt", JsonOutput.timestamp(result.pushedAt()));
        ObjectNode action = node.putObject("action").put("type", result.type().name());
        if (result.type() == LifecycleAction.Type.TRANSITION) {
            action.put("targetStorageClass", StorageClass.ARCHIVE.name());
        }
        return node.put("appliedRulePriority", result.rulePriority()).put("storageClass", result.storageClass().name());
    }

    /** Counts over the whole preview, whatever the page or filter. */
    private static ObjectNode summary(List<LifecycleAction> results) {
        long expiring = results.stream().filter(r -> r.type() == LifecycleAction.Type.EXPIRE).count();
        long transitioning = results.size() - expiring;
        ObjectNode summary = JsonOutput.object().put("expiringImageTotalCount", expiring);
        if (transitioning > 0) {
            summary.putArray("transitioningImageTotalCounts").addObject()
                    .put("targetStorageClass", StorageClass.ARCHIVE.name()).put("imageTotalCount", transitioning);
        }
        return summary;
    }

    static ObjectNode updateImageStorageClass(OperationContext context, JsonInput input) {
        String name = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        ImageId id = Params.imageId(input);
        TargetStorageClass target = Params.enumValue("targetStorageClass",
                Params.required("targetStorageClass", input.string("targetStorageClass")), TargetStorageClass.class);
        Registry registry = context.registry(registryId);
        ImageInfo image = registry.updateImageStorageClass(name, id, StorageClass.valueOf(target.name()));
        ObjectNode output = JsonOutput.object().put("registryId", registry.accountId()).put("repositoryName", name);
        output.set("imageId", JsonOutput.imageId(new ImageId(image.digest(), id.tag())));
        return output.put("imageStatus", image.status().name());
    }
}
