package dev.fakeecr.internal.registry;

import dev.fakeecr.internal.Json;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.MediaTypes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the registry reads from an image manifest: its resolved media type, artifact media type and size.
 * The manifest text itself is kept verbatim elsewhere; nothing here re-serialises it.
 */
record Manifest(String mediaType, String artifactMediaType, long sizeInBytes, String subjectDigest,
                List<String> referencedManifests, List<Blob> blobs) {

    /**
     * The {@code sizeInBytes} of a manifest list: the registry sizes it from its largest image (a primitive, not a
     * null {@code Long}: every image keeps its manifest, and a boxed size is one more object per image).
     */
    static final long SIZED_BY_ITS_IMAGES = -1;

    public Manifest {
        mediaType = CanonicalMediaTypes.of(mediaType); // one instance of each common name, however many images
        artifactMediaType = CanonicalMediaTypes.of(artifactMediaType);
    }

    /**
     * This manifest with each blob replaced by the instance {@code shared} gives for it, so the images of a
     * repository hold each layer once (digest and all), not once per image.
     *
     * @param shared the instance to keep for a blob: an equal one held already, or one naming the digest string
     *     held already, or the blob itself; called once per blob
     * @return this, or a copy naming the shared blobs
     */
    Manifest withSharedBlobs(UnaryOperator<Blob> shared) {
        List<Blob> kept = null;
        for (int i = 0; i < blobs.size(); i++) {
            Blob blob = blobs.get(i);
            Blob instance = shared.apply(blob);
            if (instance != blob) { // held elsewhere already, whole or by its digest
                if (kept == null) {
                    kept = new ArrayList<>(blobs);
                }
                kept.set(i, instance);
            }
        }
        return kept == null ? this
                : new Manifest(mediaType, artifactMediaType, sizeInBytes, subjectDigest, referencedManifests, List.copyOf(kept));
    }


    private static final ObjectMapper JSON = Json.MAPPER;

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
        return parse(text, text.getBytes(StandardCharsets.UTF_8), declaredMediaType);
    }

    /**
     * As {@link #parse(String, String)}, given the manifest's UTF-8 bytes too (PutImage has them for the
     * digest). A well-formed manifest is read in one pass over the bytes ({@link ManifestReader}); anything
     * that pass is not sure of is read as a tree, whose answers (and refusals) are the definition.
     */
    static Manifest parse(String text, byte[] utf8, String declaredMediaType) {
        Manifest read = ManifestReader.read(utf8, declaredMediaType);
        return read != null ? read : parseTree(text, declaredMediaType);
    }

    /** The definition: the manifest read as a JSON tree. */
    static Manifest parseTree(String text, String declaredMediaType) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException | NumberFormatException e) { // also a number no BigDecimal holds
            throw invalidJsonSyntax();
        }
        if (root == null || !root.isObject()) {
            throw invalidJsonSyntax();
        }
        String embedded = root.path("mediaType").isTextual() ? root.get("mediaType").asText() : null;
        String mediaType = resolveMediaType(root, declaredMediaType, embedded);
        checkDescriptors(root, mediaType);
        return new Manifest(mediaType, artifactMediaType(root, mediaType), size(root, mediaType),
                textAt(root.path("subject"), "digest"), referencedManifests(root, mediaType), blobs(root, mediaType));
    }

    private static String resolveMediaType(JsonNode root, String declared, String embedded) {
        String resolved = resolveMediaType(declared, embedded);
        if (resolved != null) {
            return resolved;
        }
        if (root.path("schemaVersion").asInt(0) == 1) {
            return root.has("signatures") ? MediaTypes.DOCKER_MANIFEST_V1_SIGNED : MediaTypes.DOCKER_MANIFEST_V1;
        }
        throw invalidJsonSyntax();
    }

    /**
     * The declared media type, else the embedded one, each refused if ECR does not support it or they
     * disagree; null when neither is given (then the manifest's schema version decides).
     */
    static String resolveMediaType(String declared, String embedded) {
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
        return null;
    }

    private static String artifactMediaType(JsonNode root, String mediaType) {
        String artifactType = textAt(root, "artifactType");
        if (artifactType != null) {
            return artifactType;
        }
        return MediaTypes.isIndex(mediaType) ? null : textAt(root.path("config"), "mediaType");
    }

    /**
     * Config plus layers for an image manifest; {@link #SIZED_BY_ITS_IMAGES} for lists;
     * 0 for schema 1, which has no sized descriptors (checkDescriptors does not read them, so they could overflow).
     */
    private static long size(JsonNode root, String mediaType) {
        if (MediaTypes.isIndex(mediaType)) {
            return SIZED_BY_ITS_IMAGES;
        }
        if (isSchema1(mediaType)) {
            return 0;
        }
        long size = sizeOf(root.path("config"));
        for (JsonNode layer : root.path("layers")) {
            size = Math.addExact(size, sizeOf(layer)); // checkDescriptors refused any sum past Long.MAX_VALUE
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

    /** The config and layers of an image manifest (Docker v2, OCI); none for lists and schema 1. */
    private static List<Blob> blobs(JsonNode root, String mediaType) {
        if (!MediaTypes.DOCKER_MANIFEST_V2.equals(mediaType) && !MediaTypes.OCI_MANIFEST.equals(mediaType)) {
            return List.of();
        }
        List<Blob> blobs = new ArrayList<>();
        addBlob(blobs, root.path("config"));
        for (JsonNode layer : root.path("layers")) {
            addBlob(blobs, layer);
        }
        return List.copyOf(blobs);
    }

    private static void addBlob(List<Blob> blobs, JsonNode descriptor) {
        String digest = textAt(descriptor, "digest");
        if (digest != null) {
            blobs.add(new Blob(digest, sizeOf(descriptor), textAt(descriptor, "mediaType")));
        }
    }

    /**
     * The descriptors of an image manifest or list are what ECR reads sizes from: the config (an object), the
     * layers and a list's manifests (arrays of objects), each {@code size} a whole number from 0 up, and an
     * image's config and layer sizes summing within a long. Refused otherwise, before anything is stored.
     */
    static boolean isSchema1(String mediaType) {
        return MediaTypes.DOCKER_MANIFEST_V1.equals(mediaType) || MediaTypes.DOCKER_MANIFEST_V1_SIGNED.equals(mediaType);
    }

    private static void checkDescriptors(JsonNode root, String mediaType) {
        if (isSchema1(mediaType)) {
            return; // schema 1 has no sized descriptors
        }
        long total = 0;
        JsonNode config = root.get("config");
        if (config != null && !config.isNull()) {
            if (!config.isObject()) {
                throw EcrError.invalidParameter("ImageManifest", Messages.manifestDescriptor("config"));
            }
            total = checkedSize(config, "config");
        }
        String list = MediaTypes.isIndex(mediaType) ? "manifests" : "layers";
        JsonNode descriptors = root.get(list);
        if (descriptors == null || descriptors.isNull()) {
            return;
        }
        if (!descriptors.isArray()) {
            throw EcrError.invalidParameter("ImageManifest", Messages.manifestDescriptor(list));
        }
        for (int i = 0; i < descriptors.size(); i++) {
            JsonNode descriptor = descriptors.get(i);
            String at = list + "[" + i + "]";
            if (!descriptor.isObject()) {
                throw EcrError.invalidParameter("ImageManifest", Messages.manifestDescriptor(at));
            }
            long size = checkedSize(descriptor, at);
            if (!MediaTypes.isIndex(mediaType)) {
                try {
                    total = Math.addExact(total, size);
                } catch (ArithmeticException overflow) {
                    throw EcrError.invalidParameter("ImageManifest", Messages.manifestSizeOverflow());
                }
            }
        }
    }

    /** A descriptor's {@code size}: absent counts 0, as before; anything but a whole number from 0 to Long.MAX_VALUE is refused. */
    private static long checkedSize(JsonNode descriptor, String at) {
        JsonNode size = descriptor.get("size");
        if (size == null || size.isNull()) {
            return 0;
        }
        if (!size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
            throw EcrError.invalidParameter("ImageManifest", Messages.manifestSize(at, size.toString()));
        }
        return size.longValue();
    }

    /** A checked descriptor's size. */
    private static long sizeOf(JsonNode descriptor) {
        JsonNode size = descriptor.get("size");
        return size == null || !size.isIntegralNumber() ? 0 : size.longValue();
    }

    private static String textAt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
