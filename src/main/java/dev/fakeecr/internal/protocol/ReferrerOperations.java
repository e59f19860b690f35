package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.internal.registry.Referrer;
import dev.fakeecr.registry.EcrError;
import java.util.List;

/** ListImageReferrers, from the stored manifests whose {@code subject} names the image. */
final class ReferrerOperations {
    private enum ArtifactStatus { ACTIVE, ARCHIVED, ACTIVATING, ANY }

    private static final int DEFAULT_PAGE_SIZE = 50;

    private ReferrerOperations() {}

    static ObjectNode listImageReferrers(OperationContext context, JsonInput input) {
        String repositoryName = Params.repositoryName("repositoryName", input.string("repositoryName"));
        String registryId = Params.registryId(input.string("registryId"));
        JsonInput subject = Params.required("subjectId", input.structure("subjectId"));
        String digest = Params.imageDigest("subjectId.imageDigest",
                Params.required("subjectId.imageDigest", subject.string("imageDigest")));
        List<String> artifactTypes = null;
        ArtifactStatus status = ArtifactStatus.ACTIVE;
        JsonInput filter = input.structure("filter");
        if (filter != null) {
            artifactTypes = Params.listSize("filter.artifactTypes", filter.strings("artifactTypes"), 0, 5);
            if (artifactTypes != null && artifactTypes.isEmpty()) {
                artifactTypes = null;
            }
            ArtifactStatus given = Params.enumValue("filter.artifactStatus", filter.string("artifactStatus"),
                    ArtifactStatus.class);
            status = given == null ? status : given;
        }
        Integer maxResults = input.integer("maxResults");
        if (maxResults != null && (maxResults < 1 || maxResults > 50)) {
            throw EcrError.invalidParameter("maxResults", maxResults < 1 ? "must have value greater than or equal to 1"
                    : "must have value less than or equal to 50");
        }
        String nextToken = input.string("nextToken");
        ArtifactStatus wanted = status;
        List<Referrer> referrers = context.registry(registryId).referrers(repositoryName, digest, artifactTypes).stream()
                .filter(r -> wanted == ArtifactStatus.ANY || r.status().name().equals(wanted.name())).toList();
        return Pages.unordered(referrers, Referrer::digest, maxResults, nextToken, DEFAULT_PAGE_SIZE,
                        Pages.Scope.of(context, registryId, repositoryName, digest + " " + artifactTypes + " " + wanted))
                .toOutput("referrers", ReferrerOperations::referrer);
    }

    private static ObjectNode referrer(Referrer referrer) {
        ObjectNode node = JsonOutput.object().put("digest", referrer.digest()).put("mediaType", referrer.mediaType());
        if (referrer.artifactType() != null) {
            node.put("artifactType", referrer.artifactType());
        }
        node.put("size", referrer.size());
        if (!referrer.annotations().isEmpty()) {
            ObjectNode annotations = node.putObject("annotations");
            referrer.annotations().forEach(annotations::put);
        }
        return node.put("artifactStatus", referrer.status().name());
    }
}
