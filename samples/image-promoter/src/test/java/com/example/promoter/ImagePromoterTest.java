package com.example.promoter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeecr.FakeEcr;
import dev.fakeecr.junit.FakeEcrExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

// The README's quick start: this file is compiled and run by the README's main-job command.
@ExtendWith(FakeEcrExtension.class)
class ImagePromoterTest {
    static final String MANIFEST = "{\"schemaVersion\":2,"
            + "\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1470,"
            + "\"digest\":\"sha256:4e2a9e3a1f8ce6a8b0e9c9bb1b6e8a3c8d3f2a1e0b9c8d7e6f5a4b3c2d1e0f9a\"},"
            + "\"layers\":[]}";

    @Test
    void promotesAnImageByRetaggingIt(EcrClient ecr, FakeEcr fake) {
        fake.createRepository("shop/api");
        String digest = fake.putImage("shop/api", "1.4.2", MANIFEST).digest();

        new ImagePromoter(ecr).promote("shop/api", "1.4.2", "production");

        assertThat(fake.image("shop/api", "production")).get()
                .satisfies(image -> assertThat(image.digest()).isEqualTo(digest))
                .satisfies(image -> assertThat(image.tags()).containsExactly("1.4.2", "production"));
    }

    @Test
    void promotingTwiceIsHarmless(EcrClient ecr, FakeEcr fake) {
        fake.createRepository("shop/api");
        fake.putImage("shop/api", "1.4.2", MANIFEST);
        ImagePromoter promoter = new ImagePromoter(ecr);

        promoter.promote("shop/api", "1.4.2", "production");
        promoter.promote("shop/api", "1.4.2", "production"); // real ECR answers ImageAlreadyExistsException

        assertThat(fake.images("shop/api")).hasSize(1);
    }

    @Test
    void anImmutableTargetTagIsReported(EcrClient ecr, FakeEcr fake) {
        ecr.createRepository(r -> r.repositoryName("shop/api").imageTagMutability(ImageTagMutability.IMMUTABLE));
        fake.putImage("shop/api", "1.4.2", MANIFEST);
        fake.putImage("shop/api", "production", MANIFEST.replace("1470", "1471"));

        assertThatThrownBy(() -> new ImagePromoter(ecr).promote("shop/api", "1.4.2", "production"))
                .isInstanceOf(ImagePromoter.PromotionRefusedException.class)
                .hasMessageContaining("immutable");
    }

    @Test
    void aMissingSourceTagIsReported(EcrClient ecr, FakeEcr fake) {
        fake.createRepository("shop/api");

        assertThatThrownBy(() -> new ImagePromoter(ecr).promote("shop/api", "9.9.9", "production"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ImageNotFound");
    }
}
