package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.account.AccountKey;
import dev.fakeecr.internal.registry.BatchDeleteImageResult;
import dev.fakeecr.internal.registry.BatchGetImageResult;
import dev.fakeecr.internal.registry.ImageId;
import dev.fakeecr.registry.ImageInfo;
import dev.fakeecr.internal.registry.Positioned;
import dev.fakeecr.internal.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** PutImage, BatchGetImage, BatchDeleteImage, DescribeImages and ListImages. */
final class ImageOperations {
    /** What DescribeImages and ListImages return without {@code maxResults}. */
    private static final int DEFAULT_PAGE_SIZE = 100;

    private ImageOperations() {}

    /** Parameter checks 1–7 of ECR's order here; checks 8 on (repository, manifest, digest, tags) in the registry. */
    static ObjectNode putImage(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        String manifest = Params.imageManifest(input.string("imageManifest"));
        String mediaType = input.string("imageManifestMediaType");
        String tag = Params.imageTag("imageTag", input.string("imageTag"));
        String digest = Params.imageDigest("imageDigest", input.string("imageDigest"));
        Registry registry = context.registry(registryId);
        ImageInfo image = registry.putImage(repositoryName, manifest, mediaType, tag, digest);
        context.accounts().replication().imagePushed(new AccountKey(registry.accountId(), registry.region()),
                repositoryName, image.digest(), tag);
        ObjectNode output = JsonOutput.object();
        ObjectNode answered = JsonOutput.image(image, new ImageId(image.digest(), tag));
        // Only when the image keeps the very string this request sent (a new image): echo the literal's bytes.
        EscapedString sent = input.literal("imageManifest", image.manifest());
        if (sent != null) {
            answered.putPOJO("imageManifest", sent);
        }
        output.set("image", answered);
        return output;
    }

    static ObjectNode batchGetImage(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        List<ImageId> ids = imageIds(input);
        List<String> accepted = Params.listSize("acceptedMediaTypes", input.strings("acceptedMediaTypes"), 1, 100);
        Registry registry = context.registry(registryId);
        // A pull through cache fetches and caches what the repository does not hold yet.
        context.accounts().pullThroughCache().beforePull(context.caller(), registry, repositoryName,
                ids.stream().map(id -> id.tag() != null ? id.tag() : id.digest()).toList());
        BatchGetImageResult result = registry.batchGetImage(repositoryName, ids, accepted, context.principalArn());
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

    static ObjectNode batchDeleteImage(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        List<ImageId> ids = imageIds(input);
        BatchDeleteImageResult result = context.registry(registryId).batchDeleteImage(repositoryName, ids);
        ObjectNode output = JsonOutput.object();
        ArrayNode deleted = output.putArray("imageIds");
        result.deleted().forEach(id -> deleted.add(JsonOutput.imageId(id)));
        ArrayNode failures = output.putArray("failures");
        result.failures().forEach(f -> failures.add(JsonOutput.failure(f)));
        return output;
    }

    static ObjectNode describeImages(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        List<ImageId> ids = input.structures("imageIds") == null ? null : imageIds(input);
        if (ids != null) {
            // Unlike the batch operations, DescribeImages refuses a malformed digest outright.
            ids.forEach(id -> Params.imageDigest("imageDigest", id.digest()));
        }
        Filter filter = Filter.of(input.structure("filter"));
        if (ids != null) {
            filter = filter.forIds(); // [infer] an image asked for by id is described whatever its status
        }
        Integer maxResults = Params.maxResults(input.integer("maxResults"));
        String nextToken = input.string("nextToken");
        Registry registry = context.registry(registryId);
        if (ids != null) {
            Params.notWithIds(maxResults, nextToken);
            List<ImageInfo> described = registry.describeImages(repositoryName, ids).stream().filter(filter::accepts)
                    .collect(Collectors.toList());
            return new Pages.Page<>(described, null).toOutput("imageDetails", JsonOutput::imageDetail);
        }
        // In push order, keyed by push sequence: a page resumes after the last image it returned.
        Filter accepted = filter;
        List<Positioned<ImageInfo>> selected = registry.positionedImages(repositoryName).stream()
                .filter(p -> accepted.accepts(p.item())).collect(Collectors.toList());
        Pages.Scope scope = Pages.Scope.of(context, registryId, repositoryName, accepted.toString());
        Pages.Page<Positioned<ImageInfo>> page = Pages.of(selected, p -> Pages.positionKey(p.position()), maxResults,
                nextToken, DEFAULT_PAGE_SIZE, scope);
        return page.toOutput("imageDetails", p -> JsonOutput.imageDetail(p.item()));
    }

    /** One entry per (digest, tag) pair; an untagged image is one entry with its digest only. */
    static ObjectNode listImages(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        Filter filter = Filter.of(input.structure("filter"));
        Integer maxResults = Params.maxResults(input.integer("maxResults"));
        String nextToken = input.string("nextToken");
        // One entry per digest and tag, keyed by push sequence and tag (an image's tags in name order), so a page
        // resumes after the last entry it returned.
        List<Positioned<ImageId>> entries = new ArrayList<>();
        for (Positioned<ImageInfo> positioned : context.registry(registryId).positionedImages(repositoryName)) {
            ImageInfo image = positioned.item();
            if (!filter.accepts(image)) {
                continue;
            }
            if (image.tags().isEmpty()) {
                entries.add(new Positioned<>(positioned.position(), ImageId.ofDigest(image.digest())));
            }
            image.tags().stream().sorted()
                    .forEach(tag -> entries.add(new Positioned<>(positioned.position(), new ImageId(image.digest(), tag))));
        }
        Pages.Scope scope = Pages.Scope.of(context, registryId, repositoryName, filter.toString());
        return Pages.of(entries, e -> Pages.positionKey(e.position()) + "/" + (e.item().tag() == null ? "" : e.item().tag()),
                        maxResults, nextToken, DEFAULT_PAGE_SIZE, scope)
                .toOutput("imageIds", e -> JsonOutput.imageId(e.item()));
    }

    /** The {@code filter} of DescribeImages and ListImages: by tags, and by status (ACTIVE unless asked). */
    private record Filter(TagStatus tagStatus, ImageStatus imageStatus, boolean statusGiven) {
        private enum TagStatus { TAGGED, UNTAGGED, ANY }

        private enum ImageStatus { ACTIVE, ARCHIVED, ACTIVATING, ANY }

        static Filter of(JsonInput filter) {
            if (filter == null) {
                return new Filter(TagStatus.ANY, ImageStatus.ACTIVE, false);
            }
            TagStatus tagStatus = Params.enumValue("filter.tagStatus", filter.string("tagStatus"), TagStatus.class);
            ImageStatus imageStatus =
                    Params.enumValue("filter.imageStatus", filter.string("imageStatus"), ImageStatus.class);
            return new Filter(tagStatus == null ? TagStatus.ANY : tagStatus,
                    imageStatus == null ? ImageStatus.ACTIVE : imageStatus, imageStatus != null);
        }

        /** Without an explicit status, images named by id are taken in any status. */
        Filter forIds() {
            return statusGiven ? this : new Filter(tagStatus, ImageStatus.ANY, false);
        }

        boolean accepts(ImageInfo image) {
            boolean statusMatches = imageStatus == ImageStatus.ANY || imageStatus.name().equals(image.status().name());
            boolean tagMatches = tagStatus == TagStatus.ANY || (tagStatus == TagStatus.TAGGED) != image.tags().isEmpty();
            return statusMatches && tagMatches;
        }
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
