package com.example.promoter;

import static dev.fakeecr.assertj.EcrAssertions.assertThat;
import static dev.fakeecr.assertj.EcrAssertions.assertThatEcrThrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import dev.fakeecr.FakeEcr;
import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.registry.RegistryLogin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ServerException;

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

        assertThat(fake).repository("shop/api").hasTagPointingTo("production", digest).hasOnlyTags("1.4.2", "production");
        assertThat(fake).calls().haveOperations("BatchGetImage", "PutImage").allSucceeded();
    }

    @Test
    void promotesAnImageThatJibPushedThroughTheRegistryEndpoint(EcrClient ecr, FakeEcr fake, @TempDir Path build)
            throws Exception {
        fake.createRepository("shop/api");
        RegistryLogin login = fake.registryLogin(); // user AWS, a GetAuthorizationToken-style password
        String digest = Jib.fromScratch()
                .addLayer(List.of(Files.writeString(build.resolve("app.jar"), "the build")), AbsoluteUnixPath.get("/app"))
                .containerize(Containerizer.to(RegistryImage.named(fake.imageReference("shop/api", "1.4.2"))
                        .addCredential(login.username(), login.password())).setAllowInsecureRegistries(true))
                .getDigest().toString();

        new ImagePromoter(ecr).promote("shop/api", "1.4.2", "production");

        assertThat(fake).repository("shop/api").hasTagPointingTo("production", digest).hasOnlyTags("1.4.2", "production");
    }

    @Test
    void survivesTwoServerErrorsBecauseTheSdkRetries(EcrClient ecr, FakeEcr fake) {
        fake.createRepository("shop/api");
        fake.putImage("shop/api", "1.4.2", MANIFEST);
        fake.onCall("PutImage").times(2).failWith(ServerException.class);

        new ImagePromoter(ecr).promote("shop/api", "1.4.2", "production");

        assertThat(fake).calls("PutImage").hasSize(3).last().succeeded();
        assertThat(fake).repository("shop/api").hasTag("production");
    }

    @Test
    void ecrRefusesAnImmutableTagWithItsOwnError(EcrClient ecr, FakeEcr fake) {
        ecr.createRepository(r -> r.repositoryName("shop/api").imageTagMutability(ImageTagMutability.IMMUTABLE));
        fake.putImage("shop/api", "production", MANIFEST);

        assertThatEcrThrownBy(() -> ecr.putImage(r -> r.repositoryName("shop/api").imageTag("production")
                .imageManifest(MANIFEST.replace("1470", "1471"))))
                .hasErrorCode("ImageTagAlreadyExistsException")
                .hasStatusCode(400)
                .hasErrorMessage("The image tag 'production' already exists in the 'shop/api' repository"
                        + " and cannot be overwritten because the tag is immutable.");
    }

    @Test
    void promotingTwiceIsHarmless(EcrClient ecr, FakeEcr fake) {
        fake.createRepository("shop/api");
        fake.putImage("shop/api", "1.4.2", MANIFEST);
        ImagePromoter promoter = new ImagePromoter(ecr);

        promoter.promote("shop/api", "1.4.2", "production");
        promoter.promote("shop/api", "1.4.2", "production"); // real ECR answers ImageAlreadyExistsException

        assertThat(fake).repository("shop/api").hasImageCount(1);
        assertThat(fake).calls("PutImage").last().failedWith("ImageAlreadyExistsException");
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
