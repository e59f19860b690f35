package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.registry.Digests;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.internal.registry.LayerInfo;
import dev.fakeecr.internal.registry.Registry;
import dev.fakeecr.internal.registry.Registries;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
    static final String DOWNLOAD_PREFIX = "/fake-ecr/layers/";

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
        String host = context.host();
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        String digest = layerDigest(Params.required("layerDigest", input.string("layerDigest")));
        Registry registry = context.registry(registryId);
        registry.downloadableLayer(repositoryName, digest);
        String url = "http://" + (host == null ? "127.0.0.1" : host) + DOWNLOAD_PREFIX + registry.accountId() + "/"
                + registry.region() + "/" + URLEncoder.encode(digest, StandardCharsets.UTF_8) + "/" + repositoryName;
        return JsonOutput.object().put("downloadUrl", url).put("layerDigest", digest);
    }

    /**
     * Serves a download URL: {@code /fake-ecr/layers/<account>/<region>/<digest>/<repository>}. 404 for a
     * layer the registry does not have, 410 for one whose bytes it did not keep.
     */
    static WireResponse download(Registries registries, String path, String requestId) {
        String[] parts = path.substring(DOWNLOAD_PREFIX.length()).split("/", 4);
        if (parts.length < 4) {
            return text(404, "fake-ecr: no layer at " + path, requestId);
        }
        String digest = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
        Registry registry = registries.registry(parts[0], parts[1]);
        Optional<byte[]> bytes = registry.layerBytes(parts[3], digest);
        if (bytes.isPresent()) {
            return WireResponse.bytes(200, "application/octet-stream", bytes.get(), requestId);
        }
        return registry.layer(parts[3], digest).isPresent()
                ? text(410, "fake-ecr: the bytes of layer " + digest + " were not kept (they were not uploaded, or"
                        + " went over the registry's layer-bytes bound of " + registry.layerMemory().boundBytes() + ")", requestId)
                : text(404, "fake-ecr: no layer " + digest + " in repository " + parts[3], requestId);
    }

    private static WireResponse text(int status, String message, String requestId) {
        return WireResponse.bytes(status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8), requestId);
    }

    private static String layerDigest(String digest) {
        if (!Digests.isWellFormed(digest)) {
            throw EcrError.invalidParameter("layerDigest",
                    "must satisfy regular expression '" + Digests.DIGEST_REGEX_TEXT + "'");
        }
        return digest;
    }
}
