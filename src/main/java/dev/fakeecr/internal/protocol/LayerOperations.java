package dev.fakeecr.internal.protocol;

import java.net.URI;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.internal.registry.LayerInfo;
import dev.fakeecr.internal.registry.Registry;
import java.util.List;
import java.util.Optional;

/**
 * The layer APIs: InitiateLayerUpload, UploadLayerPart, CompleteLayerUpload, BatchCheckLayerAvailability
 * and GetDownloadUrlForLayer (whose URL the fake serves itself).
 */
final class LayerOperations {
    /** [infer] What InitiateLayerUpload advises as the part size: 10 MiB, ECR's maximum part size quota. */
    static final long PART_SIZE = 10L * 1024 * 1024;
    /** The model's limit on one part's blob. */
    static final int MAX_PART_BYTES = 20_971_520;
    /** The path under which the fake serves layer downloads. */

    private LayerOperations() {}

    static ObjectNode initiateLayerUpload(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        String uploadId = context.registry(registryId).initiateLayerUpload(repositoryName);
        return JsonOutput.object().put("uploadId", uploadId).put("partSize", PART_SIZE);
    }

    static ObjectNode uploadLayerPart(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        String uploadId = Params.uploadId(input.string("uploadId"));
        long first = Params.nonNegative("partFirstByte", input.longValue("partFirstByte"));
        long last = Params.nonNegative("partLastByte", input.longValue("partLastByte"));
        byte[] part = input.blob("layerPartBlob");
        if (part == null) {
            throw EcrError.invalidParameter("layerPartBlob", "must not be null");
        }
        if (part.length > MAX_PART_BYTES) {
            throw EcrError.invalidParameter("layerPartBlob", "must have length less than or equal to " + MAX_PART_BYTES);
        }
        Registry registry = context.registry(registryId);
        long lastByte = registry.uploadLayerPart(repositoryName, uploadId, first, last, part);
        return JsonOutput.object().put("registryId", registry.accountId()).put("repositoryName", repositoryName)
                .put("uploadId", uploadId).put("lastByteReceived", lastByte);
    }

    static ObjectNode completeLayerUpload(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        String uploadId = Params.uploadId(input.string("uploadId"));
        List<String> digests = Params.listSize("layerDigests",
                Params.required("layerDigests", input.strings("layerDigests")), 1, 100);
        digests.forEach(LayerOperations::layerDigest);
        Registry registry = context.registry(registryId);
        String digest = registry.completeLayerUpload(repositoryName, uploadId, digests);
        return JsonOutput.object().put("registryId", registry.accountId()).put("repositoryName", repositoryName)
                .put("uploadId", uploadId).put("layerDigest", digest);
    }

    /** Each digest is answered on its own: a layer (available or not) or a failure. */
    static ObjectNode batchCheckLayerAvailability(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        List<String> digests = Params.listSize("layerDigests",
                Params.required("layerDigests", input.strings("layerDigests")), 1, 100);
        Registry registry = context.registry(registryId);
        registry.describeRepository(repositoryName); // RepositoryNotFoundException before any per-layer answer
        ObjectNode output = JsonOutput.object();
        ArrayNode layers = output.putArray("layers");
        ArrayNode failures = output.putArray("failures");
        for (String digest : digests) {
            if (digest.isEmpty()) {
                failures.addObject().put("layerDigest", digest).put("failureCode", "MissingLayerDigest")
                        .put("failureReason", "Missing layer digest"); // [infer] reason text
            } else if (digest.length() > 1000 || !Digests.isWellFormed(digest)) {
                failures.addObject().put("layerDigest", digest).put("failureCode", "InvalidLayerDigest")
                        .put("failureReason", "Invalid layer digest"); // [infer] reason text
            } else {
                Optional<LayerInfo> layer = registry.layer(repositoryName, digest);
                ObjectNode entry = layers.addObject().put("layerDigest", digest)
                        .put("layerAvailability", layer.isPresent() ? "AVAILABLE" : "UNAVAILABLE");
                layer.ifPresent(l -> {
                    entry.put("layerSize", l.size());
                    if (l.mediaType() != null) {
                        entry.put("mediaType", l.mediaType());
                    }
                });
            }
        }
        return output;
    }

    static ObjectNode getDownloadUrlForLayer(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        String digest = layerDigest(Params.required("layerDigest", input.string("layerDigest")));
        Registry registry = context.registry(registryId);
        registry.downloadableLayer(repositoryName, digest);
        // The server's own address, never the request's Host header; signed for the caller, expiring on the registry's clock.
        String url = LayerUrls.url(URI.create("http://" + context.host()), context.scope().accountId(), registry.accountId(),
                registry.region(), digest, repositoryName, registry.now().plus(LayerUrls.VALIDITY));
        return JsonOutput.object().put("downloadUrl", url).put("layerDigest", digest);
    }

    private static String layerDigest(String digest) {
        if (!Digests.isWellFormed(digest)) {
            throw EcrError.invalidParameter("layerDigest",
                    "must satisfy regular expression '" + Digests.DIGEST_REGEX_TEXT + "'");
        }
        return digest;
    }
}
