package dev.fakeecr.distribution;

import static dev.fakeecr.assertj.EcrAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import dev.fakeecr.FakeEcr;
import dev.fakeecr.junit.FakeEcrExtension;
import dev.fakeecr.registry.RegistryLogin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Jib (jib-core 0.27.3) builds and pushes images into the registry endpoint: from scratch with two tags, and
 * on a base image held in the fake (Jib then asks to mount every base layer, and uploads when ECR says no).
 */
class JibIT {
    @RegisterExtension
    static FakeEcrExtension fakeEcr = FakeEcrExtension.builder().repositories("base", "app").build();

    @TempDir
    Path work;

    private FakeEcr fake;
    private EcrClient ecr;

    @BeforeAll
    static void allowCredentialsOverPlainHttp() {
        // Jib drops credentials over http unless told otherwise; the fake serves plain http on loopback.
        System.setProperty("sendCredentialsOverHttp", "true");
    }

    @AfterAll
    static void forgetIt() {
        System.clearProperty("sendCredentialsOverHttp");
    }

    @BeforeEach
    void setUp(FakeEcr fake, EcrClient ecr) {
        this.fake = fake;
        this.ecr = ecr;
    }

    private Containerizer to(String repository, String tag) throws Exception {
        RegistryLogin login = fake.registryLogin();
        return Containerizer.to(RegistryImage.named(fake.imageReference(repository, tag))
                        .addCredential(login.username(), login.password()))
                .setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(work.resolve("base-cache"))
                .setApplicationLayersCache(work.resolve("app-cache"));
    }

    private Path file(String name, String content) throws Exception {
        Path file = work.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void pushesAnImageFromScratchWithTwoTagsThatTheEcrApiSees() throws Exception {
        JibContainer container = Jib.fromScratch()
                .addLayer(List.of(file("hello.txt", "hello from jib")), AbsoluteUnixPath.get("/app"))
                .containerize(to("app", "1.0").withAdditionalTag("latest"));

        String digest = container.getDigest().toString();
        assertThat(fake).repository("app").hasTagPointingTo("1.0", digest).hasTagPointingTo("latest", digest);
        var described = ecr.describeImages(r -> r.repositoryName("app")).imageDetails();
        assertThat(described).singleElement().satisfies(image -> {
            assertThat(image.imageDigest()).isEqualTo(digest);
            assertThat(image.imageTags()).containsExactlyInAnyOrder("1.0", "latest");
        });
        assertThat(fake.calls("PutImage")).hasSize(2).allSatisfy(call -> assertThat(call.succeeded()).isTrue());
    }

    @Test
    void buildsOnABaseImageHeldInTheFake() throws Exception {
        JibContainer base = Jib.fromScratch()
                .addLayer(List.of(file("base.txt", "the base layer")), AbsoluteUnixPath.get("/base"))
                .containerize(to("base", "1"));
        RegistryLogin login = fake.registryLogin();

        JibContainer app = Jib.from(RegistryImage.named(fake.imageReference("base", "1"))
                        .addCredential(login.username(), login.password()))
                .addLayer(List.of(file("app.txt", "the app layer")), AbsoluteUnixPath.get("/app"))
                .containerize(to("app", "2.0"));

        assertThat(fake).repository("app").hasTagPointingTo("2.0", app.getDigest().toString());
        String baseManifest = fake.image("base", "1").orElseThrow().manifest();
        String appManifest = fake.image("app", "2.0").orElseThrow().manifest();
        String baseLayer = baseManifest.substring(baseManifest.indexOf("\"layers\""));
        assertThat(appManifest).as("the app image carries the base layer").contains(baseLayer.substring(0, baseLayer.indexOf('}')));
        assertThat(fake.calls("InitiateLayerUpload")).isNotEmpty();
        assertThat(base.getDigest()).isNotEqualTo(app.getDigest());
    }
}
