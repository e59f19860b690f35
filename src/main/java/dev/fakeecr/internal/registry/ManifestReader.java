package dev.fakeecr.internal.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fakeecr.internal.Json;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a well-formed manifest in one streaming pass over its UTF-8 bytes, with no JSON tree: every push parses
 * its manifest, and the tree cost more than the rest of PutImage. It answers only where it is sure to answer as
 * {@link Manifest#parseTree} would: JSON that parses to its end, the members the registry reads of the types they
 * should have and given once, a media type ECR resolves and descriptor sizes it accepts. For anything else
 * (malformed or unusual JSON, a schema 1 manifest, any refusal) it answers null, and the tree decides.
 */
final class ManifestReader {
    private static final JsonFactory JSON = Json.MAPPER.getFactory();

    private ManifestReader() {}

    /** One descriptor: a config, a layer or a list's manifest. */
    private record Descriptor(String mediaType, String digest, long size) {}

    /**
     * The manifest as {@link Manifest#parseTree} reads it, or null where that is not certain.
     *
     * @param utf8 the manifest's bytes
     * @param declaredMediaType PutImage's {@code imageManifestMediaType}, or null
     */
    static Manifest read(byte[] utf8, String declaredMediaType) {
        if (!plain(utf8)) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(utf8)) {
            return read(parser, declaredMediaType);
        } catch (NotSure | IOException | EcrError | ArithmeticException e) { // unusual, malformed or refused
            return null;
        }
    }

    /** Where this pass is not sure to read as the tree does: the tree decides then. No stack trace: it is flow. */
    private static final class NotSure extends Exception {
        private static final long serialVersionUID = 1L;

        NotSure() {
            super(null, null, false, false);
        }
    }

    private static final NotSure NOT_SURE = new NotSure();

    /** A string member's value, if it is a string the object did not give before. */
    private static String once(String before, JsonToken value, JsonParser parser) throws IOException, NotSure {
        if (before != null || value != JsonToken.VALUE_STRING) {
            throw NOT_SURE;
        }
        return parser.getText();
    }

    /** Checks that a structured member is of the expected kind and was not given before. */
    private static void expect(Object before, JsonToken value, JsonToken kind) throws NotSure {
        if (before != null || value != kind) {
            throw NOT_SURE;
        }
    }

    /**
     * Whether the bytes say exactly what the text does to a JSON parser: UTF-8 encodes a lone surrogate as
     * {@code ?}, a NUL byte can make the parser guess UTF-16 or UTF-32, and a byte parser skips a leading
     * byte order mark that the text's parser refuses. Each sends the manifest to the tree.
     */
    private static boolean plain(byte[] utf8) {
        if (utf8.length >= 3 && utf8[0] == (byte) 0xEF && utf8[1] == (byte) 0xBB && utf8[2] == (byte) 0xBF) {
            return false;
        }
        for (byte b : utf8) {
            if (b == '?' || b == 0) {
                return false;
            }
        }
        return true;
    }

    private static Manifest read(JsonParser parser, String declaredMediaType) throws IOException, NotSure {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String mediaType = null;
        String artifactType = null;
        Descriptor subject = null;
        Descriptor config = null;
        List<Descriptor> layers = null;
        List<Descriptor> manifests = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String member = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (member) {
                case "mediaType" -> mediaType = once(mediaType, value, parser);
                case "artifactType" -> artifactType = once(artifactType, value, parser);
                case "config" -> {
                    expect(config, value, JsonToken.START_OBJECT);
                    config = descriptor(parser);
                }
                case "layers" -> {
                    expect(layers, value, JsonToken.START_ARRAY);
                    layers = descriptors(parser);
                }
                case "manifests" -> {
                    expect(manifests, value, JsonToken.START_ARRAY);
                    manifests = descriptors(parser);
                }
                case "subject" -> {
                    expect(subject, value, JsonToken.START_OBJECT);
                    subject = descriptor(parser);
                }
                default -> parser.skipChildren(); // schemaVersion, annotations, signatures...: not read here
            }
        }
        if (parser.nextToken() != null) {
            return null; // trailing tokens: the tree refuses them
        }
        String subjectDigest = subject == null ? null : subject.digest();
        String resolved = Manifest.resolveMediaType(declaredMediaType, mediaType); // throws as the tree would
        if (resolved == null || Manifest.isSchema1(resolved)) {
            return null; // schema 1: read by the tree
        }
        boolean index = MediaTypes.isIndex(resolved);
        List<Descriptor> listed = index ? manifests : layers;
        long total = config == null ? 0 : config.size();
        if (listed != null && !index) {
            for (Descriptor descriptor : listed) {
                total = Math.addExact(total, descriptor.size()); // past a long, the tree refuses the manifest
            }
        }
        String artifactMediaType = artifactType != null ? artifactType
                : index || config == null ? null : config.mediaType();
        List<String> referenced = List.of();
        if (index && manifests != null) {
            List<String> digests = new ArrayList<>(manifests.size());
            for (Descriptor manifest : manifests) {
                if (manifest.digest() != null) {
                    digests.add(manifest.digest());
                }
            }
            referenced = List.copyOf(digests);
        }
        List<Blob> blobs = List.of();
        if (MediaTypes.DOCKER_MANIFEST_V2.equals(resolved) || MediaTypes.OCI_MANIFEST.equals(resolved)) {
            List<Blob> refs = new ArrayList<>(1 + (layers == null ? 0 : layers.size()));
            addBlob(refs, config);
            if (layers != null) {
                layers.forEach(layer -> addBlob(refs, layer));
            }
            blobs = List.copyOf(refs);
        }
        return new Manifest(resolved, artifactMediaType, index ? Manifest.SIZED_BY_ITS_IMAGES : total, subjectDigest,
                referenced, blobs);
    }

    private static void addBlob(List<Blob> blobs, Descriptor descriptor) {
        if (descriptor != null && descriptor.digest() != null) {
            blobs.add(new Blob(descriptor.digest(), descriptor.size(), descriptor.mediaType()));
        }
    }

    /** An array of descriptor objects, the parser on its start. */
    private static List<Descriptor> descriptors(JsonParser parser) throws IOException, NotSure {
        List<Descriptor> descriptors = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                throw NOT_SURE;
            }
            descriptors.add(descriptor(parser));
        }
        return descriptors;
    }

    /**
     * A descriptor object, the parser on its start: a string {@code mediaType} and {@code digest}, a {@code size}
     * from 0 to Long.MAX_VALUE, each at most once (the tree reads or refuses anything else).
     */
    private static Descriptor descriptor(JsonParser parser) throws IOException, NotSure {
        String mediaType = null;
        String digest = null;
        Long size = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String member = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (member) {
                case "mediaType" -> mediaType = once(mediaType, value, parser);
                case "digest" -> digest = once(digest, value, parser);
                case "size" -> {
                    if (size != null || value != JsonToken.VALUE_NUMBER_INT
                            || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            || parser.getLongValue() < 0) {
                        throw NOT_SURE;
                    }
                    size = parser.getLongValue();
                }
                default -> parser.skipChildren();
            }
        }
        return new Descriptor(mediaType, digest, size == null ? 0 : size);
    }
}
