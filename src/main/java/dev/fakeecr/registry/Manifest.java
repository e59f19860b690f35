package dev.fakeecr.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What the registry reads from an image manifest: its resolved media type, artifact media type and size.
 * The manifest text itself is kept verbatim elsewhere; nothing here re-serialises it.
 */
record Manifest(String mediaType, String artifactMediaType, Long sizeInBytes, String subjectDigest,
                List<String> referencedManifests) {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Real ECR's answer to unparsable manifests and to manifests whose media type it cannot tell. */
    private static EcrError invalidJsonSyntax() {
        return EcrError.invalidParameter("ImageManifest", "Invalid JSON syntax");
    }

    /**
     * Parses a manifest and resolves its media type, as PutImage does (checks 9 and 10 of ECR's order):
     * the declared {@code imageManifestMediaType} wins, else the manifest's {@code mediaType}; a manifest with
     * neither is read as schema 1 and, unless it is one, refused with "Invalid JSON syntax" as ECR does.
     */
    static Manifest parse(String text, String declaredMediaType) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalidJsonSyntax();
        }
        if (root == null || !root.isObject()) {
            throw invalidJsonSyntax();
        }
        String embedded = root.path("mediaType").isTextual() ? root.get("mediaType").asText() : null;
        String mediaType = resolveMediaType(root, declaredMediaType, embedded);
        return new Manifest(mediaType, artifactMediaType(root, mediaType), size(root, mediaType),
                textAt(root.path("subject"), "digest"), referencedManifests(root, mediaType));
    }

    private static String resolveMediaType(JsonNode root, String declared, String embedded) {
        if (declared != null) {
            // [infer] ECR refuses a declared type it does not support, or one the manifest contradicts.
            if (!MediaTypes.SUPPORTED.contains(declared)) {
                throw EcrError.invalidParameter("ImageManifestMediaType",
                        "Invalid media type '" + declared + "'");
            }
            if (embedded != null && !embedded.equals(declared)) {
                throw EcrError.invalidParameter("ImageManifestMediaType",
                        "Media type '" + declared + "' does not match the media type '" + embedded
                                + "' of the image manifest");
            }
            return declared;
        }
        if (embedded != null) {
            if (!MediaTypes.SUPPORTED.contains(embedded)) {
                throw EcrError.invalidParameter("ImageManifestMediaType", "Invalid media type '" + embedded + "'");
            }
            return embedded;
        }
        if (root.path("schemaVersion").asInt(0) == 1) {
            return root.has("signatures") ? MediaTypes.DOCKER_MANIFEST_V1_SIGNED : MediaTypes.DOCKER_MANIFEST_V1;
        }
        throw invalidJsonSyntax();
    }

    private static String artifactMediaType(JsonNode root, String mediaType) {
        String artifactType = textAt(root, "artifactType");
        if (artifactType != null) {
            return artifactType;
        }
        return MediaTypes.isIndex(mediaType) ? null : textAt(root.path("config"), "mediaType");
    }

    /** Config plus layers for an image manifest; null for lists, whose size the registry sums from their children. */
    private static Long size(JsonNode root, String mediaType) {
        if (MediaTypes.isIndex(mediaType)) {
            return null;
        }
        long size = root.path("config").path("size").asLong(0);
        for (JsonNode layer : root.path("layers")) {
            size += layer.path("size").asLong(0);
        }
        return size;
    }

    /** The digests a manifest list or OCI index names; none for an image manifest. */
    private static List<String> referencedManifests(JsonNode root, String mediaType) {
        if (!MediaTypes.isIndex(mediaType)) {
            return List.of();
        }
        List<String> digests = new ArrayList<>();
        for (JsonNode child : root.path("manifests")) {
            String digest = textAt(child, "digest");
            if (digest != null) {
                digests.add(digest);
            }
        }
        return List.copyOf(digests);
    }

    private static String textAt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
