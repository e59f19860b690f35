package dev.fakeecr.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.registry.BatchGetImageResult;
import dev.fakeecr.registry.ImageId;
import dev.fakeecr.registry.ImageInfo;
import java.util.ArrayList;
import java.util.List;

/** PutImage and BatchGetImage. */
final class ImageOperations {
    private ImageOperations() {}

    /** Parameter checks 1–7 of ECR's order here; checks 8 on (repository, manifest, digest, tags) in the registry. */
    static ObjectNode putImage(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        String manifest = Params.imageManifest(input.string("imageManifest"));
        String mediaType = input.string("imageManifestMediaType");
        String tag = Params.imageTag("imageTag", input.string("imageTag"));
        String digest = Params.imageDigest("imageDigest", input.string("imageDigest"));
        ImageInfo image = context.registry(registryId).putImage(repositoryName, manifest, mediaType, tag, digest);
        ObjectNode output = JsonOutput.object();
        output.set("image", JsonOutput.image(image, new ImageId(image.digest(), tag)));
        return output;
    }

    static ObjectNode batchGetImage(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        List<ImageId> ids = imageIds(input);
        List<String> accepted = Params.listSize("acceptedMediaTypes", input.strings("acceptedMediaTypes"), 1, 100);
        BatchGetImageResult result = context.registry(registryId).batchGetImage(repositoryName, ids, accepted);
        ObjectNode output = JsonOutput.object();
        ArrayNode images = output.putArray("images");
        for (BatchGetImageResult.FoundImage found : result.images()) {
            // Echo the tag the caller asked by; an image asked for by digest comes back with the digest only.
            ImageId echoed = new ImageId(found.image().digest(), found.requestedId().tag());
            images.add(JsonOutput.image(found.image(), echoed));
        }
        ArrayNode failures = output.putArray("failures");
        result.failures().forEach(f -> failures.add(JsonOutput.failure(f)));
        return output;
    }

    /** {@code imageIds}, 1..100; each id's own problems become per-id failures, not errors. */
    private static List<ImageId> imageIds(JsonInput input) {
        List<JsonInput> ids = Params.listSize("imageIds",
                Params.required("imageIds", input.structures("imageIds")), 1, 100);
        List<ImageId> result = new ArrayList<>(ids.size());
        for (JsonInput id : ids) {
            result.add(new ImageId(id.string("imageDigest"), id.string("imageTag")));
        }
        return result;
    }
}
