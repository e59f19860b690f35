package dev.fakeecr.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeecr.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** A stored manifest's top-level {@code annotations}, read when a referrer is listed. */
final class Annotations {
    private Annotations() {}

    static Map<String, String> of(String manifest) {
        Map<String, String> annotations = new LinkedHashMap<>();
        try {
            JsonNode node = Json.MAPPER.readTree(manifest).path("annotations");
            node.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    annotations.put(e.getKey(), e.getValue().textValue());
                }
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NumberFormatException storedManifestsParse) {
            // a stored manifest parsed when it was pushed (ManifestReader sends anything the tree refuses to it)
        }
        return annotations;
    }
}
