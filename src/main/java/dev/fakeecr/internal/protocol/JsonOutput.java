package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.registry.ExclusionFilter;
import dev.fakeecr.internal.registry.ImageFailure;
import dev.fakeecr.internal.registry.ImageId;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.registry.RepositoryInfo;
import dev.fakeecr.registry.ResourceTag;
import dev.fakeecr.registry.ScanResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The output shapes ECR sends, built from registry snapshots. Null members are left out, as AWS does. */
final class JsonOutput {
    private static final JsonNodeFactory NODES = new JsonNodeFactory(true);

    private JsonOutput() {}

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** awsJson timestamps: epoch seconds as a JSON number, with milliseconds as the fraction. */
    static BigDecimal timestamp(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    static ObjectNode repository(RepositoryInfo repository) {
        ObjectNode node = object()
                .put("repositoryArn", repository.arn())
                .put("registryId", repository.registryId())
                .put("repositoryName", repository.name())
                .put("repositoryUri", repository.uri())
                .put("createdAt", timestamp(repository.createdAt()))
                .put("imageTagMutability", repository.tagMutability().name());
        if (!repository.exclusionFilters().isEmpty()) {
            node.set("imageTagMutabilityExclusionFilters", exclusionFilters(repository.exclusionFilters()));
        }
        node.putObject("imageScanningConfiguration").put("scanOnPush", repository.scanOnPush());
        ObjectNode encryption = node.putObject("encryptionConfiguration")
                .put("encryptionType", repository.encryptionType());
        if (repository.kmsKey() != null) {
            encryption.put("kmsKey", repository.kmsKey());
        }
        return node;
    }

    static ArrayNode exclusionFilters(List<ExclusionFilter> filters) {
        ArrayNode array = array();
        filters.forEach(f -> array.addObject().put("filterType", f.filterType()).put("filter", f.filter()));
        return array;
    }

    /** The {@code Image} shape: the manifest verbatim, and the image id as the caller named it. */
    static ObjectNode image(ImageInfo image, ImageId imageId) {
        ObjectNode node = object()
                .put("registryId", image.registryId())
                .put("repositoryName", image.repositoryName());
        node.set("imageId", imageId(imageId));
        node.put("imageManifest", image.manifest())
                .put("imageManifestMediaType", image.manifestMediaType());
        return node;
    }

    static ObjectNode imageId(ImageId id) {
        ObjectNode node = object();
        if (id.digest() != null) {
            node.put("imageDigest", id.digest());
        }
        if (id.tag() != null) {
            node.put("imageTag", id.tag());
        }
        return node;
    }

    /** The {@code ImageDetail} shape of DescribeImages: one per digest, {@code imageTags} left out when untagged. */
    static ObjectNode imageDetail(ImageInfo image) {
        ObjectNode node = object()
                .put("registryId", image.registryId())
                .put("repositoryName", image.repositoryName())
                .put("imageDigest", image.digest());
        if (!image.tags().isEmpty()) {
            ArrayNode tags = node.putArray("imageTags");
            image.tags().forEach(tags::add);
        }
        node.put("imageSizeInBytes", image.sizeInBytes())
                .put("imagePushedAt", timestamp(image.pushedAt()))
                .put("imageManifestMediaType", image.manifestMediaType());
        if (image.artifactMediaType() != null) {
            node.put("artifactMediaType", image.artifactMediaType());
        }
        if (image.lastRecordedPullTime() != null) {
            node.put("lastRecordedPullTime", timestamp(image.lastRecordedPullTime()));
        }
        if (image.subjectDigest() != null) {
            node.put("subjectManifestDigest", image.subjectDigest());
        }
        if (image.scan() != null) {
            node.set("imageScanStatus", scanStatus());
            node.set("imageScanFindingsSummary", scanSummary(image.scan()));
        }
        if (image.lastArchivedAt() != null) {
            node.put("lastArchivedAt", timestamp(image.lastArchivedAt()));
        }
        if (image.lastActivatedAt() != null) {
            node.put("lastActivatedAt", timestamp(image.lastActivatedAt()));
        }
        return node.put("imageStatus", image.status().name());
    }

    /** A completed basic scan's status. */
    static ObjectNode scanStatus() {
        return object().put("status", "COMPLETE").put("description", "The scan was completed successfully.");
    }

    /** When a scan ran and how many findings it had per severity (the {@code ImageScanFindingsSummary} shape). */
    static ObjectNode scanSummary(ScanResult scan) {
        ObjectNode summary = object()
                .put("imageScanCompletedAt", timestamp(scan.completedAt()))
                .put("vulnerabilitySourceUpdatedAt", timestamp(scan.completedAt()));
        ObjectNode counts = summary.putObject("findingSeverityCounts");
        scan.findings().forEach(f -> counts.put(f.severity(), counts.path(f.severity()).asInt(0) + 1));
        return summary;
    }

    /** Resource tags, whose members are capitalised on the wire. */
    static ArrayNode resourceTags(List<ResourceTag> tags) {
        ArrayNode array = array();
        tags.forEach(t -> array.addObject().put("Key", t.key()).put("Value", t.value()));
        return array;
    }

    static ObjectNode failure(ImageFailure failure) {
        ObjectNode node = object();
        node.set("imageId", imageId(failure.imageId()));
        return node.put("failureCode", failure.failureCode()).put("failureReason", failure.failureReason());
    }
}
