package dev.fakeecr.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.MediaTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming manifest reader against the JSON tree that defines what PutImage reads: for generated manifests,
 * well-formed and not (wrong types, duplicates, nulls, odd sizes, lone surrogates, trailing text, schema 1, every
 * media type declared or embedded), {@link Manifest#parse} answers exactly as {@link Manifest#parseTree}: the
 * same record, or the same refusal.
 */
class ManifestReaderTest {
    private static final String[] MEDIA_TYPES = {MediaTypes.DOCKER_MANIFEST_V2, MediaTypes.OCI_MANIFEST,
        MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST_V2, MediaTypes.DOCKER_MANIFEST_V1,
        MediaTypes.DOCKER_MANIFEST_V1_SIGNED, "application/vnd.example+json"};

    private final Random random = new Random(20261130);
    /** Whether the manifest being made is of the usual, well-formed kind (half of them). */
    private boolean clean;

    @Test
    void readsEveryGeneratedManifestAsTheTreeDoes() {
        int read = 0;
        for (int i = 0; i < 30_000; i++) {
            String manifest = manifest();
            String declared = !clean && random.nextInt(3) == 0 ? pick(MEDIA_TYPES) : null;
            Object expected = outcome(() -> Manifest.parseTree(manifest, declared));

            assertThat(outcome(() -> Manifest.parse(manifest, declared))).as("%s declared %s", manifest, declared)
                    .isEqualTo(expected);
            Manifest streamed = ManifestReader.read(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8), declared);
            if (streamed != null) {
                read++;
                assertThat(streamed).as(manifest).isEqualTo(expected);
            }
        }
        assertThat(read).as("the streaming pass reads a good share itself").isGreaterThan(3_000);
    }

    @Test
    void readsATypicalImageManifestWithoutTheTree() {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_V2 + "\",\"config\":"
                + "{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1470,\"digest\":\"sha256:"
                + "a".repeat(64) + "\"},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
                + "\"size\":3208942,\"digest\":\"sha256:" + "b".repeat(64) + "\"}]}";

        Manifest streamed = ManifestReader.read(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8), null);

        assertThat(streamed).isNotNull().isEqualTo(Manifest.parseTree(manifest, null));
        assertThat(streamed.sizeInBytes()).isEqualTo(1470 + 3208942);
        assertThat(streamed.blobs()).hasSize(2);
    }

    /** The record, or the refusal's code and message. */
    private static Object outcome(java.util.function.Supplier<Manifest> parse) {
        try {
            return parse.get();
        } catch (EcrError e) {
            return e.code() + ": " + e.getMessage();
        }
    }

    private String manifest() {
        clean = random.nextBoolean();
        List<String> members = new ArrayList<>();
        int count = clean ? random.nextInt(2) * 2 + 5 : random.nextInt(7); // clean: schemaVersion, annotations...
        for (int i = 0; i < count; i++) {
            members.add(member());
        }
        if (clean || random.nextInt(4) > 0) { // most manifests are images or lists of the usual shape
            String type = clean ? MEDIA_TYPES[random.nextInt(4)] : pick(MEDIA_TYPES);
            members.add(0, "\"mediaType\":\"" + type + "\"");
            if (clean && random.nextBoolean()) {
                members.add(pick("\"subject\":" + descriptor(), "\"artifactType\":\"application/vnd.example.sbom\""));
            }
            if (MediaTypes.isIndex(type)) {
                members.add("\"manifests\":" + descriptors());
            } else {
                members.add("\"config\":" + descriptor());
                members.add("\"layers\":" + descriptors());
            }
        }
        String json = "{" + String.join(",", members) + "}";
        switch (clean ? 20 : random.nextInt(20)) {
            case 0 -> json += " x";
            case 1 -> json += "}";
            case 2 -> json = json.substring(0, random.nextInt(json.length()));
            case 3 -> json = " \n" + json + "\t";
            case 4 -> json = "[" + json + "]";
            case 5 -> json = "\uFEFF" + json; // a byte order mark: the text's parser refuses it
            default -> { }
        }
        return json;
    }

    private String member() {
        if (clean) {
            return pick("\"schemaVersion\":2", "\"annotations\":{\"a\":\"b\"}", "\"other\":[1,{\"size\":-1}]");
        }
        return switch (random.nextInt(11)) {
            case 0 -> "\"schemaVersion\":" + pick("2", "1", "\"1\"", "true", "null", "1.0");
            case 1 -> "\"mediaType\":" + pick("\"" + pick(MEDIA_TYPES) + "\"", "5", "null", "\"\\ud800\"");
            case 2 -> "\"artifactType\":" + pick("\"application/vnd.example.sbom\"", "5", "null", "\"\"");
            case 3 -> "\"config\":" + pick(descriptor(), "\"x\"", "[]", "null");
            case 4 -> "\"layers\":" + pick(descriptors(), "\"x\"", "[" + descriptor() + ",5]", "null", "{}");
            case 5 -> "\"manifests\":" + pick(descriptors(), "\"x\"", "[null]", "null");
            case 6 -> "\"subject\":" + pick(descriptor(), "\"x\"", "null", "[]");
            case 7 -> "\"annotations\":" + pick("{\"a\":\"b\"}", "{\"n\":{\"x\":[1,2,{\"y\":null}]}}", "[]");
            case 8 -> "\"signatures\":[]";
            case 9 -> "\"" + pick("config", "layers", "mediaType") + "\":" + pick(descriptor(), descriptors(), "\"t\"");
            default -> "\"other\":" + pick("1", "\"s\"", "{\"size\":-1}", "[[[]]]");
        };
    }

    private String descriptors() {
        List<String> items = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            items.add(descriptor());
        }
        return "[" + String.join(",", items) + "]";
    }

    private String descriptor() {
        List<String> members = new ArrayList<>();
        if (clean) {
            members.add("\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\"");
            members.add("\"digest\":\"sha256:" + Integer.toHexString(random.nextInt()) + "\"");
            members.add("\"size\":" + pick("0", "1470", String.valueOf(random.nextInt(Integer.MAX_VALUE))));
            java.util.Collections.shuffle(members, random);
            return "{" + String.join(",", members) + "}";
        }
        if (random.nextInt(5) > 0) {
            members.add("\"mediaType\":" + pick("\"application/vnd.oci.image.layer.v1.tar+gzip\"",
                    "\"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip\"", "5", "null"));
        }
        if (random.nextInt(6) > 0) {
            members.add("\"digest\":" + pick("\"sha256:" + "c".repeat(64) + "\"", "\"sha256:" + random.nextInt(9) + "\"",
                    "5", "null", "\"sha256:\\ud800\"", "\"sha256:?\""));
        }
        if (random.nextInt(6) > 0) {
            members.add("\"size\":" + pick("0", "1470", "-1", "1.5", "1e3", "9223372036854775807",
                    "9223372036854775808", "\"12\"", "null", "-0"));
        }
        if (random.nextInt(8) == 0) {
            members.add(pick("\"urls\":[\"https://example.com\"]", "\"platform\":{\"os\":\"linux\"}",
                    "\"size\":7", "\"digest\":\"sha256:dup\""));
        }
        java.util.Collections.shuffle(members, random);
        return "{" + String.join(",", members) + "}";
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
