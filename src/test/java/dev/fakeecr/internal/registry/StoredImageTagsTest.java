package dev.fakeecr.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An image's tags, kept as a small list and as a set past a few, against the insertion-ordered set they used to
 * be: for random adds and removes both hold the same tags in the same order.
 */
class StoredImageTagsTest {
    @Test
    void holdsTheTagsAnInsertionOrderedSetWould() {
        Random random = new Random(5);
        for (int round = 0; round < 500; round++) {
            StoredImage image = image();
            Set<String> model = new LinkedHashSet<>();
            int alphabet = 1 + random.nextInt(20); // past the list's eight tags in some rounds
            for (int i = 0; i < 60; i++) {
                String tag = "t" + random.nextInt(alphabet);
                if (random.nextInt(3) == 0) {
                    image.removeTag(tag);
                    model.remove(tag);
                } else {
                    image.addTag(tag);
                    model.add(tag);
                }

                assertThat(image.tags()).containsExactlyElementsOf(model);
            }
        }
    }

    @Test
    void theTagsReadAreNotTheImagesToChange() {
        StoredImage image = image();
        image.addTag("a");
        for (int i = 0; i < 10; i++) {
            image.addTag("many-" + i);
        }

        assertThatThrownBy(() -> image.tags().add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(image.tags()).hasSize(11).doesNotContain("b");
    }

    private static StoredImage image() {
        Manifest manifest = new Manifest("application/vnd.oci.image.manifest.v1+json", null, 0, null, List.of(),
                List.of());
        return new StoredImage(1, "sha256:" + "0".repeat(64), "{}", manifest, 0, Instant.EPOCH);
    }
}
